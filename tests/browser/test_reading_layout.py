"""The reading experience (issue 17): tables never break a word across lines, a phone shows an
article's heading on its first screen under a compact header whose menu works without JavaScript
and by keyboard, and the breadcrumb and the rest of the page line up with the text column."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.browsing import new_page

pytestmark = pytest.mark.browser

PHONE = (375, 667)  # an iPhone SE: the smallest phone screen in common use

# Every word of every table cell that the browser laid out over more than one line. A word is a
# run of characters between spaces and hyphens or dashes (a break after a hyphen is a proper
# one); a word in one text node that is split shows as line boxes one below the other.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('main table th, main table td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-\\u2010-\\u2015]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const boxes = [...range.getClientRects()].filter(box => box.width > 0 && box.height > 0);
        if (boxes.some(box => box.top >= boxes[0].bottom - 1)) {
          broken.push(`${match[0]} (${boxes.length} line boxes) in: ${cell.textContent.trim().slice(0, 60)}`);
        }
      }
    }
  }
  return broken;
}"""

WIDTHS = [375, 768, 1024, 1280]


def pages_with_tables(pages) -> list[str]:
    return [name for name, root in pages.items() if root.find(".//main//table") is not None]


def test_the_compare_page_has_a_table(pages):
    assert "compare.html" in pages_with_tables(pages)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_table_breaks_a_word_across_lines(browser, pages, page_urls, width):
    context, tab = new_page(browser, width, 800)
    problems = []
    for name in pages_with_tables(pages):
        tab.goto(page_urls[name])
        problems += [f"{name} at {width} px: {word}" for word in tab.evaluate(BROKEN_WORDS)]
    context.close()
    assert not problems, "\n".join(problems)


def test_the_broken_word_check_finds_a_broken_word(browser, page_urls):
    """The check above on a table squeezed the way the old stylesheet did it ("Surger y")."""
    context, tab = new_page(browser, 1280, 800, bypass_csp=True)  # the test's own inline style
    tab.goto(page_urls["compare.html"])
    tab.add_style_tag(content="main table { width: 20rem !important; margin: 0 !important; }"
                              " main td, main th { overflow-wrap: anywhere !important; }")
    broken = tab.evaluate(BROKEN_WORDS)
    context.close()
    assert any(word.startswith(("Surgery", "Chemotherapy", "Radioembolization")) for word in broken), broken


# Where the page's parts start and end, in CSS px from the top of the first screen.
FIRST_SCREEN = """() => {
  const box = selector => { const el = document.querySelector(selector);
    return el && el.checkVisibility() ? el.getBoundingClientRect().toJSON() : null; };
  return {header: box('.site-header'), h1: box('main h1'), screen: innerHeight};
}"""


def test_a_phone_shows_the_heading_on_the_first_screen_under_a_small_header(browser, page_urls):
    context, tab = new_page(browser, *PHONE)
    problems = []
    for name, url in page_urls.items():
        tab.goto(url)
        seen = tab.evaluate(FIRST_SCREEN)
        if seen["header"]["height"] >= seen["screen"] / 3:
            problems.append(f"{name}: the header is {seen['header']['height']:.0f} px of a "
                            f"{seen['screen']} px screen (a third or more)")
        if seen["h1"] is None or seen["h1"]["bottom"] > seen["screen"]:
            problems.append(f"{name}: the h1 is not all on the first screen: {seen['h1']}")
    context.close()
    assert not problems, "\n".join(problems)


MENU_LINKS = "() => [...document.querySelectorAll('.site-nav a')].map(a => [a.textContent.trim(), a.checkVisibility()])"


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_the_phone_menu_opens_and_closes_by_keyboard(browser, page_urls, javascript):
    context, tab = new_page(browser, *PHONE, java_script_enabled=javascript)
    tab.goto(page_urls["treatments/hai-pump.html"])
    links = tab.evaluate(MENU_LINKS)
    assert len(links) >= 5 and not any(shown for _, shown in links), f"menu not folded: {links}"
    menu = tab.get_by_role("navigation", name="Main").locator("summary")
    assert menu.is_visible() and menu.inner_text().strip() == "Menu"
    # Skip link, then the site's name, then the menu button.
    for _ in range(3):
        tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"
    tab.keyboard.press("Enter")
    assert all(shown for _, shown in tab.evaluate(MENU_LINKS)), "Enter did not open the menu"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent.trim()") == links[0][0]
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Enter")
    assert not any(shown for _, shown in tab.evaluate(MENU_LINKS)), "Enter did not close the menu"
    context.close()


# WCAG 1.4.12's text spacing, as in test_reflow.py: wider letters must not push the site's name
# under the Menu button, which sits beside it.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"""
OVERLAP = """() => { const a = document.querySelector('.site-name').getBoundingClientRect(),
  b = document.querySelector('.site-nav summary').getBoundingClientRect();
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }"""


@pytest.mark.parametrize("width", [320, 375, 640])
def test_the_site_name_and_the_menu_button_do_not_overlap(browser, page_urls, width):
    # The reader's own text spacing is not held to the page's policy (no inline styles).
    context, tab = new_page(browser, width, 640, bypass_csp=True)
    tab.goto(page_urls["treatments/hai-pump.html"])
    assert not tab.evaluate(OVERLAP)
    tab.add_style_tag(content=TEXT_SPACING)
    assert not tab.evaluate(OVERLAP), "with wider text spacing"
    context.close()


def test_a_wide_screen_shows_every_menu_link_without_a_menu_button(browser, page_urls):
    context, tab = new_page(browser, 1280, 800)
    tab.goto(page_urls["treatments/hai-pump.html"])
    links = tab.evaluate(MENU_LINKS)
    assert len(links) >= 5 and all(shown for _, shown in links), links
    assert not tab.locator(".site-nav summary").is_visible()
    context.close()


@pytest.mark.parametrize("menu", ["closed", "open"])
def test_axe_finds_no_violations_on_a_phone(browser, page_urls, menu):
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
    context, tab = new_page(browser, *PHONE)
    problems = []
    for name in ("index.html", "compare.html", "treatments/hai-pump.html"):
        tab.goto(page_urls[name])
        if menu == "open":
            tab.locator(".site-nav summary").click()
        for rule in axe.run(tab, options=options).response["violations"]:
            problems += [f"{name}: {rule['id']} at {' '.join(node['target'])}" for node in rule["nodes"]]
    context.close()
    assert not problems, "\n".join(problems)


# The left edge of the text column (the article's own box) and of what should line up with it.
LEFT_EDGES = """() => {
  const left = selector => { const el = document.querySelector(selector);
    return el ? el.getBoundingClientRect().left : null; };
  return {column: left('main article'), breadcrumb: left('.breadcrumbs ol'),
          siteName: left('.site-name'), footer: left('.site-footer .wrap > *')};
}"""


@pytest.mark.parametrize("width", [1024, 1280, 1920])
def test_breadcrumb_header_and_footer_line_up_with_the_text_column(browser, pages, page_urls, width):
    context, tab = new_page(browser, width, 800)
    problems, breadcrumbs = [], 0
    for name, url in page_urls.items():
        tab.goto(url)
        edges = tab.evaluate(LEFT_EDGES)
        if edges["column"] is None:
            continue
        breadcrumbs += edges["breadcrumb"] is not None
        for part in ("breadcrumb", "siteName", "footer"):
            if edges[part] is not None and abs(edges[part] - edges["column"]) > 0.5:
                problems.append(f"{name} at {width} px: {part} starts at {edges[part]:.1f} px, "
                                f"the text column at {edges['column']:.1f} px")
    context.close()
    assert breadcrumbs, "no page with a breadcrumb was checked"
    assert not problems, "\n".join(problems)


def test_a_phone_breadcrumb_shows_only_the_way_back_up(browser, page_urls):
    context, tab = new_page(browser, *PHONE)
    tab.goto(page_urls["treatments/hai-pump.html"])
    shown = tab.evaluate("[...document.querySelectorAll('.breadcrumbs a')].filter(a => a.checkVisibility())"
                         ".map(a => a.textContent.trim())")
    context.close()
    assert shown == ["Treatments"]
