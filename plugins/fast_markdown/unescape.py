"""Python-Markdown's last tree pass, restoring backslash-escaped characters, without a regular
expression call on every text, tail and attribute of every page.

An escape ("\\*") becomes STX, the character's number, ETX while the inline patterns run, and
this pass turns it back. Most text holds no STX at all, which a substring test tells at C
speed; only text that does goes through Markdown's own substitution.
"""
from __future__ import annotations

from markdown.treeprocessors import UnescapeTreeprocessor
from markdown.util import STX


class FastUnescapeTreeprocessor(UnescapeTreeprocessor):
    def run(self, root) -> None:
        unescape = self.unescape
        for elem in root.iter():
            text = elem.text
            if text and STX in text and not elem.tag == "code":
                elem.text = unescape(text)
            tail = elem.tail
            if tail and STX in tail:
                elem.tail = unescape(tail)
            for key, value in elem.items():
                if value is not None and STX in value:
                    elem.set(key, unescape(value))
