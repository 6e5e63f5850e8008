"""References in AMA 11th edition style, built as ElementTree elements so the same entry serves
the hover preview inside the text and the reference lists."""
from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as etree
from urllib.parse import quote

from markdown.serializers import to_html_string

from .bibliography import Author, Reference

MAX_AUTHORS = 6  # AMA: list all authors up to six; with more, the first three and "et al"
SHOWN_WHEN_TRUNCATED = 3


class Builder:
    """Appends text and child elements to one element, keeping ElementTree's text/tail rules."""

    def __init__(self, element: etree.Element):
        self.element = element

    def text(self, value: str) -> None:
        children = list(self.element)
        if children:
            children[-1].tail = (children[-1].tail or "") + value
        else:
            self.element.text = (self.element.text or "") + value

    def child(self, tag: str, value: str, **attributes) -> etree.Element:
        node = etree.SubElement(self.element, tag, {k.rstrip("_"): v for k, v in attributes.items()})
        node.text = value
        return node


def author_name(author: Author) -> str:
    """'Kemeny NE', 'Santos CER', 'Healey-Bird BR'; hyphenated given names keep the hyphen ('J-P')."""
    initials = "".join(
        "-".join(part.strip(".")[:1].upper() for part in name.split("-") if part.strip("."))
        for given in author.given for name in given.replace(".", ". ").split()
    )
    return f"{author.family} {initials}".strip()


def author_list(reference: Reference) -> str:
    names = [author_name(a) for a in reference.authors]
    if reference.more_authors or len(names) > MAX_AUTHORS:
        return ", ".join(names[:SHOWN_WHEN_TRUNCATED]) + ", et al"
    return ", ".join(names)


def page_range(pages: str) -> str:
    """AMA gives page ranges in full: '2039-48' becomes '2039-2048'."""
    parts = [p.strip() for p in re.split(r"\s*(?:-+|–|—)\s*", pages) if p.strip()]
    if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit() and len(parts[1]) < len(parts[0]):
        parts[1] = parts[0][: len(parts[0]) - len(parts[1])] + parts[1]
    return "-".join(parts)


def sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def identifiers(reference: Reference) -> list[tuple[str, str, str]]:
    """(label, value, link) for each identifier, in the order AMA and PubMed give them."""
    found = []
    if reference.doi:
        found.append(("doi:", reference.doi, "https://doi.org/" + quote(reference.doi, safe="/:;()")))
    if reference.pmid:
        found.append(("PMID: ", reference.pmid, f"https://pubmed.ncbi.nlm.nih.gov/{reference.pmid}/"))
    if reference.pmcid:
        found.append(("PMCID: ", reference.pmcid, f"https://pmc.ncbi.nlm.nih.gov/articles/{reference.pmcid}/"))
    if reference.url:  # AMA: a web address last, as it is, after the date it was accessed
        found.append(("", reference.url, reference.url))
    return found


def accessed(urldate: str) -> str:
    """AMA's "Accessed May 5, 2020." from the .bib's urldate (YYYY-MM-DD)."""
    day = datetime.date.fromisoformat(urldate)
    return f"Accessed {day:%B} {day.day}, {day.year}."


def format_into(element: etree.Element, reference: Reference, links: bool = True) -> etree.Element:
    """Write the AMA reference into element; without links for previews that sit inside a link's
    neighbourhood and vanish on blur."""
    out = Builder(element)
    if reference.authors:
        out.text(sentence(author_list(reference)) + " ")
    out.text(sentence(reference.title) + " ")
    if reference.type == "article":
        out.child("i", reference.container)
        where = ". " + reference.year
        if reference.volume:
            where += ";" + reference.volume + (f"({reference.number})" if reference.number else "")
        elif reference.number:
            where += f";({reference.number})"
        if reference.pages:
            where += ":" + page_range(reference.pages)
        out.text(where + ".")
    elif reference.type == "incollection":
        out.text("In: ")
        out.child("i", reference.container)
        out.text(". " + reference.year + (":" + page_range(reference.pages) if reference.pages else "") + ".")
    else:  # online: the website's name, then a date only when the source gives one
        out.text(sentence(reference.container) + (f" {reference.year}." if reference.year else ""))
    if reference.url and reference.urldate:
        out.text(" " + accessed(reference.urldate))
    for label, value, link in identifiers(reference):
        out.text(" " + label)
        if links:
            out.child("a", value, href=link)
        else:
            out.text(value)
        out.text(".")
    # AMA ends a reference that closes with an identifier without a full stop.
    if identifiers(reference):
        _strip_final_period(element)
    return element


def _strip_final_period(element: etree.Element) -> None:
    children = list(element)
    if children and children[-1].tail:
        children[-1].tail = children[-1].tail[:-1] if children[-1].tail.endswith(".") else children[-1].tail
        if not children[-1].tail:
            children[-1].tail = None
    elif element.text and element.text.endswith("."):
        element.text = element.text[:-1]


def format_html(reference: Reference, links: bool = True) -> str:
    """The reference's inner HTML (no wrapping element)."""
    html = to_html_string(format_into(etree.Element("span"), reference, links))
    return html[len("<span>"):-len("</span>")]
