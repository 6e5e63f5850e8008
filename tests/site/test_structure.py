"""The built site's structure: what every page must have for people using screen readers,
keyboards and file:// to find their way."""
from __future__ import annotations

import json
import posixpath
import re

import lxml.html
import pytest

LANDMARKS = ("header", "nav", "main", "footer")


def test_site_has_pages(pages, articles):
    assert "index.html" in pages
    assert len(articles) >= 1


def test_every_page_has_exactly_one_h1(pages):
    wrong = {name: len(root.findall(".//h1")) for name, root in pages.items() if len(root.findall(".//h1")) != 1}
    assert not wrong, f"pages without exactly one h1: {wrong}"


def test_every_page_has_lang_and_landmarks(pages):
    for name, root in pages.items():
        assert root.get("lang"), f"{name}: <html> has no lang"
        for landmark in LANDMARKS:
            assert root.find(f".//{landmark}") is not None, f"{name}: no <{landmark}>"
        assert len(root.findall(".//main")) == 1, f"{name}: more than one <main>"


def test_headings_do_not_skip_levels(pages):
    for name, root in pages.items():
        levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{name}: heading h{before} is followed by h{after}"


def test_skip_link_is_first_and_its_target_exists(pages):
    for name, root in pages.items():
        first_link = root.find(".//body//a")
        assert first_link is not None and "skip-link" in first_link.get("class", ""), f"{name}: first link is not the skip link"
        target = first_link.get("href")
        assert target.startswith("#"), f"{name}: skip link {target!r} is not an in-page link"
        assert root.get_element_by_id(target[1:], None) is not None, f"{name}: skip link target {target} missing"


def test_home_page_links_every_article(pages, articles):
    home_links = {posixpath.normpath(a.get("href")) for a in pages["index.html"].iter("a")}
    for name in articles:
        assert name in home_links, f"home page does not link {name}"


def test_no_link_points_at_a_folder(pages):
    for name, root in pages.items():
        for element in root.iter("a", "link"):
            href = element.get("href") or ""
            if "://" in href:  # another site's address, e.g. PubMed's canonical ".../17925551/"
                continue
            assert not href.endswith("/"), f"{name}: link to a folder: {href!r}"
            assert href not in {".", ".."}, f"{name}: link to a folder: {href!r}"


def test_every_saved_page_is_a_html_file(site):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix not in {".html", ".css", ".js", ".svg", ".png", ".txt", ".xml", ".json", ".map"}:
            pytest.fail(f"unexpected output file {path.relative_to(site)}")


def test_articles_link_previous_and_next_in_reading_order(articles):
    ordered = sorted(articles.items(), key=lambda item: int(re.search(r"Topic (\d+)", item[1].text_content()).group(1)))
    for (name, root), (next_name, _) in zip(ordered, ordered[1:]):
        nxt = root.find(".//a[@rel='next']")
        assert nxt is not None, f"{name}: no next link"
        assert nxt.get("href").endswith(next_name.split("/")[-1]), f"{name}: next is {nxt.get('href')}, expected {next_name}"


def test_article_has_contents_summary_and_review_dates(articles):
    for name, root in articles.items():
        assert root.find(".//nav[@class='page-contents']") is not None, f"{name}: no 'On this page'"
        assert root.find(".//p[@class='summary']") is not None, f"{name}: no summary"
        dates = root.find(".//p[@class='review-dates']")
        assert dates is not None and "Last reviewed" in dates.text_content() and "Next review due" in dates.text_content(), name
        assert root.find(".//nav[@class='breadcrumbs']") is not None, f"{name}: no breadcrumbs"


def inline_code_problems(name, root) -> list[str]:
    """What a strict Content-Security-Policy (no 'unsafe-inline') would block on a page. A
    `<script type="application/ld+json">` is a data block the browser never runs, so it is
    allowed, but it must hold valid JSON."""
    problems = []
    for script in root.iter("script"):
        if script.get("type") == "application/ld+json" and not script.get("src"):
            try:
                json.loads(script.text or "")
            except json.JSONDecodeError as error:
                problems.append(f"{name}: JSON-LD block is not JSON ({error})")
        elif not script.get("src"):
            problems.append(f"{name}: inline <script>")
    if root.find(".//style") is not None:
        problems.append(f"{name}: inline <style>")
    for element in root.iter():
        bad = [attr for attr in element.attrib if attr.startswith("on") or attr == "style"]
        if bad:
            problems.append(f"{name}: <{element.tag}> has {bad}")
    return problems


def test_no_inline_script_or_style(pages):
    problems = [p for name, root in pages.items() for p in inline_code_problems(name, root)]
    assert not problems, "\n".join(problems)


def test_inline_code_check_allows_only_json_data_blocks():
    def check(html):
        return inline_code_problems("x", lxml.html.fromstring(f"<html><head>{html}</head><body><p>x</p></body></html>"))
    assert check('<script type="application/ld+json">{"a": 1}</script>') == []
    assert check('<script src="a.js"></script>') == []
    assert check('<script type="application/ld+json">{"a": </script>')
    assert check("<script>alert(1)</script>")
    assert check('<script type="module">alert(1)</script>')
    assert check("<style>p{}</style>")
    assert check('<p onclick="x()">x</p>')


def test_no_third_party_assets(pages):
    for name, root in pages.items():
        for element in root.iter("script", "link", "img", "iframe", "source"):
            for attr in ("src", "href"):
                value = element.get(attr) or ""
                if element.tag == "link" and element.get("rel") in {"canonical", "alternate"}:
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{name}: third-party asset {value}"


def test_templates_escape_by_default(tmp_path):
    """Autoescape is on: a title with markup is shown as text, not run as HTML."""
    from tests.helpers import GOOD, article, build, write
    content = tmp_path / "content"
    write(content, {**GOOD, "articles/x.md": article(Title="Fish <b>&</b> chips", Slug="x", Summary="A <i>test</i>.",
                                                     Category="Understanding", Order="2")})
    out = tmp_path / "out"
    build(out, content=content)
    html = (out / "understanding" / "x.html").read_text(encoding="utf-8")
    assert "Fish &lt;b&gt;&amp;&lt;/b&gt; chips" in html or "Fish &amp; chips" in html
    assert "<b>&</b>" not in html
