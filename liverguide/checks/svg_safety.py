"""Diagram safety: an SVG file is published as it is, and a reader who opens it on its own (from
disk, where no Content Security Policy applies) runs whatever it holds. So every SVG under the
content folder must be a drawing and nothing else: drawing elements only (no <script>,
<foreignObject>, <image>, <a>, animation or <style>), no event attributes (`onload=`), no
`style=`, and no reference to anything outside the file (`href` and `url(…)` name an `#id` in
it). A <!DOCTYPE> (which can pull in other files through entities) and processing
instructions (`<?xml-stylesheet?>`) are refused too. Each fault names the file and its line.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from liverguide.errors import ContentError

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# What a drawing is made of (docs/diagrams.md); everything that can run code, load a file,
# link away or change itself over time is left out.
ELEMENTS = frozenset({
    "svg", "title", "desc", "defs", "g", "path", "rect", "circle", "ellipse", "line", "polyline",
    "polygon", "text", "tspan", "marker", "pattern", "use", "symbol", "clipPath", "mask",
    "linearGradient", "radialGradient", "stop",
})
ELEMENT_REASONS = {
    "script": "a drawing runs no code",
    "foreignObject": "it puts a web page inside the drawing",
    "image": "a drawing loads no other file",
    "feImage": "a drawing loads no other file",
    "a": "a drawing links nowhere; say where to go in the article's text",
    "style": "colours and sizes are attributes: fill=, stroke=, font-size=",
    "animate": "a drawing does not change itself",
    "set": "a drawing does not change itself",
    "animateMotion": "a drawing does not change itself",
    "animateTransform": "a drawing does not change itself",
}
OTHER_ELEMENT = "diagrams use drawing elements only (docs/diagrams.md)"
# Attributes outside the SVG namespace a drawing may carry.
FOREIGN_ATTRIBUTES = {f"{{{XLINK}}}href": "xlink:href", f"{{{XML}}}lang": "xml:lang", f"{{{XML}}}space": "xml:space"}
URL_IN_VALUE = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def check(path: str | Path) -> None:
    """Raise ContentError at the file and line of the first thing in the SVG at `path` that is
    not part of a self-contained drawing."""
    try:
        tree = etree.parse(str(path), PARSER)
    except etree.XMLSyntaxError as error:
        raise ContentError(path, error.lineno, f"is not a well-formed SVG file: {error.msg}") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raw = Path(path).read_bytes()
        line = raw.count(b"\n", 0, max(raw.upper().find(b"<!DOCTYPE"), 0)) + 1
        raise ContentError(path, line, "<!DOCTYPE> is not allowed in a diagram (it can pull in other files)")
    root = tree.getroot()
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    for node in root.itersiblings(preceding=True):
        _not_a_drawing(path, node)
    for node in root.itersiblings():
        _not_a_drawing(path, node)
    if root.tag != f"{{{SVG}}}svg":
        raise ContentError(path, root.sourceline, "is not an SVG drawing: its root element must be "
                                                  '<svg xmlns="http://www.w3.org/2000/svg">')
    for element in root.iter():
        _not_a_drawing(path, element)
        if isinstance(element.tag, str):  # not a comment
            _check_element(path, element, lines)


def _not_a_drawing(path, node) -> None:
    if node.tag is etree.PI:  # lxml gives processing instructions this tag
        raise ContentError(path, node.sourceline, f"<?{node.target} …?> is not allowed in a diagram "
                                                  "(it can load a stylesheet)")


def _line(lines: list[str], end: int, needle: str) -> int:
    """The line of `needle` in the start tag that ends on line `end` (libxml2 gives an element
    the line its start tag ends on; a tag may run over several lines)."""
    for number in range(end, 0, -1):
        if re.search(needle, lines[number - 1]):
            return number
        if "<" in lines[number - 1]:
            break
    return end


def _check_element(path, element, lines: list[str]) -> None:
    qname = etree.QName(element)
    line = _line(lines, element.sourceline, "<" + re.escape(element.prefix + ":" if element.prefix else "")
                 + re.escape(qname.localname) + r"\b")
    if qname.namespace != SVG or qname.localname not in ELEMENTS:
        reason = ELEMENT_REASONS.get(qname.localname, OTHER_ELEMENT) if qname.namespace == SVG else (
            f"it is not SVG but {qname.namespace or 'no namespace'}; a diagram holds SVG drawing elements only")
        raise ContentError(path, line, f"<{qname.localname}> is not allowed in a diagram ({reason})")
    for name, value in element.attrib.items():
        shown = FOREIGN_ATTRIBUTES.get(name, name)
        line = _line(lines, element.sourceline, r"(^|\s)" + re.escape(shown.split(":")[-1]) + r"\s*=")
        if name.startswith("{") and name not in FOREIGN_ATTRIBUTES:
            raise ContentError(path, line, f"{etree.QName(name).localname}= from another namespace on "
                                           f"<{qname.localname}> is not allowed in a diagram")
        if shown.lower().startswith("on"):
            raise ContentError(path, line, f"{shown}= on <{qname.localname}> is not allowed in a diagram "
                                           "(a drawing runs no code)")
        if shown == "style":
            raise ContentError(path, line, f"style= on <{qname.localname}> is not allowed in a diagram "
                                           "(write fill=, stroke=, font-size= … as attributes)")
        if shown in {"href", "xlink:href"} and not value.strip().startswith("#"):
            raise ContentError(path, line, f"{shown}={value!r} on <{qname.localname}> refers outside the "
                                           "drawing (name an id inside it: href=\"#arrow\")")
        for _, url in URL_IN_VALUE.findall(value):
            if not url.strip().startswith("#"):
                raise ContentError(path, line, f"url({url}) in {shown}= on <{qname.localname}> refers outside "
                                               "the drawing (name an id inside it: url(#hatch))")
