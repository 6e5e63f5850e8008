"""The numbered reference list at the end of an article and the site-wide list of every
source cited, as HTML for the templates' `reference_list` slot."""
from __future__ import annotations

import functools
import posixpath
import re
import xml.etree.ElementTree as etree

from markdown.serializers import to_html_string

from . import ama
from .bibliography import Reference

# An & that does not start a character reference (the serializer's own rule).
_AMPERSAND = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.I)
BACK = "\u21a9\ufe0e"  # ↩ drawn as text, not as an emoji


def article_list(references: list[Reference], spots: dict[int, list[str]]) -> str:
    """AMA entries numbered as cited, each linking back to every place that cites it."""
    items = []
    for number, reference in enumerate(references, start=1):
        ids = spots[number]
        if len(ids) == 1:
            backlinks = _backlink(ids[0], BACK)
        else:
            backlinks = f'<span aria-hidden="true">{BACK}</span>' + "".join(_backlink(spot, spot.rsplit("-", 1)[1]) for spot in ids)
        items.append(f'<li id="ref-{number}">{entry_html(reference)} <span class="backlinks">{backlinks}</span></li>')
    return ('<section aria-labelledby="references-title" class="references">'  # the serializer's attribute order
            '<h2 id="references-title">References</h2>'
            f'<ol class="reference-list">{"".join(items)}</ol></section>')


@functools.lru_cache(maxsize=None)
def entry_html(reference: Reference) -> str:
    """One reference as AMA HTML, made once however many pages list it (the serializer writes
    an element as its start tag, contents and end tag, so pieces join into the same HTML)."""
    return to_html_string(ama.format_into(etree.Element("span", {"class": "reference"}), reference))


def _text(text: str) -> str:
    """Text escaped as Python-Markdown's serializer escapes it (an & that starts an entity is
    kept), so the list reads the same as the HTML the serializer writes around it."""
    return _AMPERSAND.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    return _text(text).replace('"', "&quot;")


def _backlink(spot: str, text: str) -> str:
    # Written out rather than serialized (a page has dozens): ids are "cite-<number>-<letters>",
    # so nothing here needs escaping; attributes in the serializer's (sorted) order.
    number, letter = spot.split("-")[1:]
    return f'<a aria-label="Back to citation {number}{letter}" href="#{spot}">{text}</a> '


def site_list(references: list[Reference], citing: dict[str, list], page_url: str) -> str:
    """Every cited source, sorted by first author, with links to the pages that cite it."""
    here = posixpath.dirname(page_url)
    items = []
    # Pelican works out a page's url anew at every use; a page citing many sources would pay
    # for it once per source, each time with a relpath.
    hrefs: dict[int, str] = {}

    def href(content) -> str:
        if id(content) not in hrefs:
            hrefs[id(content)] = posixpath.relpath(content.url, here or ".")
        return hrefs[id(content)]

    for reference in sorted(references, key=Reference.sort_key):
        # Written out with the serializer's own escaping, as it would write these elements: a
        # list of a thousand sources links tens of thousands of pages, one tree each was slow.
        links = ", ".join(f'<a href="{_attribute(href(content))}">{_text(content.title)}</a>'
                          for content in citing[reference.key])
        items.append(f'<li id="{_attribute("source-" + reference.key)}">{entry_html(reference)} '
                     f'<span class="cited-in">Cited in: {links}.</span></li>')
    return f'<ul class="reference-index">{"".join(items)}</ul>'
