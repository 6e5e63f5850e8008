"""Pelican's scan of each page for the {static} and {attach} files it links to, skipped on
pages that link to none.

To find them, Pelican matches every intrasite link of every page ({filename} ones too: each
glossary term is one) and parses each link's address before looking at its kind. A page whose
HTML holds neither word cannot have a link of either kind, so the answer is known without the
scan: the empty set Pelican's own loop would return.
"""
from __future__ import annotations

from pelican.contents import Content

_original = Content.get_static_links


def get_static_links(self) -> set[str]:
    content = self._content or ""
    if "static" not in content and "attach" not in content:
        return set()
    return _original(self)


def register():
    Content.get_static_links = get_static_links
