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


def test_links_to_one_file_from_a_page_are_resolved_once_and_come_out_as_pelicans(monkeypatch):
    """plugins/url_memo/links.py: the same HTML as Pelican's own rewrite, fewer lookups."""
    from pelican.contents import Content, Page

    url_memo.register()
    from url_memo import links

    settings = {**DEFAULT_CONFIG, "PAGE_URL": "{slug}.html", "PAGE_SAVE_AS": "{slug}.html",
                "ARTICLE_URL": "{category}/{slug}.html", "ARTICLE_SAVE_AS": "{category}/{slug}.html",
                "RELATIVE_URLS": True}
    glossary = Page("g", metadata={"title": "G", "slug": "glossary"}, settings=settings,
                    source_path="/c/pages/glossary.md")
    context = {"generated_content": {"pages/glossary.md": glossary}, "static_content": {}, "localsiteurl": ".."}
    html = ('<p><a aria-describedby="t-a" href="{filename}/pages/glossary.md#term-a">a</a> '
            "<a aria-describedby='t-b' href='{filename}/pages/glossary.md#term-b'>b</a> "
            '<a href="{filename}/pages/glossary.md">page</a> <a href="{filename}/pages/glossary.md#x?y=1">q</a> '
            '<a href="{filename}/pages/missing.md#term-c">gone</a> <a href="{filename}/pages/missing.md#term-d">gone</a> '
            '<a href="{filename}/pages/glossary.md#term-a%20b">escaped</a> <a href="#local">here</a></p>')
    item = Article(html, metadata={"title": "T", "date": datetime.datetime(2024, 1, 1), "slug": "t",
                                   "category": "care"}, settings=settings, context=context,
                   source_path="/c/articles/t.md")
    expected = links.PELICANS(item, html, "..")
    calls = []
    real = Content._link_replacer
    monkeypatch.setattr(Content, "_link_replacer", lambda self, siteurl, m: calls.append(m.group("value")) or real(self, siteurl, m))
    assert links.update_content(item, html, "..") == expected
    assert "../glossary.html#term-b" in expected and "{filename}/pages/missing.md" in expected
    # the second term link reuses the first; a missing file is looked for (and reported) each time
    assert calls == ["/pages/glossary.md#term-a", "/pages/glossary.md#x?y=1", "/pages/missing.md#term-c",
                     "/pages/missing.md#term-d", "/pages/glossary.md#term-a%20b"]
