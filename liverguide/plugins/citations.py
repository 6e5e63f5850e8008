"""Citations: the numbered reference list on every page that cites, and a site-wide
"References" page listing every source cited anywhere.

The reader numbers the citations (liverguide.syntax.citations) and leaves on each content
object what it cites: `cited_keys` in number order and `citation_spots`, the ids of the places
citing each number. From those, once everything is read (`all_generators_finalized`):
- `references`: the page's references (liverguide.sources.bibliography.Reference), in number
  order: data for other features, such as the JSON-LD of the hosted build;
- `reference_list`: the list's HTML, for the templates;
- the References page's `reference_list`: every cited source, by first author, with links to
  the pages that cite it. Entries nothing cites are named in a note.

Settings (pelicanconf.py):
  CITATIONS_BIBLIOGRAPHY  the .bib file, relative to PATH (default "references.bib")
  CITATIONS_INDEX_PAGE    slug of the page that gets the site-wide list (default "references")
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from pelican import signals

from liverguide.errors import ContentError
from liverguide.sources import bibliography, reference_lists


def build_lists(generators) -> None:
    articles = next((g for g in generators if hasattr(g, "articles")), None)
    pages = next((g for g in generators if hasattr(g, "hidden_pages")), None)
    if articles is None or pages is None:
        return
    settings = articles.settings
    bib = Path(settings["PATH"]) / settings.get("CITATIONS_BIBLIOGRAPHY", "references.bib")
    index_slug = settings.get("CITATIONS_INDEX_PAGE", "references")
    references = bibliography.load(bib)

    citing: dict[str, list] = {}
    # Drafts (written only by the devserver's preview) get their own list, but the References
    # page never lists a source only a draft cites, nor links to a draft.
    drafts = [*getattr(articles, "drafts", ()), *getattr(pages, "draft_pages", ())]
    for content in [*articles.articles, *pages.pages, *pages.hidden_pages, *drafts]:
        keys = getattr(content, "cited_keys", None) or []
        content.references = [references[key] for key in keys]
        if keys:
            content.reference_list = reference_lists.article_list(content.references, content.citation_spots)
        if content not in drafts:
            for key in keys:
                citing.setdefault(key, []).append(content)

    index = next((p for p in [*pages.pages, *pages.hidden_pages] if p.slug == index_slug), None)
    if index is None and citing:
        raise ContentError(bib, None, f"no page with slug '{index_slug}' to list every cited source "
                           "(add content/pages/references.md or set CITATIONS_INDEX_PAGE)")
    if index is not None:
        index.reference_list = reference_lists.site_list([references[k] for k in citing], citing, index.url)

    # A note, not a logging warning: the build treats warnings as errors, and an entry kept for
    # later use is not an error. Pelican hides INFO logs unless run with -v, so print it.
    for key, reference in references.items():
        if key not in citing:
            where = os.path.relpath(bib) if bib.is_absolute() else bib
            print(f"note: {where}:{reference.line}: '{key}' is not cited anywhere", file=sys.stderr)


def register():
    signals.all_generators_finalized.connect(build_lists)
