"""Pandoc's citation syntax, `[@key]`, `[@a; @b]` and `[@key, p. 3]`, as a Python-Markdown
inline processor that numbers citations in order of first appearance (AMA/Vancouver) and
renders each as a superscript with links to the reference list and a no-JavaScript preview.

What a file cites is left in the extension's `cited` (a `Cited`) for the reader to hand on: the
reference list is made from it (liverguide.plugins.citations), never read back from HTML."""
from __future__ import annotations

import functools
import html as html_entities
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import RawHtmlPostprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from liverguide.errors import ContentError, did_you_mean
from liverguide.sources import ama
from liverguide.sources.bibliography import Reference

from . import BODY, SourceFile

# Pandoc's citation keys: a letter, digit or _, then word characters and internal punctuation.
KEY = r"\w(?:[\w:.#$%&+?<>~/-]*\w)?"
ITEM = re.compile(rf"\s*@(?P<key>{KEY})\s*(?:,\s*(?P<locator>[^;]*?))?\s*")
# A bracket holding an @ that begins a word: "[@a]", "[see @a]" (rejected later), never "[a@b.org]".
CITATION_LIKE = re.compile(r"(?:^|[\s;])-?@\w")
# Brackets with an @ inside. One followed by "(" or "[" is a link's text, and is a mistake only
# when it is a citation. A colon after it is punctuation ("These include [@key]:"): a
# reference-link definition ("[id]: url" on a line of its own) never reaches the inline pass,
# Python-Markdown takes those out of the text first.
BRACKET = r"\[(?P<body>[^\[\]]*@[^\[\]]*)\](?P<link>[(\[])?"
# "[@]", "[@ ; @]": an @ with no key after it.
EMPTY = re.compile(r"[\s;@-]*")


# Where a citation may not stand, with the words that say so.
MISPLACED = {**{f"h{level}": "in a heading" for level in range(1, 7)}, "a": "inside a link's text"}


@dataclass
class Cite:
    key: str
    locator: str = ""


def parse_bracket(body: str) -> list[Cite] | None:
    """The citations in the text between brackets; None when it is not a citation at all.
    Raises ValueError with the reason when it looks like one but is malformed."""
    if "@" in body and EMPTY.fullmatch(body):
        raise ValueError(f"empty citation '[{body}]': put the key of a source after the @, like [@kemeny1999]")
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
        if match["link"]:
            continue
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
class Cited:
    """What one file cites: each key's number, in order of first citation, and the ids of the
    places that cite each number (the reference list links back to them)."""
    numbers: dict[str, int] = field(default_factory=dict)
    spots: dict[int, list[str]] = field(default_factory=dict)

    @property
    def keys(self) -> list[str]:
        return list(self.numbers)


@functools.lru_cache(maxsize=4096)
def _source_pattern(source: str) -> re.Pattern:
    """A citation's source text, allowing any run of whitespace where Markdown joined lines.
    The same few citations recur in every file, so each pattern is compiled once."""
    return re.compile(r"\s+".join(map(re.escape, source.split())))


class CitationExtension(Extension):
    """Citations checked against `bibliography`, with errors at their line in `source`."""

    def __init__(self, bibliography: dict[str, Reference], source: SourceFile):
        super().__init__()
        self.bibliography = bibliography
        self.source = source
        self.previews: dict[Reference, str] = {}  # one per reference, for every file this reader reads
        self.reset()

    def reset(self) -> None:
        """A new file (Markdown.reset() calls this before each)."""
        self.cited = Cited()
        self.pending: dict = {}  # marker element -> (its citations, line, source), until numbered
        self.last_line = 0
        self.cursor = 0  # where the last citation was found in the source, for the next one's line

    def extendMarkdown(self, md):
        md.registerExtension(self)
        md.inlinePatterns.register(CitationProcessor(self, md), "citation", 176)
        md.treeprocessors.register(CitationNumbering(self, md), "citation_numbering", 19)
        md.treeprocessors.register(LeftoverCitations(self, md), "citation_leftovers", 2)

    def line(self, source: str) -> int:
        """Line of a citation in the file; the cursor keeps repeated identical citations apart."""
        text = self.source.text
        # Most citations stand in the source exactly as Markdown hands them over; only one
        # broken over lines needs the whitespace-tolerant pattern.
        start = text.find(source, self.cursor)
        if start >= 0:
            self.cursor = start + len(source)
            return self.source.line_at(start)
        pattern = _source_pattern(source)
        match = pattern.search(text, self.cursor) or pattern.search(text)
        if not match:
            return self.source.line_at(self.cursor)
        self.cursor = match.end()
        return self.source.line_at(match.start())

    def error(self, source: str, message: str) -> ContentError:
        return ContentError(self.source.path, self.line(source), message)

    def check_set_aside_html(self, md) -> None:
        """Raw HTML Markdown set aside while converting, outside code: a citation written there
        would reach patients as text. The reader asks once the page's HTML has passed the
        safety check, since an unclosed tag turns the rest of a page into raw HTML, and that tag
        is the mistake to name."""
        for block in md.htmlStash.rawHtmlBlocks:
            if isinstance(block, str) and ("[" in block or "@" in block):
                text = html_entities.unescape(HTML_TAG.sub(" ", NOT_PROSE_HTML.sub(" ", block)))
                found = leftover(text, self.bibliography)
                if found:
                    raise self.leftover_error(*found)

    def leftover_error(self, written: str, message: str) -> ContentError:
        return ContentError(self.source.path, self.line_outside_code(written), message)

    def line_outside_code(self, written: str) -> int | None:
        """The first line that shows `written` outside a fenced code sample (a leftover is
        text Markdown left alone, which it also does to a sample showing the syntax)."""
        first = written.split("\n", 1)[0]
        return next((number for number, line in self.source.lines_outside_code() if first in line), None)


class CitationProcessor(InlineProcessor):
    def __init__(self, extension: CitationExtension, md):
        super().__init__(BRACKET, md)
        self.extension = extension

    def handleMatch(self, m, data):
        citations = self.extension
        source = m.group(0)
        if m["link"]:
            # "[text](url)" is a link; only a citation in the link-text place is a mistake.
            try:
                cites = parse_bracket(m["body"])
            except ValueError:
                cites = None
            if cites is not None:
                raise citations.error(source[:-1], f"'{source[:-1]}' is written as a link's text: a citation "
                                      "stands after the words it supports, outside any link")
            return None, None, None
        try:
            cites = parse_bracket(m["body"])
        except ValueError as reason:
            raise citations.error(source, str(reason)) from None
        if cites is None:
            return None, None, None
        if citations.source.part != BODY:
            raise citations.error(source, "citations belong in the text, not in the metadata (Summary)")
        for cite in cites:
            if cite.key not in citations.bibliography:
                hint = did_you_mean(cite.key, citations.bibliography)
                raise citations.error(source, f"unknown citation key '{cite.key}'{hint}")
        # Keep the cursor moving so later errors point at the right line; the line is kept for
        # a marker found later in a place no citation may be (a heading, a link's text).
        citations.last_line = citations.line(source)
        # AMA sets the superscript right after the word it follows: "artery [@a]" -> "artery¹".
        start = m.start(0)
        while start > 0 and data[start - 1] in " \t\n":
            start -= 1
        sup = etree.Element("sup", {"class": "citation"})
        citations.pending[sup] = (cites, citations.last_line, source)
        return sup, start, m.end(0)


class CitationNumbering(Treeprocessor):
    """Numbers the markers in document order. The inline pass cannot: it handles nested blocks
    (list items, table cells) after the paragraphs around them."""

    def __init__(self, extension: CitationExtension, md):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        if not self.extension.pending:
            return
        self.misplaced(root)
        self.smarty = self.md.treeprocessors["smarty"] if "smarty" in self.md.treeprocessors else None
        for sup in root.iter("sup"):
            found = self.extension.pending.pop(sup, None)
            if found is not None:
                self.marker(sup, found[0])

    def misplaced(self, root) -> None:
        """A citation in a heading would sit in the page's outline and its "On this page" list,
        one in a link's text would make a link inside a link: both are refused."""
        pending, source = self.extension.pending, self.extension.source
        for holder in root.iter():
            where = MISPLACED.get(holder.tag)
            if where is None:
                continue
            for sup in holder.iter("sup"):
                if sup in pending:
                    _, line, written = pending[sup]
                    raise ContentError(source.path, line, f"'{written}' is {where}: "
                                       "cite in the sentence that makes the claim instead")

    def marker(self, sup: etree.Element, cites: list[Cite]) -> None:
        cited = self.extension.cited
        for cite in cites:
            cited.numbers.setdefault(cite.key, len(cited.numbers) + 1)
        numbered = sorted(((cited.numbers[c.key], c) for c in cites), key=lambda item: item[0])
        ids = {}
        for number, _ in numbered:
            spots = cited.spots.setdefault(number, [])
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
            html = self.preview_html(self.extension.bibliography[cite.key])
            # Finished HTML, stashed: neither smarty nor any later pass walks it again.
            item.text = AtomicString(f"{number}. " + self.md.htmlStash.store(html))

    def preview_html(self, reference: Reference) -> str:
        """A reference's preview as HTML, made once for every page that cites it (rendering it
        at each citation, and smarty walking each copy, cost more than the text)."""
        previews = self.extension.previews
        html = previews.get(reference)
        if html is None:
            holder = etree.Element("div")
            ama.format_into(etree.SubElement(holder, "span"), reference, links=False)
            if self.smarty is not None:
                self.smarty.run(holder)  # the typographic quotes and dashes the text around it gets
            html = self.md.serializer(holder[0])[len("<span>"):-len("</span>")]
            html = RawHtmlPostprocessor(self.md).run(html)  # smarty's entities, from the stash
            previews[reference] = html
        return html


# --- Citation-like text the inline pass did not make a citation ---------------------------------

# Any bracket, to look inside; an @key that pandoc reads as a citation without brackets ("as
# @kemeny1999 found"), not an e-mail address (info@example.org) or an escaped bracket's
# placeholder (Python-Markdown keeps `\[` as STX, its code, ETX, until the very end).
ANY_BRACKET = re.compile(r"\[(?P<body>[^\[\]\n]*)\]")
BARE_KEY = re.compile(rf"(?<![\w@.\x03/\\-])@(?P<key>{KEY})")
# Where text is code or no text at all, so a citation shown there is meant as it is written.
NOT_PROSE = {"code", "pre", "kbd", "samp", "script", "style"}
NOT_PROSE_HTML = re.compile(r"<(pre|code|kbd|samp|script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
HTML_TAG = re.compile(r"<[^>]*>")


def leftover(text: str, bibliography) -> tuple[str, str] | None:
    """(what is written, what is wrong) for the first piece of `text` that a reader would see
    as a raw citation, or None: a bracket holding an @key, a bracket holding only keys of the
    bibliography without their @, or a bare @key of the bibliography."""
    if "[" in text:
        for match in ANY_BRACKET.finditer(text):
            body, written = match["body"], match.group(0)
            if "@" in body and (CITATION_LIKE.search(body) or EMPTY.fullmatch(body)):
                return written, (f"'{written}' would show as text, not as a citation: write each citation "
                                 "as [@key] in the Markdown text, outside HTML tags and links")
            keys = [part.split(",", 1)[0].strip() for part in body.split(";")]
            if all(key in bibliography for key in keys):
                fixed = "; ".join("@" + part.strip() for part in body.split(";"))
                return written, f"'{written}' names a source without its '@': write [{fixed}]"
    if "@" in text:
        for match in BARE_KEY.finditer(text):
            if match["key"] in bibliography:
                written = match.group(0)
                return written, f"'{written}' would show as text, not as a citation: write [{written}]"
    return None


def prose(element: etree.Element):
    """The text and tails under `element` a reader sees as prose: not code, not the citations
    already made."""
    if element.tag not in NOT_PROSE and "citation" not in element.get("class", ""):
        if element.text:
            yield element.text
        for child in element:
            yield from prose(child)
    if element.tail:
        yield element.tail


class LeftoverCitations(Treeprocessor):
    """Whatever still looks like a citation once the inline pass is done would reach patients
    as "[@msk-hai]": it stops the build instead. Runs on the finished tree (after the glossary,
    before Python-Markdown puts escaped characters back, so `\\[@key]` stays allowed text), outside
    code; the raw HTML Markdown set aside is checked by check_set_aside_html()."""

    def __init__(self, extension: CitationExtension, md):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        bibliography = self.extension.bibliography
        # Most pages hold no bracket or @ outside their citations: one pass in C says so.
        everything = "".join(root.itertext())
        if "[" in everything or "@" in everything:
            for text in prose(root):
                found = leftover(text, bibliography)
                if found:
                    raise self.extension.leftover_error(*found)


def _runs(numbered):
    """Consecutive numbers without locators collapse into one run ("1-3"); a locator stands alone."""
    runs: list[list] = []
    for number, cite in numbered:
        if runs and not cite.locator and not runs[-1][-1][1].locator and runs[-1][-1][0] == number - 1:
            runs[-1].append((number, cite))
        else:
            runs.append([(number, cite)])
    return runs
