"""One lxml parse of a page's HTML, shared by the plugins that read it.

Content safety and search both look at the HTML a reader made, one right after the other (in
the same worker process, see plugins/parallel); parsing it once for both saved a
third of a cold build's lxml work. The tree is shared, so callers must not change it.
"""
from __future__ import annotations

import functools

import lxml.html


@functools.lru_cache(maxsize=4)
def parse(html: str):
    """The HTML fragment under one <div>. Read-only: every caller gets the same tree."""
    return lxml.html.fragment_fromstring(html, create_parent="div")


def register():
    """Nothing to connect: the package only provides parse() to the other plugins."""
