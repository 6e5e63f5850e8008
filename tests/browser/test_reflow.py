"""Reflow (WCAG 1.4.10) and text spacing (WCAG 1.4.12): no page scrolls sideways on a narrow
screen or zoomed in, and nothing is cut off when a reader widens the spacing of text."""
from __future__ import annotations

import pytest

from tests.browser.browsing import new_page

pytestmark = pytest.mark.browser

# A page wider than its window, and the elements that stick out past the right edge (ignoring
# those inside their own scroll region, such as a wide table in `.table-scroll`, which WCAG allows).
SIDEWAYS = """() => {
  const root = document.documentElement, width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const scrolls = el => { for (let e = el.parentElement; e && e !== document.body; e = e.parentElement)
    if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) return true; return false; };
  const culprits = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
    .filter((el, _, all) => !all.includes(el.parentElement))
    .map(el => el.outerHTML.slice(0, 100));
  return {scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 5)};
}"""

# 320 CSS px is WCAG's own reflow width (1280 px at 400% zoom). Browser zoom scales CSS pixels
# against device pixels, so a 1280 px window at 200% zoom lays out exactly like a 640 CSS px
# viewport with two device pixels per CSS pixel; that is how it is emulated here.
VIEWPORTS = {"320 px wide": (320, 640, 1), "1280 px at 200% zoom": (640, 400, 2), "1280 px": (1280, 800, 1)}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_page_scrolls_sideways(browser, page_urls, viewport):
    width, height, scale = VIEWPORTS[viewport]
    context, tab = new_page(browser, width, height, scale)
    problems = []
    for name, url in page_urls.items():
        tab.goto(url)
        assert tab.evaluate("innerWidth") == width
        if wide := tab.evaluate(SIDEWAYS):
            problems.append(f"{name} at {viewport}: {wide}")
    context.close()
    assert not problems, "\n".join(problems)


# The WCAG 1.4.12 test values, applied over the site's own styles as a reader's stylesheet would.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"""

# Text hidden for all but screen readers (a 1 px clipped box) is cut off on purpose.
CLIPPED = """() => [...document.body.querySelectorAll('*')].filter(el => {
  const s = getComputedStyle(el);
  if (el.clientWidth <= 1 || el.clientHeight <= 1) return false;
  const hides = v => v === 'hidden' || v === 'clip';
  return (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
      || (hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map(el => el.outerHTML.slice(0, 100))"""


def test_wider_text_spacing_loses_no_content(browser, page_urls):
    # The reader's own stylesheet (a bookmarklet or extension) is not held to the page's
    # Content-Security-Policy, which forbids inline styles: bypassed to add it here.
    context, tab = new_page(browser, 320, 640, bypass_csp=True)
    problems = []
    for name, url in page_urls.items():
        tab.goto(url)
        tab.add_style_tag(content=TEXT_SPACING)
        if clipped := tab.evaluate(CLIPPED):
            problems.append(f"{name}: text cut off in {clipped}")
        if wide := tab.evaluate(SIDEWAYS):
            problems.append(f"{name}: scrolls sideways with wider text spacing: {wide}")
    context.close()
    assert not problems, "\n".join(problems)
