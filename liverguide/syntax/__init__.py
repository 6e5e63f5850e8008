"""The site's own Markdown syntax: one Python-Markdown extension per syntax.

| syntax | module | processor (registry, priority) |
|---|---|---|
| `[@key]`, `[@a; @b, p. 3]` citations | citations.py | inline pattern `citation` (176), tree processors `citation_numbering` (19) and `citation_leftovers` (2) |
| `::: diagram name.svg` figures | diagrams.py | block processor `diagram` (95) |
| `::: care-card urgent` boxes | care_cards.py | block processor `care_card` (96) |
| tables that stack on phones | tables.py | tree processor `responsive_tables` (4) |
| first use of a glossary term linked | glossary_terms.py | tree processor `glossary` (3) |

The priorities are distinct from each other and from Python-Markdown's own, so the order never
depends on the order extensions are listed in. Where they fall among the built-in passes:
- `citation` (176) runs after backslash escapes (180), so `\\[@key]` stays text, and before
  footnotes (175) and links (160), so `[@a]` is never taken for a reference link; code spans
  (190) come first, so nothing in backticks is a citation.
- `citation_numbering` (19) runs right after the inline pass (20), which makes the markers: it
  numbers them in document order (the inline pass visits nested blocks after their parents).
- `responsive_tables` (4) and `glossary` (3) run after smarty (6) and toc (5), on text in its
  final form; the tables first, so the column headings they copy into cells hold no glossary link.
- `citation_leftovers` (2) runs on the finished tree, before `unescape` (0) puts escaped
  characters back: citation-like text still there stops the build, but `\\[@key]` is allowed.
- `care_card` (96) and `diagram` (95) run before indented code (90) and paragraphs, which would
  claim their lines.

Every extension is made by the reader (liverguide.reader) for its own Markdown instance and is
given the `SourceFile` being converted, to name the file and line of a mistake. What an
extension learns about one file it forgets in `reset()`, which Python-Markdown calls for every
extension that registered itself with `md.registerExtension()`, before each file.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

BODY, SUMMARY = "body", "summary"
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


@dataclass
class SourceFile:
    """The file a reader is converting: its path, its whole text (front matter included, so line
    numbers are the file's), and which part of it Markdown is converting now."""

    path: str = ""
    text: str = ""
    part: str = BODY
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def start(self, path: str, text: str) -> None:
        self.path, self.text, self.part = path, text, BODY
        self._line_starts = []

    def line_at(self, offset: int) -> int:
        """1-based line of a character offset in the file (bisect: files cite hundreds of times)."""
        if not self._line_starts:
            self._line_starts = [m.end() for m in re.finditer("\n", self.text)]
        return bisect.bisect_right(self._line_starts, offset) + 1

    def lines_outside_code(self):
        return lines_outside_code(self.text)

    def openings(self, opening: re.Pattern) -> list[int]:
        """The lines where a `:::` block opens in the file, for errors about the n-th one (block
        processors see blocks, not lines)."""
        return [number for number, line in self.lines_outside_code() if opening.match(line)]


def lines_outside_code(text: str):
    """(number, line) for each line of a file that is not inside a fenced code sample (nor a
    fence itself): a `:::` block, a heading or a citation shown in a sample is text."""
    fence = None
    for number, line in enumerate(text.splitlines(), 1):
        marker = FENCE.match(line)
        if marker and (fence is None or marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence)):
            fence = marker.group(1) if fence is None else None
        elif fence is None:
            yield number, line
