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

from pathlib import Path

from pelican import signals

from liverguide.checks import content_safety
from liverguide.errors import ContentError, display_path, note
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

    # The reference lists are HTML made from the bibliography's fields: held to the same policy
    # as the pages they go into.
    for key in citing:
        fault = content_safety.fault_in(reference_lists.entry_html(references[key]))
        if fault is not None:
            raise ContentError(bib, references[key].line, f"entry '{key}': {fault.message}")

    # A note, not a warning: an entry kept for later use is not an error.
    for key, reference in references.items():
        if key not in citing:
            note(f"{display_path(bib)}:{reference.line}: '{key}' is not cited anywhere")


def register():
    signals.all_generators_finalized.connect(build_lists)
