"""The reading experience (issue 17): tables never break a word across lines."""
from __future__ import annotations

import pytest

from browsing import new_page

pytestmark = pytest.mark.browser

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
    context, tab = new_page(browser, 1280, 800)
    tab.goto(page_urls["compare.html"])
    tab.add_style_tag(content="main table { width: 20rem !important; margin: 0 !important; }"
                              " main td, main th { overflow-wrap: anywhere !important; }")
    broken = tab.evaluate(BROKEN_WORDS)
    context.close()
    assert any(word.startswith(("Surgery", "Chemotherapy", "Radioembolization")) for word in broken), broken
