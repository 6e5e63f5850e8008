"""The numbered reference list at the end of an article and the site-wide list of every
source cited, as HTML for the templates' `reference_list` slot."""
from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree

from markdown.serializers import to_html_string

from . import ama
from .bibliography import Reference

BACK = "\u21a9\ufe0e"  # ↩ drawn as text, not as an emoji


def article_list(references: list[Reference], spots: dict[int, list[str]]) -> str:
    """AMA entries numbered as cited, each linking back to every place that cites it."""
    section = etree.Element("section", {"class": "references", "aria-labelledby": "references-title"})
    heading = etree.SubElement(section, "h2", {"id": "references-title"})
    heading.text = "References"
    ordered = etree.SubElement(section, "ol", {"class": "reference-list"})
    for number, reference in enumerate(references, start=1):
        item = etree.SubElement(ordered, "li", {"id": f"ref-{number}"})
        ama.format_into(etree.SubElement(item, "span", {"class": "reference"}), reference).tail = " "
        backlinks = etree.SubElement(item, "span", {"class": "backlinks"})
        ids = spots[number]
        if len(ids) == 1:
            _backlink(backlinks, ids[0], BACK)
        else:
            arrow = etree.SubElement(backlinks, "span", {"aria-hidden": "true"})
            arrow.text = BACK
            for spot in ids:
                _backlink(backlinks, spot, spot.rsplit("-", 1)[1])
    return to_html_string(section)


def _backlink(parent: etree.Element, spot: str, text: str) -> None:
    number, letter = spot.split("-")[1:]
    link = etree.SubElement(parent, "a", {"href": f"#{spot}", "aria-label": f"Back to citation {number}{letter}"})
    link.text = text
    link.tail = " "


def site_list(references: list[Reference], citing: dict[str, list], page_url: str) -> str:
    """Every cited source, sorted by first author, with links to the pages that cite it."""
    here = posixpath.dirname(page_url)
    listing = etree.Element("ul", {"class": "reference-index"})
    # Pelican works out a page's url anew at every use; a page citing many sources would pay
    # for it once per source, each time with a relpath.
    hrefs: dict[int, str] = {}

    def href(content) -> str:
        if id(content) not in hrefs:
            hrefs[id(content)] = posixpath.relpath(content.url, here or ".")
        return hrefs[id(content)]

    for reference in sorted(references, key=Reference.sort_key):
        item = etree.SubElement(listing, "li", {"id": "source-" + reference.key})
        ama.format_into(etree.SubElement(item, "span", {"class": "reference"}), reference).tail = " "
        cited = etree.SubElement(item, "span", {"class": "cited-in"})
        cited.text = "Cited in: "
        for index, content in enumerate(citing[reference.key]):
            link = etree.SubElement(cited, "a", {"href": href(content)})
            link.text = content.title
            link.tail = ", " if index < len(citing[reference.key]) - 1 else "."
    return to_html_string(listing)
