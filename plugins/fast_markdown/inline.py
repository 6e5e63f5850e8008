"""Inline passes that skip text none of their patterns can match.

Python-Markdown's InlineProcessor tries every inline pattern, one regular expression after the
other, on every text node; smarty runs a second complete pass with 18 more. Each pattern needs a
particular character to match at all (a bracket for links and citations, a backtick for code, a
quote for smarty's quotes), so a text node holding none of the characters its pass's patterns
need comes out unchanged, and is skipped. Text that holds some is run through only the patterns
whose characters it holds: a pattern that cannot match leaves the text as it is, exactly as
Python-Markdown's loop does when a pattern finds nothing. A pattern not listed here is always
tried, and a pass with one is never skipped whole, so an extension added later cannot be
skipped by mistake.
"""
from __future__ import annotations

import re

from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

# What each known pattern needs to be present in the text before it can match.
NEEDS = {
    "backtick": ["`"],
    "escape": ["\\"],
    "reference": ["["], "link": ["["], "short_reference": ["["],
    "image_link": ["!["], "image_reference": ["!["], "short_image_ref": ["!["],
    "footnote": ["[^"],
    "citation": ["@"],  # plugins/citations: "[@key]"
    "autolink": ["<"], "automail": ["<"], "html": ["<"],
    "linebreak": ["  \n"],
    "entity": ["&"],
    "em_strong": ["*", "_"], "em_strong2": ["*", "_"], "strong_em": ["*", "_"], "not_strong": ["*", "_"],
    "smarty-em-dashes": ["---"], "smarty-en-dashes": ["--"], "smarty-ellipses": ["..."],
    "smarty-left-angle-quotes": ["<<"], "smarty-right-angle-quotes": [">>"],
}
NEEDS_BY_PREFIX = {"smarty-quotes-": ["'", '"']}


def needs_of(name: str) -> list[str] | None:
    """What a pattern needs in the text to match at all (any one of them); None if unknown."""
    return NEEDS.get(name) or next((v for k, v in NEEDS_BY_PREFIX.items() if name.startswith(k)), None)


def trigger_for(names) -> re.Pattern | None:
    """One regular expression finding anything some pattern needs; None if a pattern is unknown."""
    needed: set[str] = set()
    for name in names:
        need = needs_of(name)
        if need is None:
            return None
        needed.update(need)
    return re.compile("|".join(map(re.escape, sorted(needed, key=len, reverse=True))))


class PrefilteredInlineProcessor(InlineProcessor):
    # InlineProcessor calls its private __handleInline for each text and tail, and again on
    # what a match leaves with the patterns after it; overriding the mangled name is the only
    # hook. Markdown is pinned, and tests/test_fast_markdown.py compares output with the original.
    _trigger_names: tuple = ()
    _trigger: re.Pattern | None = None
    _patterns: list = []
    _needs: list = []

    def run(self, tree, ancestors=None):
        # Patterns may be registered after this processor replaced the original (citations
        # register theirs later), so the trigger is worked out from the names at each run.
        # The registry sorts itself on every lookup by position; this list (made first, which
        # sorts it) is the same order, and so are the names.
        self._patterns = list(self.inlinePatterns)
        names = tuple(item.name for item in self.inlinePatterns._priority)
        if names != self._trigger_names:
            self._trigger_names, self._trigger = names, trigger_for(names)
            self._needs = [needs_of(name) for name in names]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """Python-Markdown's loop over the patterns, passing over each one whose characters
        the text does not hold (it would find nothing, and the loop would go on)."""
        if isinstance(data, AtomicString):
            return data
        if patternIndex == 0 and self._trigger is not None and not self._trigger.search(data):
            return data
        patterns, needs = self._patterns, self._needs
        apply = self._InlineProcessor__applyPattern
        start = 0
        count = len(patterns)
        while patternIndex < count:
            need = needs[patternIndex]
            if need is not None and not any(text in data for text in need):
                patternIndex += 1
                start = 0
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def like(original: InlineProcessor) -> PrefilteredInlineProcessor:
    """A prefiltered pass over the same patterns as `original`."""
    fast = PrefilteredInlineProcessor(original.md)
    fast.inlinePatterns = original.inlinePatterns
    return fast
