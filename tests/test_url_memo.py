"""plugins/url_memo keeps an article's url only within one build's writing phase."""
from __future__ import annotations

import sys
from pathlib import Path

from pelican.contents import Article, Static
import datetime

from pelican.settings import DEFAULT_CONFIG

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

import url_memo  # noqa: E402


def article(slug: str) -> Article:
    settings = {**DEFAULT_CONFIG, "ARTICLE_URL": "{slug}.html", "ARTICLE_SAVE_AS": "{slug}.html"}
    return Article("text", metadata={"title": "T", "date": datetime.datetime(2024, 1, 1), "slug": slug}, settings=settings)


def test_remembered_only_while_writing_one_build():
    url_memo.register()
    item = article("first")
    url_memo.stop()
    item.slug = "second"  # metadata may still change while generators run
    assert item.url == "second.html"
    url_memo.start()
    assert item.url == "second.html" and item.save_as == "second.html"
    item.slug = "third"
    assert item.url == "second.html"  # remembered for the rest of this build
    url_memo.start()  # the next build
    assert item.url == "third.html"
    url_memo.stop()
    item.slug = "fourth"
    assert item.url == "fourth.html"


def test_static_files_are_never_remembered():
    url_memo.register()
    url_memo.start()
    try:
        static = Static("", metadata={"title": "x"}, settings={**DEFAULT_CONFIG}, source_path="/c/images/a.png",
                        context={"static_content": {}})
        static.override_url = "images/a.png"
        assert static.url == "images/a.png"
        static.override_url = "moved/a.png"  # {attach} moves a file while pages are written
        assert static.url == "moved/a.png"
    finally:
        url_memo.stop()
