"""One document from many pages.

The direct template puts each part of the guide (an article or a page) in a
`<section class="part" id="part-<slug>" data-url="<its page's URL>">` with the same HTML its
own page has. Two things that hold within one page break when pages are put together:
ids repeat (every reference list has `ref-1`, every page its own headings) and links point at
the site's pages. So each id inside a part gets the part's id as a prefix, references to ids
(links, aria-describedby, …) follow, and a link to a part of the booklet, or to a place in
one, becomes a link inside the document. A link to a page the booklet does not hold keeps
its words and loses the link: on paper it would lead nowhere.

A part's links are relative to the booklet document, as Pelican writes content for the page
that renders it, except inside an element whose `data-links-from` names another page: the
site-wide reference list is made once, with links relative to its own page.
"""
from __future__ import annotations

import datetime
import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html

# Attributes that name an id in the same document.
ID_REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")
# A glossary term links to its entry at the back: a page number after every term would only
# clutter the text, so these links get none.
NOT_CROSS_REFERENCES = {"glossary-term"}
CROSS_REFERENCE = "booklet-xref"


@dataclass
class Part:
    slug: str
    url: str
    id: str
    modified: datetime.date
    ids: dict[str, str]  # the id on the site's page -> the id in the booklet


def assemble(html: str, document_url: str) -> tuple[str, list[Part]]:
    """The booklet document as one HTML string with unique ids and internal links, and its
    parts in order. `document_url` is where the template's output sits in the site (its
    links are relative to it)."""
    root = lxml.html.document_fromstring(html)
    sections = root.xpath("//section[@data-url]")
    parts = [_rename_ids(section) for section in sections]
    by_url = {part.url: part for part in parts}
    for section, part in zip(sections, parts):
        _rewrite_links(section, part, by_url, document_url)
    out = lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode")
    return out, parts


def _rename_ids(section) -> Part:
    prefix = section.get("id")
    ids = {}
    for element in section.iterdescendants():
        old = element.get("id")
        if old is not None:
            ids[old] = f"{prefix}--{old}"
            element.set("id", ids[old])
    for element in section.iter():
        for name in ID_REFERENCES:
            value = element.get(name)
            if value:
                element.set(name, " ".join(ids.get(token, token) for token in value.split()))
    return Part(slug=section.get("data-slug"), url=section.get("data-url"), id=prefix,
                modified=datetime.date.fromisoformat(section.get("data-modified")), ids=ids)


def _rewrite_links(section, part: Part, by_url: dict[str, Part], document_url: str) -> None:
    for link in section.iter("a"):
        href = link.get("href")
        if href is None:
            continue
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue  # the web, mail, a phone number: printed as they are
        if not parts.path:
            target = part
        else:
            base = _links_from(link, document_url)
            path = posixpath.normpath(posixpath.join(posixpath.dirname(base), parts.path))
            target = by_url.get(path)
        if target is None:
            _unlink(link)
            continue
        anchor = target.ids.get(parts.fragment, target.id) if parts.fragment else target.id
        link.set("href", "#" + anchor)
        classes = set(link.get("class", "").split())
        if target is not part and not classes & NOT_CROSS_REFERENCES:
            link.set("class", " ".join(sorted(classes | {CROSS_REFERENCE})))


def _links_from(link, document_url: str) -> str:
    """The page `link`'s address is relative to."""
    for ancestor in link.iterancestors():
        if ancestor.get("data-links-from") is not None:
            return ancestor.get("data-links-from")
    return document_url


def _unlink(link) -> None:
    """The link's words stay where they were, without the link."""
    for name in list(link.attrib):
        del link.attrib[name]
    link.tag = "span"
