"""Citations: a BibTeX bibliography (content/references.bib), pandoc-style `[@key]` citations
rendered as AMA numbered superscripts, a reference list on every page that cites, and a
site-wide "References" page listing every source cited anywhere.

Settings (pelicanconf.py):
  CITATIONS_BIBLIOGRAPHY  the .bib file, relative to PATH (default "references.bib")
  CITATIONS_INDEX_PAGE    slug of the page that gets the site-wide list (default "references")
"""
from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.readers import MarkdownReader

from content_errors import ContentError

from . import bibliography, lists
from .syntax import CitationExtension, Document, current_document

HERE = Path(__file__).resolve().parent
STAMP = "citations-bibliography.sha256"


@dataclass(frozen=True)
class Config:
    bib: Path
    index_page: str
    cache_path: Path
    caching: bool


def config(settings) -> Config:
    return Config(
        bib=Path(settings["PATH"]) / settings.get("CITATIONS_BIBLIOGRAPHY", "references.bib"),
        index_page=settings.get("CITATIONS_INDEX_PAGE", "references"),
        cache_path=Path(settings["CACHE_PATH"]),
        caching=bool(settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")),
    )


def citing_reader(base: type, references: dict) -> type:
    """A subclass of the Markdown reader in use (ours or another plugin's) that gives the
    citation extension the file being read, then stores what it cited in the metadata."""

    class CitingReader(base):
        def read(self, source_path):
            path = Path(source_path)
            document = Document(path, path.read_text(encoding="utf-8"), references)
            token = current_document.set(document)
            try:
                content, metadata = super().read(source_path)
            finally:
                current_document.reset(token)
            metadata["cited_keys"] = list(document.numbers)
            if document.numbers:
                metadata["reference_list"] = lists.article_list(document.references, document.spots)
            return content, metadata

    CitingReader.__name__ = CitingReader.__qualname__ = "Citing" + base.__name__
    CitingReader.citing = True
    return CitingReader


def install(readers) -> None:
    """Load the bibliography and make every Markdown file read through the citing reader."""
    conf = config(readers.settings)
    references = bibliography.load(conf.bib, conf.cache_path if conf.caching else None)
    markdown = readers.settings["MARKDOWN"]
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(e, CitationExtension) for e in extensions):
        extensions.append(CitationExtension())
    for ext in MarkdownReader.file_extensions:
        base = readers.reader_classes.get(ext)
        if base:
            while getattr(base, "citing", False):  # a reload of the settings: wrap the original
                base = base.__mro__[1]
            readers.reader_classes[ext] = citing_reader(base, references)


def invalidate_stale_cache(pelican) -> None:
    """Pelican's content cache only notices edits to the cached file itself; rendered citations
    also depend on the .bib and on this plugin, so drop the cache when either changes. Runs
    before the generators load their caches, on every (re)build."""
    conf = config(pelican.settings)
    if not conf.caching:
        return
    digest = hashlib.sha256()
    for path in [conf.bib, *sorted(HERE.glob("*.py"))]:
        digest.update(path.read_bytes() if path.exists() else b"")
    stamp = conf.cache_path / STAMP
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    if conf.cache_path.is_dir():
        for cached in conf.cache_path.iterdir():
            if cached.name.endswith(("Generator", "-Readers")):
                cached.unlink()
    conf.cache_path.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest.hexdigest())


def build_index(generators) -> None:
    """Fill the site-wide list and name the entries nothing cites."""
    articles = next((g for g in generators if hasattr(g, "articles")), None)
    pages = next((g for g in generators if hasattr(g, "hidden_pages")), None)
    if articles is None or pages is None:
        return
    conf = config(articles.settings)
    references = bibliography.load(conf.bib, conf.cache_path if conf.caching else None)
    contents = [*articles.articles, *pages.pages, *pages.hidden_pages]
    citing: dict[str, list] = {}
    for content in contents:
        for key in getattr(content, "cited_keys", []):
            citing.setdefault(key, []).append(content)

    index = next((p for p in [*pages.pages, *pages.hidden_pages] if p.slug == conf.index_page), None)
    if index is None and citing:
        raise ContentError(conf.bib, None, f"no page with slug '{conf.index_page}' to list every cited source "
                           "(add content/pages/references.md or set CITATIONS_INDEX_PAGE)")
    if index is not None:
        index.reference_list = lists.site_list([references[k] for k in citing], citing, index.url)

    # A note, not a logging warning: the build treats warnings as errors, and an entry kept for
    # later use is not an error. Pelican hides INFO logs unless run with -v, so print it.
    for key, reference in references.items():
        if key not in citing:
            where = os.path.relpath(conf.bib) if conf.bib.is_absolute() else conf.bib
            print(f"note: {where}:{reference.line}: '{key}' is not cited anywhere", file=sys.stderr)


def register():
    signals.readers_init.connect(install)
    signals.get_generators.connect(invalidate_stale_cache)
    signals.all_generators_finalized.connect(build_index)
