"""Printed articles: only the reading matter, and every link to another site with its address
written out (on paper a link is only useful if its address can be typed in)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Things that only work on screen: navigation of every kind (site menu, breadcrumbs, "On this page",
# previous/next), search, forms and buttons. "Not rendered" means display:none on it or above it.
SCREEN_ONLY = """() => [...document.querySelectorAll(
    'nav, [role=navigation], search, [role=search], form, button, input, select, textarea, .skip-link')]
  .filter(el => el.checkVisibility())
  .map(el => el.outerHTML.slice(0, 100))"""

# Each external link in the main content, with what print shows after it.
EXTERNAL_LINKS = """() => [...document.querySelectorAll('main a[href]')]
  .filter(a => /^https?:/.test(a.getAttribute('href')))
  .map(a => ({href: a.getAttribute('href'), text: a.textContent,
              after: getComputedStyle(a, '::after').content}))"""


def unprinted_addresses(links: list[dict]) -> list[str]:
    """Links whose address appears neither in their text nor in what print adds after them."""
    return [link["href"] for link in links
            if link["href"] not in link["text"] and link["href"] not in link["after"]]


def test_printed_articles_hide_navigation_and_search(tab, article_urls):
    tab.emulate_media(media="print")
    problems = []
    for name, url in article_urls.items():
        tab.goto(url)
        assert tab.evaluate("document.querySelectorAll('nav').length") >= 2, f"{name}: no navigation to hide?"
        problems += [f"{name}: printed: {shown}" for shown in tab.evaluate(SCREEN_ONLY)]
        if not tab.evaluate("document.querySelector('main h1').checkVisibility()"):
            problems.append(f"{name}: the article itself is not printed")
    assert not problems, "\n".join(problems)


def test_printed_articles_show_the_address_of_every_external_link(tab, article_urls):
    tab.emulate_media(media="print")
    problems = []
    for name, url in article_urls.items():
        tab.goto(url)
        problems += [f"{name}: {href} is printed without its address"
                     for href in unprinted_addresses(tab.evaluate(EXTERNAL_LINKS))]
    assert not problems, "\n".join(problems)


def test_print_rule_covers_any_external_link_in_an_article(tab, article_urls):
    """However the reference list is marked up, a link to another site placed anywhere in the
    article prints its address; a link within the guide does not get one."""
    tab.goto(next(iter(article_urls.values())))
    tab.evaluate("""() => {
      const spots = [document.querySelector('main h1'), document.querySelector('main p:last-of-type')];
      for (const [i, spot] of spots.entries()) {
        const a = document.createElement('a');
        a.href = `https://example.org/source-${i}?x=1`; a.textContent = 'a source';
        const li = document.createElement('li'); li.append(a);
        const ol = document.createElement('ol'); ol.append(li); spot.after(ol);
      }
      const inner = document.createElement('a'); inner.href = 'index.html'; inner.id = 'inner';
      inner.textContent = 'home'; document.querySelector('main p').append(inner);
    }""")
    tab.emulate_media(media="print")
    links = tab.evaluate(EXTERNAL_LINKS)
    assert [link["href"] for link in links if "example.org" in link["href"]] == [
        "https://example.org/source-0?x=1", "https://example.org/source-1?x=1"]
    assert not unprinted_addresses(links)
    assert tab.evaluate("getComputedStyle(document.getElementById('inner'), '::after').content") in ("none", "normal")
    tab.emulate_media(media="screen")
    assert unprinted_addresses(tab.evaluate(EXTERNAL_LINKS)), "addresses are shown on screen too"
