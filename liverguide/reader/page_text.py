"""The words a page shows, as one line of plain text: what the search index holds for it."""
from __future__ import annotations

import lxml.html
from lxml import etree

# Citation numbers, scripts and hidden glossary definitions are not words the page shows, so a
# search must not find the page by them.
HIDDEN = ["sup", "script", "style", "*[@hidden]", "*[@class='visually-hidden']"]
# libxslt's built-in rules copy every text node; an empty rule drops a hidden element with what
# it holds (its tail is its parent's text and stays). A Python walk over every element cost
# twice as much.
SHOWN_TEXT = etree.XSLT(etree.XML(
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
    '<xsl:output method="text" encoding="UTF-8"/>'
    f'<xsl:template match="{"|".join(HIDDEN)}"/>'
    "</xsl:stylesheet>"
))


def parse(html: str):
    """An HTML fragment, parsed under one <div>."""
    return lxml.html.fragment_fromstring(html, create_parent="div")


def shown_text(tree) -> str:
    # (No "[@key]" can be left in the text: the build stops on any citation left as text.)
    return " ".join(str(SHOWN_TEXT(tree)).split())  # str.split's whitespace is re's \s: runs become one space


def plain_text(html: str) -> str:
    return shown_text(parse(html)) if html and html.strip() else ""
