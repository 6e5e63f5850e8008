"""Links to the same file from one page, resolved once per page.

When a page is written, Pelican rewrites each {filename} link in its HTML: it parses the
address, looks the file up (trying the path three ways), works out the address relative to the
page, and puts the rest (the #fragment) back. A page links to the glossary once per term it
uses, each time with another #fragment: twenty lookups of the same file. Here the first link
to a file is rewritten by Pelican, and the others to that file on the page reuse its result with
their own fragment.

Only where the outcome cannot depend on anything else: {filename} links (an {attach} link also
moves the file), addresses that are a plain path with at most a #fragment (no query, escapes
or spaces that Pelican's other tries could change), and only a link Pelican resolved (a missing
file is reported at every link, as before).
"""
from __future__ import annotations

import re

from pelican.contents import Content

PELICANS = Content._update_content  # Pelican's own rewrite, which the tests compare with
SIMPLE = re.compile(r"(?P<path>[^?;#&%\s]*)(?:#(?P<fragment>[^?;#&%\s]+))?")


def update_content(self, content: str, siteurl: str) -> str:
    if not content:
        return content
    resolved: dict[tuple, str] = {}

    def replace(m: re.Match) -> str:
        simple = SIMPLE.fullmatch(m.group("value")) if m.group("what") == "filename" else None
        if simple is None:
            return self._link_replacer(siteurl, m)
        markup, quote = m.group("markup"), m.group("quote")
        fragment = "#" + simple.group("fragment") if simple.group("fragment") else ""
        key = (m.group("path")[: m.start("value") - m.start("path")], simple.group("path"))
        address = resolved.get(key)
        if address is None:
            result = self._link_replacer(siteurl, m)
            head, tail = markup + quote, fragment + quote
            if not (result.startswith(head) and result.endswith(tail)):
                return result
            address = result[len(head):len(result) - len(tail)]
            if "{" in address or "|" in address:  # not resolved: Pelican warned; it will again
                return result
            resolved[key] = address
        return "".join((markup, quote, address, fragment, quote))

    return self._get_intrasite_link_regex().sub(replace, content)


def install() -> None:
    Content._update_content = update_content
