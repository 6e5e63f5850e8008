"""What the NHS service manual asks of every page, where it can be read from the HTML: a title of
its own, and link text that makes sense on its own (WCAG 2.4.2, 2.4.4)."""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections import defaultdict

import markdown

from liverguide.syntax.tables import ResponsiveTablesExtension

VAGUE = re.compile(r"^(click here|here|read more|more|more info|link|this link|this page|go|continue)\W*$", re.I)


def link_name(a, root) -> str:
    """The link's own words, preceded by the label of the navigation block it is in: WCAG 2.4.4
    counts that context (technique H80), so "On this page: Questions to ask your care team" and
    "Main: Questions to ask your care team" are different links."""
    text = " ".join((a.get("aria-label") or a.text_content()).split())
    nav = next(a.iterancestors("nav"), None)
    if nav is None:
        return text
    label = nav.get("aria-label")
    if label is None and nav.get("aria-labelledby"):
        label = " ".join(root.get_element_by_id(nav.get("aria-labelledby")).text_content().split())
    return f"{label}: {text}" if label else text


def target(page: str, href: str) -> str:
    """Where a link leads, as one string per destination: same-page anchors and relative paths
    resolved against the page."""
    path, _, fragment = href.partition("#")
    if re.match(r"^[a-z]+:", path):
        return href
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    return f"{resolved}#{fragment}" if fragment else resolved


def test_every_page_title_is_unique(pages):
    by_title = defaultdict(list)
    for name, root in pages.items():
        by_title[" ".join(root.findtext(".//title").split())].append(name)
    assert not {t: names for t, names in by_title.items() if len(names) > 1}


def link_problems(pages) -> tuple[list[str], list[str]]:
    """Links that say too little, and link names used for two different destinations on one page."""
    vague, ambiguous = [], []
    for name, root in pages.items():
        seen: dict[str, str] = {}
        for a in root.iter("a"):
            href = a.get("href")
            if href is None:
                continue
            own_words = " ".join(a.text_content().split())
            text = link_name(a, root)
            if not own_words and not a.get("aria-label") or VAGUE.match(own_words):
                vague.append(f"{name}: link to {href} says only {text!r}")
                continue
            where = target(name, href)
            if seen.setdefault(text.lower(), where) != where:
                ambiguous.append(f"{name}: {text!r} links to both {seen[text.lower()]} and {where}")
    return vague, ambiguous


def test_link_text_says_where_it_goes(pages):
    vague, _ = link_problems(pages)
    assert not vague, "\n".join(vague)


# Known since the glossary was merged: a term's first use links to the glossary ("ablation") and
# the same words elsewhere on the page link to the article. The glossary links need a name of their
# own (for instance "ablation (glossary)"); that is the glossary plugin's markup, whose tests pin it.
def test_the_same_link_text_always_leads_to_the_same_place(pages):
    _, ambiguous = link_problems(pages)
    assert not ambiguous, "\n".join(ambiguous)


def test_link_text_checks_catch_vague_and_ambiguous_links():
    import lxml.html
    root = lxml.html.fromstring('<div><nav aria-labelledby="t"><h2 id="t">On this page</h2>'
                                '<a href="#q">Questions</a></nav><a href="q.html">Questions</a></div>')
    assert [link_name(a, root) for a in root.iter("a")] == ["On this page: Questions", "Questions"]
    assert VAGUE.match("Click here.") and VAGUE.match("read more") and not VAGUE.match("Read the notice")
    assert target("a/b.html", "../c.html#x") == "c.html#x"
    assert target("a/b.html", "#top") == "a/b.html#top"


def test_tables_carry_their_column_headings_into_each_cell():
    html = markdown.markdown("| Drug | Given by<sup>1</sup> |\n|---|---|\n| A | *vein* |\n",
                             extensions=["tables", ResponsiveTablesExtension()])
    table = etree.fromstring(html)
    assert table.get("class") == "responsive-table" and table.get("role") == "table"
    assert [th.get("scope") for th in table.iter("th")] == ["col", "col"]
    cells = table.findall("tbody/tr/td")
    assert [c.get("role") for c in cells] == ["cell", "cell"]
    labels = [c[0] for c in cells]
    assert [(l.get("class"), l.get("aria-hidden"), l.text) for l in labels] == [
        ("cell-heading", "true", "Drug"), ("cell-heading", "true", "Given by")]
    assert labels[0].tail == "A" and cells[1][1].tag == "em"
