"""Replaces smarty's tree processor by one that skips text no smarty pattern can match."""
from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor

# Everything smarty's patterns start from: straight quotes (all quote rules), "--" and "---"
# (dashes), "..." (ellipses), "<<" and ">>" (angled quotes). The `substitutions` setting only
# changes what they become.
MIGHT_CHANGE = re.compile(r"""['"]|--|\.\.\.|<<|>>""")


class PrefilteredInlineProcessor(InlineProcessor):
    # InlineProcessor calls its private __handleInline for each text and tail, and again on the
    # text left of a match with the next patterns; overriding the mangled name is the only
    # hook. Markdown is pinned, and tests/test_fast_smarty.py compares output with smarty's own.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if patternIndex == 0 and not MIGHT_CHANGE.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


class FastSmartyExtension(Extension):
    def extendMarkdown(self, md):
        if "smarty" not in md.treeprocessors:
            return
        original = md.treeprocessors["smarty"]
        if isinstance(original, PrefilteredInlineProcessor):
            return
        fast = PrefilteredInlineProcessor(md)
        fast.inlinePatterns = original.inlinePatterns
        priority = next(item.priority for item in md.treeprocessors._priority if item.name == "smarty")
        md.treeprocessors.register(fast, "smarty", priority)
