"""The glossary on the built site: links to each term's entry, the A–Z page, the content cache
and the definitions in the browser."""
from __future__ import annotations

import posixpath
import re
import shutil
import warnings

import pytest

from tests.helpers import ROOT, build

EXCLUDED = ("a", "sup", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6")


# --- Linking, in the built site -----------------------------------------------------------------

def glossary_links(root):
    return root.findall(".//a[@class='glossary-term']")


def test_every_glossary_link_resolves_and_describes_its_term(site, pages, glossary):
    definitions = {entry.anchor: entry.definition for entry in glossary.entries}
    total = 0
    for name, root in pages.items():
        for link in glossary_links(root):
            total += 1
            href = link.get("href")
            path, _, fragment = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
            assert target == "glossary.html", f"{name}: {href} does not point at the glossary page"
            assert pages[target].get_element_by_id(fragment, None) is not None, f"{name}: {href} has no target"
            tip = root.get_element_by_id(link.get("aria-describedby"), None)
            assert tip is not None, f"{name}: {link.text}: aria-describedby points at nothing"
            assert tip.get("role") == "tooltip" and tip.get("hidden") is not None
            assert tip.text_content() == definitions[fragment], f"{name}: {link.text}: wrong definition"
            assert link.getparent().get("class") == "glossary" and tip.getparent() is link.getparent()
    assert total >= 40, f"only {total} glossary links in the whole site"


def test_first_use_only_in_each_page(pages):
    for name, root in pages.items():
        hrefs = [link.get("href") for link in glossary_links(root)]
        repeated = {href for href in hrefs if hrefs.count(href) > 1}
        assert not repeated, f"{name}: linked more than once: {repeated}"
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), f"{name}: duplicate ids"


def test_no_term_inside_links_headings_code_citations_or_other_terms(pages):
    for name, root in pages.items():
        for term in root.findall(".//span[@class='glossary']"):
            for ancestor in term.iterancestors():
                assert ancestor.tag not in EXCLUDED, f"{name}: term {term.text_content()!r} inside <{ancestor.tag}>"
                classes = ancestor.get("class", "")
                assert "citation" not in classes and "glossary" not in classes.split(), \
                    f"{name}: term inside {ancestor.tag}.{classes}"
            assert len(term.findall(".//a")) == 1, f"{name}: a link nested in a term"


def test_summaries_and_the_glossary_page_body_have_no_term_markup(pages):
    for name, root in pages.items():
        for meta in root.iter("meta"):
            assert "glossary" not in (meta.get("content") or ""), name
        summary = root.find(".//p[@class='summary']")
        if summary is not None:
            assert summary.find(".//a") is None, name
    assert not glossary_links(pages["glossary.html"])


def test_every_term_is_used_somewhere(pages, glossary):
    used = {link.get("href").partition("#")[2] for root in pages.values() for link in glossary_links(root)}
    unused = [entry.term for entry in glossary.entries if entry.anchor not in used]
    if unused:
        warnings.warn(f"glossary terms no page uses: {', '.join(unused)}")


# --- The glossary page --------------------------------------------------------------------------

def test_glossary_page_lists_every_term_a_to_z_with_letters(pages, glossary):
    page = pages["glossary.html"]
    terms = page.findall(".//dl[@class='glossary-list']//dt")
    assert [dt.get("id") for dt in terms] == [e.anchor for e in glossary.entries]
    shown = [dt.text_content().casefold() for dt in terms]
    assert shown == sorted(shown), "terms are not in A–Z order"
    letters = page.find(".//nav[@class='glossary-letters']")
    jumps = [(a.text_content(), a.get("href")) for a in letters.iter("a")]
    expected = sorted({e.term[0].upper() for e in glossary.entries})
    assert [label for label, _ in jumps] == expected, "a letter without terms, or a letter missing"
    for label, href in jumps:
        section = page.get_element_by_id(href[1:], None)
        assert section is not None and section.tag == "h2", f"jump link {href} has no heading"
        first = section.getparent().find(".//dt")
        assert first.text_content()[0].upper() == label
    for entry in glossary.entries:
        for related in entry.related:
            assert page.get_element_by_id(glossary.by_term[related].anchor, None) is not None


def test_glossary_page_is_linked_from_every_page(pages):
    for name, root in pages.items():
        targets = {posixpath.normpath(posixpath.join(posixpath.dirname(name), a.get("href", "")))
                   for a in root.iter("a")}
        assert "glossary.html" in targets, f"{name}: no link to the glossary"


# --- The content cache --------------------------------------------------------------------------

def test_an_edited_definition_shows_on_the_next_build_with_the_cache_on(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = ["-e", "CACHE_CONTENT=true", "-e", "LOAD_CONTENT_CACHE=true", "-e", f"CACHE_PATH={tmp_path / 'cache'}"]
    build(tmp_path / "one", content=content, extra=cache)
    assert 'role="tooltip">A change in a gene.</span>' in (tmp_path / "one" / "treatments" / "biologic-drugs.html").read_text()
    assert (tmp_path / "cache" / "content-cache.fingerprint").is_file()

    text = (content / "glossary.yaml").read_text(encoding="utf-8")
    edited = text.replace("definition: A change in a gene.", "definition: A change in a gene, like a typo.")
    assert edited != text
    (content / "glossary.yaml").write_text(edited, encoding="utf-8")
    build(tmp_path / "two", content=content, extra=cache)
    tip = 'role="tooltip">A change in a gene'
    assert f"{tip}, like a typo.</span>" in (tmp_path / "two" / "treatments" / "biologic-drugs.html").read_text()
    # Pages the edit does not touch still come from the cache, and are still right.
    assert (tmp_path / "one" / "about.html").read_text() == (tmp_path / "two" / "about.html").read_text()


# --- In the browser -----------------------------------------------------------------------------

# `browser` is the session's one Chromium (tests/conftest.py): Playwright's sync API allows
# only one running instance per process.


@pytest.mark.browser
def test_definition_shows_on_hover_and_keyboard_focus_and_is_the_description(site, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto((site / "treatments" / "hai-pump.html").as_uri())
    term = page.locator("a.glossary-term[href$='#term-hepatic-artery']")
    tip = page.locator("#glossary-tip-hepatic-artery")
    expect(tip).to_be_hidden()
    expect(term).to_have_accessible_description(re.compile(r"^One of the blood vessels that bring blood to the liver"))

    term.hover()
    expect(tip).to_be_visible()
    box, viewport = tip.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], "definition runs off the screen"
    assert box["y"] >= term.bounding_box()["y"] + term.bounding_box()["height"] - 1, "definition covers its term"
    tip.hover()  # moving onto the definition keeps it open
    expect(tip).to_be_visible()
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()

    term.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(term).to_be_focused()
    expect(tip).to_be_visible()
    page.keyboard.press("Tab")
    expect(tip).to_be_hidden()

    page.emulate_media(media="print")
    expect(tip).to_be_visible()
    page.close()


@pytest.mark.browser
def test_following_a_term_lands_on_its_glossary_entry(site, browser):
    page = browser.new_page()
    page.goto((site / "treatments" / "surgery.html").as_uri())
    page.locator("a.glossary-term[href$='#term-resection']").click()
    # The address changes when the navigation commits; :target once the new page has loaded.
    page.wait_for_load_state("load")
    assert page.url.endswith("glossary.html#term-resection")
    assert page.evaluate("document.querySelector(':target').id") == "term-resection"
    page.close()
