"""The shape every page must have, checked by the reader for each file after its Markdown is
converted, so a mistake stops `make html` at its line instead of reaching patients or waiting
for `make test`.

Every page and article:
- the fields shown as plain text (Title, Menu_title, Keywords) hold no citation: it would show
  as "[@key]";
- the body has no `#` heading: the Title field is the page's one `#` heading;
- no heading skips a level (`##` then `####`): screen-reader users move through a page by its
  headings, and a skipped level reads as a missing section.

Every article that is not a draft (a draft may be unfinished; it is never published):
- no placeholder text from `make new-article` (TODO) is left, in its fields or its text;
- at least ARTICLE_MIN_WORDS words and ARTICLE_MIN_SECTIONS `##` sections;
- it cites at least one source;
- its last `##` section points to the care team (its heading holds ARTICLE_LAST_SECTION_MENTIONS).

The settings are in pelicanconf.py; a change to them empties the content cache (they are among
the reader's declared inputs, liverguide.reader.ReaderSettings.NAMES).
"""
from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from liverguide.errors import ContentError, line_of
from liverguide.syntax import lines_outside_code
from liverguide.syntax.citations import BRACKET, CITATION_LIKE

# The settings these rules read, for the content cache's fingerprint.
SETTINGS = ("ARTICLE_MIN_WORDS", "ARTICLE_MIN_SECTIONS", "ARTICLE_LAST_SECTION_MENTIONS")
# Fields shown on the page as they are written, not as Markdown (the Summary is Markdown, and
# the citation syntax refuses a citation there itself).
PLAIN_FIELDS = {"title": "Title", "menu_title": "Menu_title", "keywords": "Keywords"}
# `make new-article` writes TODO wherever the editor has something to write
# (liverguide/editors/article_template.md).
PLACEHOLDER = re.compile(r"\bTODO\b")
# Python-Markdown's headings: `#` to `######` at the start of a line (no space needed), or a
# line of text underlined with `=` (level 1) or `-` (level 2).
ATX = re.compile(r"^(#{1,6})(.*?)#*\s*$")
UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# Lines that cannot be the text of an underlined heading: list items, tables, quotes, HTML,
# block openers and closers, indented code.
NOT_HEADING_TEXT = re.compile(r"^(?:\s*(?:[-*+]|\d+[.)])\s|\s*[|>:<]| {4}|\t)")


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str

    def written(self) -> str:
        return f"{'#' * self.level} {self.text}"


def headings(text: str, body_line: int) -> Iterator[Heading]:
    """The body's headings as Python-Markdown reads them, with their lines; none inside fenced
    code samples."""
    previous, previous_number = None, 0  # the line before, when it could be an underlined heading's text
    for number, line in lines_outside_code(text):
        if number < body_line:
            continue
        atx = ATX.match(line)
        if atx:
            yield Heading(number, len(atx.group(1)), atx.group(2).strip())
            previous = None
            continue
        underline = UNDERLINE.match(line)
        if underline and previous is not None and previous_number == number - 1:
            yield Heading(number - 1, 1 if underline.group(1)[0] == "=" else 2, previous.strip())
            previous = None
            continue
        previous = line if line.strip() and not NOT_HEADING_TEXT.match(line) else None
        previous_number = number


def check(path: str, text: str, checked, article: bool, metadata: dict, settings: dict) -> None:
    """Raise ContentError at the first rule this file breaks. `checked` is its front matter
    (liverguide.checks.front_matter.Checked); `metadata` what the reader made of it."""
    for name, label in PLAIN_FIELDS.items():
        value = checked.raw.get(name, "")
        if "@" in value and any(CITATION_LIKE.search(m["body"]) for m in re.finditer(BRACKET, value)):
            raise ContentError(path, checked.lines[name], f"citations belong in the text, not in the {label}")

    found = list(headings(text, checked.body_line))
    check_heading_levels(path, found)
    if not article or checked.values.get("status") == "draft":
        return
    check_placeholders(path, text)
    check_article_shape(path, checked, found, metadata, settings)


def check_heading_levels(path: str, found: list[Heading]) -> None:
    level, above = 1, None  # the Title is the page's `#` heading
    for heading in found:
        if heading.level == 1:
            raise ContentError(path, heading.line, f"'{heading.written()}' is a second page title: the Title field "
                                                   "is the page's one # heading; start sections with ##")
        if heading.level > level + 1:
            after = f"the {'#' * above.level} heading on line {above.line}" if above else "the page title"
            raise ContentError(path, heading.line, f"'{heading.written()}' skips a heading level: it comes after "
                                                   f"{after}, so make it {'#' * (level + 1)}")
        level, above = heading.level, heading


def check_placeholders(path: str, text: str) -> None:
    match = PLACEHOLDER.search(text)
    if match:
        line = line_of(text, match.start())
        shown = textwrap.shorten(text[match.start():].split("\n", 1)[0], 48, placeholder=" …")
        raise ContentError(path, line, f"placeholder text from make new-article is still here ('{shown}'): "
                                       "write the article's own words (or add 'Status: draft' until it is ready)")


def check_article_shape(path: str, checked, found: list[Heading], metadata: dict, settings: dict) -> None:
    body = checked.body_line
    words = len(metadata.get("search_text", "").split())
    least = settings.get("ARTICLE_MIN_WORDS", 400)
    if words < least:
        raise ContentError(path, body, f"the article has {words} words; an article needs at least {least} "
                                       "(ARTICLE_MIN_WORDS): say more, or make it part of another article")
    sections = [heading for heading in found if heading.level == 2]
    fewest = settings.get("ARTICLE_MIN_SECTIONS", 3)
    if len(sections) < fewest:
        raise ContentError(path, sections[-1].line if sections else body,
                           f"the article has {len(sections)} ## section{'s' if len(sections) != 1 else ''}; "
                           f"it needs at least {fewest} (ARTICLE_MIN_SECTIONS) so readers can scan it")
    if not metadata.get("cited_keys"):
        raise ContentError(path, body, "the article cites no source: cite every number and clinical claim "
                                       "with [@key] from content/references.bib")
    mention = settings.get("ARTICLE_LAST_SECTION_MENTIONS", "care team")
    last = sections[-1]
    if mention.casefold() not in last.text.casefold():
        raise ContentError(path, last.line, f"the last ## section is '{last.text}': an article ends with a "
                                            f"section pointing to the {mention}, such as '## Talk with your {mention}'")
