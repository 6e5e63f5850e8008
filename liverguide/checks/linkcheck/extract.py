"""Reading one page: every URL it references and every id it defines, from a single lxml parse.

The result is plain tuples so it can cross a process boundary cheaply when pages are parsed in
parallel."""
from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

from .css import declarations_urls, stylesheet_urls

# Built pages are UTF-8 (Pelican writes nothing else); without this libxml2 would fall back
# to Latin-1 for a page whose <meta charset> it misses, and non-ASCII ids would not match.
PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, no_network=True)

# element -> attributes holding one URL. srcset holds several and is read separately.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "source": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "input": ("src",),
    "object": ("data",),
    # A form leads to its action page just as a link does (the search box is one).
    "form": ("action",),
    "button": ("formaction",),
    "blockquote": ("cite",),
    "q": ("cite",),
    "ins": ("cite",),
    "del": ("cite",),
    # SVG inside HTML: lxml's HTML parser keeps the prefixed name as written.
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
SRCSET_TAGS = ("img", "source")
TAG_NAMES = {name: name for name in (*URL_ATTRIBUTES, "meta", "style")}
# Elements whose URL the browser fetches by itself when the page loads (as opposed to a link the
# reader may follow): these must never point at another site.
EMBEDDING_TAGS = frozenset({"img", "source", "script", "iframe", "embed", "audio", "video", "track",
                            "input", "object", "use", "image", "style"})
# <link rel=...> values that make the browser fetch the target.
EMBEDDING_RELS = frozenset({"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest", "preload",
                            "modulepreload", "prefetch", "preconnect", "dns-prefetch", "prerender"})
WITH_ID = etree.XPath("//*[@id]")
WITH_STYLE = etree.XPath("//*[@style]")
REFRESH_URL = re.compile(r"^\s*\d+(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(['\"]?)(.*?)\1\s*$", re.I | re.S)


# One reference: (line, tag, attribute, url, embeds, blank_unsafe). A plain tuple, not a
# NamedTuple: it is built 200 times a page and pickled between processes, and a NamedTuple
# costs several times more at both.
#   embeds: the browser fetches it by itself on load; blank_unsafe: target=_blank without
#   rel="noopener noreferrer".
Ref = tuple


class PageScan(NamedTuple):
    path: str                                # from the site root
    ids: frozenset[str]
    duplicates: tuple[tuple[str, int, int], ...]  # (id, line, line of the first one)
    refs: tuple[Ref, ...]


def parse_srcset(value: str) -> list[str]:
    """The URLs of a srcset, following the HTML spec's candidate parsing (URLs may contain
    commas; a trailing comma ends a candidate; descriptors follow whitespace)."""
    urls = []
    pos, end = 0, len(value)
    while pos < end:
        while pos < end and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        if pos >= end:
            break
        start = pos
        while pos < end and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        if url.endswith(","):
            urls.append(url.rstrip(","))
            continue
        urls.append(url)
        depth = 0
        while pos < end:  # skip descriptors up to the comma that ends this candidate
            char = value[pos]
            if char == "(":
                depth += 1
            elif char == ")":
                depth = max(depth - 1, 0)
            elif char == "," and depth == 0:
                break
            pos += 1
    return urls


def _blank_unsafe(element) -> bool:
    if (element.get("target") or "").strip().lower() != "_blank":
        return False
    rel = set((element.get("rel") or "").lower().split())
    return not {"noopener", "noreferrer"} <= rel


def scan_html(path: str, data: bytes) -> PageScan:
    """Parse one page and list what it references and defines."""
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError:  # an empty file: libxml2 recovers from anything else
        root = None
    if root is None:
        return PageScan(path, frozenset(), (), ())

    first_line: dict[str, int] = {}
    duplicates = []
    for element in WITH_ID(root):
        ident = element.get("id")
        line = element.sourceline or 0
        if ident in first_line:
            duplicates.append((ident, line, first_line[ident]))
        else:
            first_line[ident] = line

    refs: list[Ref] = []
    add = refs.append
    for element in root.iter(*URL_ATTRIBUTES, "meta", "style"):
        tag = element.tag
        if tag == "a":  # most references: the short path
            href = element.get("href")
            if href is not None:
                unsafe = element.get("target") is not None and _blank_unsafe(element)
                add((element.sourceline or 0, "a", "href", href.strip(), False, unsafe))
            continue
        tag = TAG_NAMES.get(tag, tag)  # one shared str per name: pickles once per page
        line = element.sourceline or 0
        if tag == "meta":
            if (element.get("http-equiv") or "").lower() == "refresh":
                match = REFRESH_URL.match(element.get("content") or "")
                if match and match.group(2):
                    add((line, tag, "content", match.group(2).strip(), False, False))
            continue
        if tag == "style":
            for css_line, url in stylesheet_urls(element.text or ""):
                add((line + css_line - 1, tag, "url()", url, True, False))
            continue
        if tag == "link":
            rels = set((element.get("rel") or "").lower().split())
            embeds = bool(rels & EMBEDDING_RELS)
        else:
            embeds = tag in EMBEDDING_TAGS
        for attr in URL_ATTRIBUTES[tag]:
            value = element.get(attr)
            if value is not None:
                add((line, tag, attr, value.strip(), embeds, tag == "area" and _blank_unsafe(element)))
        if tag in SRCSET_TAGS:
            srcset = element.get("srcset")
            if srcset is not None:
                for url in parse_srcset(srcset) or [""]:
                    add((line, tag, "srcset", url, True, False))

    for element in WITH_STYLE(root):
        for url in declarations_urls(element.get("style")):
            add((element.sourceline or 0, element.tag, "style", url, True, False))

    return PageScan(path, frozenset(first_line), tuple(duplicates), tuple(refs))


def scan_file(args: tuple[str, str]) -> PageScan:
    """(site-relative path, absolute path) -> PageScan; the unit of work for a process pool."""
    path, absolute = args
    with open(absolute, "rb") as handle:
        return scan_html(path, handle.read())


def scan_stylesheet(path: str, absolute: str) -> list[tuple[int, str]]:
    with open(absolute, "rb") as handle:
        data = handle.read()
    return stylesheet_urls(data.decode("utf-8", errors="replace"))


def svg_ids(absolute: str) -> frozenset[str] | None:
    """The ids of an SVG file (for `icons.svg#name`), or None when it is not well-formed XML."""
    try:
        tree = etree.parse(absolute, etree.XMLParser(resolve_entities=False, no_network=True))
    except (etree.XMLSyntaxError, OSError):
        return None
    return frozenset(el.get("id") for el in WITH_ID(tree))
