"""Each article's and page's `url` and `save_as`, worked out once while the site is written;
and links from one page to the same file resolved once per page (links.py).

Pelican computes them afresh at every use (a copy of the metadata, a relpath and a format each
time); our templates ask for them tens of thousands of times per build. Once every generator has
finished (`all_generators_finalized`) nothing changes an article's or page's metadata any more,
so from then until the build ends the first answer is kept on the object, tagged with the build
it belongs to. Static files are left alone: linking one with {attach} moves it while pages
are written.

- `initialized`: a new build starts; nothing is remembered until its generators are done.
- `all_generators_finalized`: remembering starts.
- `finalized`: remembering stops.
"""
from __future__ import annotations

from pelican import signals
from pelican.contents import Article, Content, Page

from . import links

_build: object | None = None  # the build whose answers may be kept; None: compute every time
_original = Content.get_url_setting


def get_url_setting(self, key: str) -> str:
    if _build is None or not isinstance(self, (Article, Page)):
        return _original(self, key)
    memo = self.__dict__.get("_url_memo")
    if memo is None or memo[0] is not _build:
        memo = self.__dict__["_url_memo"] = (_build, {})
    value = memo[1].get(key)
    if value is None:
        value = memo[1][key] = _original(self, key)
    return value


def stop(*_args) -> None:
    global _build
    _build = None


def start(*_args) -> None:
    global _build
    _build = object()


def register():
    Content.get_url_setting = get_url_setting
    links.install()
    signals.initialized.connect(stop)
    signals.all_generators_finalized.connect(start)
    signals.finalized.connect(stop)
