"""Inline passes that skip text none of their patterns can match.

Python-Markdown's InlineProcessor tries every inline pattern, one regular expression after the
other, on every text node; smarty runs a second complete pass with 18 more. Each pattern needs a
particular character to match at all (a bracket for links and citations, a backtick for code, a
quote for smarty's quotes), so a text node holding none of the characters its pass's patterns
need comes out unchanged, and is skipped. A pass with any pattern not listed here is left as it
is, so an extension added later cannot be skipped by mistake.
"""
from __future__ import annotations

import re

from markdown.treeprocessors import InlineProcessor

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


def trigger_for(names) -> re.Pattern | None:
    """One regular expression finding anything some pattern needs; None if a pattern is unknown."""
    needed: set[str] = set()
    for name in names:
        need = NEEDS.get(name) or next((v for k, v in NEEDS_BY_PREFIX.items() if name.startswith(k)), None)
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

    def run(self, tree, ancestors=None):
        # Patterns may be registered after this processor replaced the original (citations
        # register theirs later), so the trigger is worked out from the names at each run.
        names = tuple(item.name for item in self.inlinePatterns._priority)
        if names != self._trigger_names:
            self._trigger_names, self._trigger = names, trigger_for(names)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if patternIndex == 0 and self._trigger is not None and not self._trigger.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


def replace(md, name: str) -> None:
    if name not in md.treeprocessors or isinstance(md.treeprocessors[name], PrefilteredInlineProcessor):
        return
    original = md.treeprocessors[name]
    if type(original) is not InlineProcessor:
        return  # someone else's subclass: its own behaviour, leave it
    fast = PrefilteredInlineProcessor(md)
    fast.inlinePatterns = original.inlinePatterns
    priority = next(item.priority for item in md.treeprocessors._priority if item.name == name)
    md.treeprocessors.register(fast, name, priority)
