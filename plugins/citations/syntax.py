"""Pandoc's citation syntax, `[@key]`, `[@a; @b]` and `[@key, p. 3]`, as a Python-Markdown
inline processor that numbers citations in order of first appearance (AMA/Vancouver) and
renders each as a superscript with links to the reference list and a no-JavaScript preview."""
from __future__ import annotations

import bisect
import functools
import re
import xml.etree.ElementTree as etree
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor, RawHtmlPostprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from content_errors import ContentError, did_you_mean

from . import ama
from .bibliography import Reference

# Pandoc's citation keys: a letter, digit or _, then word characters and internal punctuation.
KEY = r"\w(?:[\w:.#$%&+?<>~/-]*\w)?"
ITEM = re.compile(rf"\s*@(?P<key>{KEY})\s*(?:,\s*(?P<locator>[^;]*?))?\s*")
# A bracket holding an @ that begins a word: "[@a]", "[see @a]" (rejected later), never "[a@b.org]".
CITATION_LIKE = re.compile(r"(?:^|[\s;])-?@\w")
# Brackets with an @ inside, not followed by "(" or "[" (then it is a link's text) or ":" (a
# reference-link definition).
BRACKET = r"\[(?P<body>[^\[\]]*@[^\[\]]*)\](?![(\[:])"


@dataclass
class Cite:
    key: str
    locator: str = ""


def parse_bracket(body: str) -> list[Cite] | None:
    """The citations in the text between brackets; None when it is not a citation at all.
    Raises ValueError with the reason when it looks like one but is malformed."""
    if not CITATION_LIKE.search(body):
        return None
    cites = []
    for part in body.split(";"):
        match = ITEM.fullmatch(part)
        if not match:
            raise ValueError(f"malformed citation '[{body}]': write [@key], [@a; @b] or [@key, p. 3]")
        cites.append(Cite(match["key"], match["locator"] or ""))
    keys = [c.key for c in cites]
    for key in keys:
        if keys.count(key) > 1:
            raise ValueError(f"'{key}' is cited twice in '[{body}]'")
    return cites


def split(text: str) -> list[str | list[Cite]]:
    """Text cut into plain runs and citations, outside Markdown (for tests and tools): joining
    the plain runs with each citation's source gives the text back."""
    pieces: list = []
    position = 0
    for match in re.finditer(BRACKET, text):
        try:
            cites = parse_bracket(match["body"])
        except ValueError:
            cites = None
        if cites is None:
            continue
        pieces.append(text[position:match.start()])
        pieces.append((match.group(0), cites))
        position = match.end()
    pieces.append(text[position:])
    return pieces


def locator_text(locator: str) -> str:
    """AMA puts page locators in the superscript without a space: 'p. 3' becomes '(p3)'."""
    compact = re.sub(r"^(pp?)\.\s*", r"\1", locator.strip())
    return f"({compact})"


def letters(index: int) -> str:
    """a, b, …, z, aa, ab, … for the first, second, … citation of one reference."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("a") + rest) + name
    return name


@dataclass
class Document:
    """One source file being read: where it is, its text for line numbers, and what it cites."""
    path: Path
    text: str
    bibliography: dict[str, Reference]
    numbers: dict[str, int] = field(default_factory=dict)  # key -> number, in order of first citation
    spots: dict[int, list[str]] = field(default_factory=dict)  # number -> ids of the places citing it
    pending: dict = field(default_factory=dict)  # marker element -> its citations, until numbered
    cursor: int = 0
    body_done: bool = False
    _line_starts: list[int] | None = field(default=None, repr=False)

    def line(self, source: str) -> int:
        """Line of a citation in the file; the cursor keeps repeated identical citations apart."""
        # Most citations stand in the source exactly as Markdown hands them over; only one
        # broken over lines needs the whitespace-tolerant pattern.
        start = self.text.find(source, self.cursor)
        if start >= 0:
            self.cursor = start + len(source)
            return self._line_at(start)
        pattern = _source_pattern(source)
        match = pattern.search(self.text, self.cursor) or pattern.search(self.text)
        if not match:
            return self._line_at(self.cursor)
        self.cursor = match.end()
        return self._line_at(match.start())

    def _line_at(self, offset: int) -> int:
        # Counting newlines from the start at every citation made long files quadratic.
        if self._line_starts is None:
            self._line_starts = [m.end() for m in re.finditer("\n", self.text)]
        return bisect.bisect_right(self._line_starts, offset) + 1

    def error(self, source: str, message: str) -> ContentError:
        return ContentError(self.path, self.line(source), message)

    @property
    def references(self) -> list[Reference]:
        return [self.bibliography[key] for key in self.numbers]


@functools.lru_cache(maxsize=4096)
def _source_pattern(source: str) -> re.Pattern:
    """A citation's source text, allowing any run of whitespace where Markdown joined lines.
    The same few citations recur in every file, so each pattern is compiled once."""
    return re.compile(r"\s+".join(map(re.escape, source.split())))


# The file the reader is converting; set by the citing reader around each conversion.
current_document: ContextVar[Document | None] = ContextVar("current_document", default=None)


class FileBound:
    """A processor working for the file being read. One Markdown instance may convert many
    files (plugins/markdown_reuse), and tells its processors of each new one by start_file()."""

    document: Document | None

    def start_file(self) -> None:
        self.document = current_document.get()


class CitationProcessor(FileBound, InlineProcessor):
    def __init__(self, document: Document, md):
        super().__init__(BRACKET, md)
        self.document = document

    def handleMatch(self, m, data):
        document = self.document
        if document is None:  # no file being read: the text stays as it is
            return None, None, None
        source = m.group(0)
        try:
            cites = parse_bracket(m["body"])
        except ValueError as reason:
            raise document.error(source, str(reason)) from None
        if cites is None:
            return None, None, None
        if document.body_done:
            raise document.error(source, "citations belong in the text, not in the metadata (Summary)")
        for cite in cites:
            if cite.key not in document.bibliography:
                hint = did_you_mean(cite.key, document.bibliography)
                raise document.error(source, f"unknown citation key '{cite.key}'{hint}")
        document.line(source)  # keep the cursor moving so later errors point at the right line
        # AMA sets the superscript right after the word it follows: "artery [@a]" -> "artery¹".
        start = m.start(0)
        while start > 0 and data[start - 1] in " \t\n":
            start -= 1
        sup = etree.Element("sup", {"class": "citation"})
        document.pending[sup] = cites
        return sup, start, m.end(0)


class CitationNumbering(FileBound, Treeprocessor):
    """Numbers the markers in document order. The inline pass cannot: it handles nested blocks
    (list items, table cells) after the paragraphs around them."""

    def __init__(self, document: Document, md):
        super().__init__(md)
        self.document = document

    def run(self, root):
        if self.document is None or not self.document.pending:
            return
        smarty = self.md.treeprocessors["smarty"] if "smarty" in self.md.treeprocessors else None
        # What the preview HTML depends on besides the entry (worked out once a page, not per
        # citation: hashing smarty's pattern list each time cost more than the lookup).
        self.flavour = (tuple(smarty.inlinePatterns._priority) if smarty else None, self.md.output_format)
        self.smarty = smarty
        for sup in root.iter("sup"):
            cites = self.document.pending.pop(sup, None)
            if cites is not None:
                self.marker(sup, cites)

    def marker(self, sup: etree.Element, cites: list[Cite]) -> None:
        document = self.document
        for cite in cites:
            document.numbers.setdefault(cite.key, len(document.numbers) + 1)
        numbered = sorted(((document.numbers[c.key], c) for c in cites), key=lambda item: item[0])
        ids = {}
        for number, _ in numbered:
            spots = document.spots.setdefault(number, [])
            ids[number] = f"cite-{number}-{letters(len(spots))}"
            spots.append(ids[number])
        preview_id = "preview-" + ids[numbered[0][0]]
        out = ama.Builder(sup)

        def link(number: int) -> None:
            out.child("a", str(number), href=f"#ref-{number}", id=ids[number], **{"aria-describedby": preview_id})

        groups = _runs(numbered)
        for index, group in enumerate(groups):
            if index:
                out.text(",")
            if len(group) >= 3:
                link(group[0][0])
                for number, _ in group[1:-1]:  # not shown, but their entries link back here
                    etree.SubElement(sup, "span", {"id": ids[number]})
                out.text("-")
                link(group[-1][0])
            else:
                for position, (number, cite) in enumerate(group):
                    if position:
                        out.text(",")
                    link(number)
                    if cite.locator:
                        out.text(locator_text(cite.locator))

        preview = etree.SubElement(sup, "span", {"class": "citation-preview", "role": "tooltip", "id": preview_id})
        for number, cite in numbered:
            item = etree.SubElement(preview, "span", {"class": "citation-preview-item"})
            html = self.preview_html(document.bibliography[cite.key])
            # Finished HTML, stashed: neither smarty nor any later pass walks it again.
            item.text = AtomicString(f"{number}. " + self.md.htmlStash.store(html))

    def preview_html(self, reference) -> str:
        """A reference's preview as HTML, made once per build for every page that cites it
        (rendering it at each citation, and smarty walking each copy, cost more than the text)."""
        smarty = self.smarty
        cache_key = (reference, self.flavour)
        html = _previews.get(cache_key)
        if html is None:
            holder = etree.Element("div")
            ama.format_into(etree.SubElement(holder, "span"), reference, links=False)
            if smarty is not None:
                smarty.run(holder)  # the typographic quotes and dashes the text around it gets
            html = self.md.serializer(holder[0])[len("<span>"):-len("</span>")]
            html = RawHtmlPostprocessor(self.md).run(html)  # smarty's entities, from the stash
            _previews[cache_key] = html
        return html


# (reference, markdown flavour) -> preview HTML; a changed entry is a different key.
_previews: dict = {}


def _runs(numbered):
    """Consecutive numbers without locators collapse into one run ("1-3"); a locator stands alone."""
    runs: list[list] = []
    for number, cite in numbered:
        if runs and not cite.locator and not runs[-1][-1][1].locator and runs[-1][-1][0] == number - 1:
            runs[-1].append((number, cite))
        else:
            runs.append([(number, cite)])
    return runs


class BodyDone(FileBound, Postprocessor):
    """Marks the end of the file's body; Pelican then converts the Summary with the same parser."""

    def __init__(self, document: Document):
        super().__init__()
        self.document = document

    def run(self, text: str) -> str:
        if self.document is not None:
            self.document.body_done = True
        return text


class CitationExtension(Extension):
    """Active only while a citing reader converts a file (it provides the Document)."""

    def extendMarkdown(self, md):
        document = current_document.get()
        if document is None:
            return
        # After escapes (180) so "\[@key]" stays text, before links (160) so "[@a]" is not a
        # reference link; code spans (190) come first, so nothing inside backticks is touched.
        md.inlinePatterns.register(CitationProcessor(document, md), "citation", 175)
        # Right after the inline pass (20); the marker is an empty <sup> until then, so no other
        # inline pattern can touch its text.
        md.treeprocessors.register(CitationNumbering(document, md), "citation_numbering", 19)
        md.postprocessors.register(BodyDone(document), "citation_body_done", 0)
