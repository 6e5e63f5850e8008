"""The site's one reader: every content file is read by `GuideReader`, in one fixed order.

1. decode      UTF-8 text (a byte-order mark is dropped); anything else, and invisible control
               characters (NUL and the like), stop at their line.
2. front matter  checked against the article or page schema (liverguide.checks.front_matter).
3. Markdown    the body, then the Summary, through this reader's one Markdown instance with the
               site's extensions (liverguide.syntax), reset before each file.
4. safety      the HTML of the body and of the Summary against the one allowlist
               (liverguide.checks.content_safety), and links within the guide kept inside the
               content folder (liverguide.checks.site_links).
5. additions   the glossary page gets its A–Z list (glossary_page.py), from the theme's
               template and the glossary's text; then one parse for the page's search text
               (page_text.py) and its links and ids (liverguide.checks.links, checked by the
               links plugin once every page is read).
6. metadata    Pelican's own fields, the typed fields, the line of every field, and what later
               steps use: the keys the page cites and where (`cited_keys`, `citation_spots`),
               its `##` headings from the toc extension (`headings`), its `search_text`, its
               `page_links` and `page_ids`; then the page's shape is checked
               (liverguide.checks.structure).

Later steps take data from the content object, never HTML: the reference list and the JSON-LD
are made from `cited_keys`, "On this page" from `headings`, the search index from `search_text`.
What the reader's output depends on besides the file itself is declared in `cache_inputs()`,
the one list the content cache is checked against (liverguide.plugins.content_cache).
"""
from __future__ import annotations

import html as html_entities
import os
import re
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from pelican.readers import BaseReader

from liverguide.checks import content_safety, links, site_links, structure
from liverguide.checks.front_matter import ARTICLE_FIELDS, PAGE_FIELDS, check
from liverguide.errors import ContentError, line_of, read_utf8
from liverguide.sources import bibliography, glossary_file
from liverguide.sources.clinic import load_clinic
from liverguide.syntax import SUMMARY, SourceFile
from liverguide.syntax.care_cards import CareCardExtension, Contact
from liverguide.syntax.citations import CitationExtension
from liverguide.syntax.diagrams import DiagramExtension
from liverguide.syntax.glossary_terms import GlossaryExtension
from liverguide.syntax.tables import ResponsiveTablesExtension

from . import glossary_page, page_text

MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")
# Typed values that replace Pelican's strings; Pelican's own date, slug, category and summary
# handling is kept (it needs its own types for those).
TYPED_FIELDS = ("order", "last_reviewed", "next_review", "keywords")
# Characters no editor types and no page should hold: they hide in text pasted from elsewhere,
# and HTML parsers treat them each their own way. Tab, line feed and carriage return are text.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_NAMES = {"\x00": "NUL", "\x0b": "vertical tab", "\x0c": "form feed", "\x1b": "escape", "\x7f": "delete"}


@dataclass(frozen=True)
class ReaderSettings:
    """Every setting the reader reads, in one place."""
    content: Path
    article_paths: tuple[str, ...]
    page_paths: tuple[str, ...]
    markdown: dict
    formatted_fields: tuple[str, ...]
    bibliography: Path
    glossary_file: Path
    glossary_page: str
    diagrams_folder: str
    clinic: dict

    # The settings whose values shape what the reader makes, for the content cache.
    NAMES = ("PATH", "ARTICLE_PATHS", "PAGE_PATHS", "MARKDOWN", "FORMATTED_FIELDS", "CITATIONS_BIBLIOGRAPHY",
             "GLOSSARY_FILE", "GLOSSARY_PAGE", "GLOSSARY_TEMPLATE", "DIAGRAMS_DIR", "THEME",
             "THEME_TEMPLATES_OVERRIDES", "JINJA_ENVIRONMENT", "SUMMARY_MAX_LENGTH", "ARTICLE_CATEGORIES",
             "CLINIC", *structure.SETTINGS)

    @classmethod
    def of(cls, settings: dict) -> ReaderSettings:
        content = Path(settings["PATH"])
        return cls(
            content=content,
            article_paths=tuple(settings["ARTICLE_PATHS"]),
            page_paths=tuple(settings["PAGE_PATHS"]),
            markdown=settings["MARKDOWN"],
            formatted_fields=tuple(settings["FORMATTED_FIELDS"]),
            bibliography=content / settings.get("CITATIONS_BIBLIOGRAPHY", "references.bib"),
            glossary_file=content / settings.get("GLOSSARY_FILE", "glossary.yaml"),
            glossary_page=settings.get("GLOSSARY_PAGE", "pages/glossary.md").lstrip("/"),
            diagrams_folder=settings.get("DIAGRAMS_DIR", "diagrams"),
            # liverguide.plugins.clinic reads it on `initialized`; without that plugin, here.
            clinic=settings.get("CLINIC") or load_clinic(settings["CLINIC_FILE"]),
        )


def cache_inputs(settings: dict) -> tuple[list[Path], tuple[str, ...]]:
    """The files and settings a file's HTML and metadata depend on, besides its own text: the
    bibliography its citations are numbered from, the glossary its terms link to and the
    template of the A–Z list, the diagrams it places, the clinic's phone its care cards end
    with (the CLINIC setting). (The code is the package's own.)"""
    conf = ReaderSettings.of(settings)
    templates = [Path(folder) for folder in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    templates.append(Path(settings["THEME"]) / "templates" / settings.get("GLOSSARY_TEMPLATE", ""))
    files = [conf.bibliography, conf.glossary_file, conf.content / conf.diagrams_folder, *templates]
    return files, ReaderSettings.NAMES


def decode(source_path: str) -> str:
    text = read_utf8(source_path)
    control = CONTROL.search(text)
    if control:
        char = control.group()
        name = CONTROL_NAMES.get(char, f"U+{ord(char):04X}")
        raise ContentError(source_path, line_of(text, control.start()),
                           f"has an invisible control character ({name}) at column "
                           f"{control.start() - text.rfind(chr(10), 0, control.start())}: delete it "
                           "(it often comes with text copied from a PDF or a word processor)")
    return text


class GuideReader(BaseReader):
    enabled = True
    file_extensions = list(MARKDOWN_EXTENSIONS)
    # Results worked out ahead, in other processes (liverguide.plugins.parallel): an object with
    # take(path) -> (html, metadata) or None. None: every file is read here.
    read_ahead = None

    def __init__(self, settings):
        super().__init__(settings)
        site_links.forget_resolved_paths()  # a new build: the files may have changed
        self.conf = ReaderSettings.of(settings)
        self.source = SourceFile()
        self.glossary = glossary_file.load_cached(self.conf.glossary_file)
        self.md = self._markdown()

    def _markdown(self) -> Markdown:
        conf, source = self.conf, self.source
        self.citations = CitationExtension(bibliography.load(conf.bibliography), source)
        contact = Contact(name=conf.clinic["name"], phone=conf.clinic["phone"], tel=conf.clinic["tel"])
        own = [
            CareCardExtension(contact, source),
            DiagramExtension(conf.diagrams_folder, conf.content / conf.diagrams_folder, source),
            ResponsiveTablesExtension(),
            GlossaryExtension(self.glossary, conf.glossary_page, source),
            self.citations,
        ]
        options = dict(conf.markdown)
        configs = options.pop("extension_configs", {})
        named = list(options.pop("extensions", []))
        named += [name for name in configs if name not in named]
        return Markdown(extensions=[*own, *named], extension_configs=configs, **options)

    def read(self, source_path):
        if self.read_ahead is not None:
            result = self.read_ahead.take(source_path)
            if result is not None:
                return result
        return self.read_here(source_path)

    def read_here(self, source_path):
        text = decode(source_path)
        schema = self._schema(source_path)
        checked = check(source_path, text, schema, self.settings)
        try:
            html, cited, headings, formatted = self._convert(source_path, text, checked)
        except BaseException:
            self.md = self._markdown()  # whatever a failed conversion left half done, is gone
            raise
        site_links.check(html, text, (source_path, checked.body_line), self.conf.content)
        for name, value in formatted.items():
            content_safety.check(value, text, (source_path, checked.lines[name]), body=False)
            site_links.check(value, text, (source_path, checked.lines[name]), self.conf.content, body=False)
        # The A–Z list is the theme's, made from the glossary's text (checked as it is read).
        if Path(source_path).as_posix().endswith("/" + self.conf.glossary_page) and self.glossary is not None:
            html += glossary_page.render_list(self.glossary, self.settings)

        search_text, page_links = "", links.NONE
        if html.strip():
            tree = page_text.parse(html)
            search_text = page_text.shown_text(tree)
            page_links = links.collect(source_path, text, tree)

        metadata = {}
        for name, raw in checked.raw.items():
            metadata[name] = self.process_metadata(name, formatted.get(name, raw))
        for name in TYPED_FIELDS:
            if name in checked.values:
                metadata[name] = checked.values[name]
        metadata.update(field_lines=checked.lines, cited_keys=cited.keys, citation_spots=cited.spots,
                        headings=headings, search_text=search_text, **page_links)
        structure.check(source_path, text, checked, schema is ARTICLE_FIELDS, metadata, self.settings)
        return html, metadata

    def _schema(self, source_path: str):
        relative = Path(os.path.relpath(source_path, self.conf.content)).as_posix()
        for folders, schema in ((self.conf.article_paths, ARTICLE_FIELDS), (self.conf.page_paths, PAGE_FIELDS)):
            if any(relative.startswith(folder.rstrip("/") + "/") for folder in folders):
                return schema
        raise ContentError(source_path, None, "is neither in an articles folder nor in a pages folder "
                                              f"({', '.join(self.conf.article_paths + self.conf.page_paths)})")

    def _convert(self, source_path: str, text: str, checked):
        """The body's HTML, what it cites, its `##` headings (id, text), and the HTML of the
        fields written in Markdown (FORMATTED_FIELDS: the Summary)."""
        md, source = self.md, self.source
        source.start(source_path, text)
        md.reset()
        lines = text.splitlines()
        body = "\n".join(lines[checked.body_line - 1:])
        if not body.strip():
            raise ContentError(source_path, min(checked.body_line, len(lines)),
                               "has no text after its fields: write the page's text after one blank line")
        html = md.convert(body)
        # The body's safety first: an unclosed tag turns the rest of a page into raw HTML, where
        # a citation is left as text, and the tag is the mistake to name.
        content_safety.check(html, text, (source_path, checked.body_line))
        self.citations.check_set_aside_html(md)
        cited = self.citations.cited
        # toc's names are text with the entities smarty wrote ("&ldquo;"): shown as characters.
        headings = [(token["id"], html_entities.unescape(token["name"]))
                    for token in getattr(md, "toc_tokens", []) if token["level"] == 2]
        formatted = {}
        source.part = SUMMARY
        for name in self.conf.formatted_fields:
            if name in checked.raw:
                md.reset()
                formatted[name] = md.convert(checked.raw[name])
        return html, cited, headings, formatted
