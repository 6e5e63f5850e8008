"""plugins/static_links answers without Pelican's scan only where the scan finds nothing."""
from __future__ import annotations

import copy
import sys

import pytest
from pelican.utils import SafeDatetime
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
import static_links  # noqa: E402

DATE = SafeDatetime(2026, 1, 1)
SAMPLES = [
    "<p>No links at all, only words like statistics and attachment.</p>",
    '<p><a href="{filename}/pages/glossary.md#term-kras">KRAS</a> and <a href="#x">here</a></p>',
    '<p><img src="{static}/images/liver.png" alt="x"> <a href="{attach}files/a b.pdf">a</a></p>',
    '<p><a href="|static|images/x.png">old style</a> <a href="{filename}/a.md">a</a></p>',
    '<p>Text mentioning {static} outside any tag, and <a href="{attach}../up.pdf">up</a></p>',
    '<p><a href="{filename}static.md">a page named static</a></p>',
]


@pytest.mark.parametrize("html", SAMPLES)
def test_same_links_as_pelicans_scan(html):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    article = Article(html, metadata={"title": "T", "date": DATE}, settings=settings,
                      source_path=str(ROOT / "content" / "articles" / "x.md"), context={})
    assert static_links.get_static_links(article) == static_links._original(article)


def test_the_scan_still_runs_where_a_link_may_be(monkeypatch):
    calls = []
    monkeypatch.setattr(static_links, "_original", lambda self: calls.append(self) or {"x"})
    article = Article(SAMPLES[2], metadata={"title": "T", "date": DATE},
                      settings=copy.deepcopy(DEFAULT_CONFIG), source_path="x.md", context={})
    assert static_links.get_static_links(article) == {"x"} and len(calls) == 1
    plain = Article(SAMPLES[1], metadata={"title": "T", "date": DATE},
                    settings=copy.deepcopy(DEFAULT_CONFIG), source_path="x.md", context={})
    assert static_links.get_static_links(plain) == set() and len(calls) == 1
