"""URL references in CSS, read with tinycss2 so comments, escapes and quoting are handled as a
browser handles them (a regex gets `/* url(x) */` and `url("a\\)b")` wrong)."""
from __future__ import annotations

import tinycss2


def _walk(nodes, found: list[tuple[int, str]]) -> None:
    for node in nodes:
        kind = node.type
        if kind == "url":
            found.append((node.source_line, node.value))
        elif kind == "function":
            # url("x") with a quoted string is a function token, not a url token.
            if node.lower_name in ("url", "src") and node.arguments:
                first = next((a for a in node.arguments if a.type not in ("whitespace", "comment")), None)
                if first is not None and first.type == "string":
                    found.append((node.source_line, first.value))
            _walk(node.arguments, found)
        elif kind == "() block" or kind == "[] block" or kind == "{} block":
            _walk(node.content, found)
        elif kind == "at-rule":
            if node.lower_at_keyword == "import":
                first = next((t for t in node.prelude if t.type not in ("whitespace", "comment")), None)
                if first is not None and first.type == "string":
                    found.append((node.source_line, first.value))
            _walk(node.prelude, found)
            if node.content:
                _walk(node.content, found)
        elif kind == "qualified-rule":
            _walk(node.prelude, found)
            _walk(node.content, found)
        elif kind == "declaration":
            _walk(node.value, found)


def stylesheet_urls(text: str) -> list[tuple[int, str]]:
    """(line, url) of every url(...) and @import in a stylesheet."""
    found: list[tuple[int, str]] = []
    _walk(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True), found)
    return found


def declarations_urls(text: str) -> list[str]:
    """Every url(...) in a style="" attribute's declarations."""
    found: list[tuple[int, str]] = []
    _walk(tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True), found)
    return [url for _, url in found]
