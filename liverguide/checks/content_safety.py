"""Content safety: the HTML a page, the feed and the search index may hold, as one allowlist.

Markdown lets raw HTML through, and an editor may paste anything: a whole embed, an `onclick=`,
a link whose scheme is spelled with a tab or an entity so that only a browser reads it as
`javascript:`. A list of forbidden things always misses a spelling, so this is the other way
round: TAGS, ATTRIBUTES and URL_SCHEMES below name what content may use, and nh3 (the Python
binding of Ammonia, a sanitizer that parses as browsers do) applies them.

Editors must never see published something other than what they wrote, so the cleaned HTML is
not published in place of theirs: it only decides. Both the HTML as written and the cleaned HTML
are parsed the way a browser parses the page they go into (Lexbor, an HTML5 parser, through
selectolax), inside a stand-in for the page around them; if the two differ, the first
difference is the mistake: an element, an attribute or a link the policy does not allow, an
HTML comment, or markup left open that would spill into the rest of the page. It is reported
at its line in the source, where the line is found with entities decoded (`&#9;`, `&colon;`)
as the browser decodes them. Why nh3 and not bleach or lxml's cleaner: docs/security.md.

One rule comes after the policy, on the same parse: an image loads from the guide's own files
only (`{static}/images/…`, which Pelican checks exist), never from another site. Text fields
(glossary, bibliography, clinic details), which are escaped where they are shown, may hold no
markup at all (`plain_text`).
"""
from __future__ import annotations

import bisect
import html as html_entities
import re
from dataclasses import dataclass

import nh3
from selectolax.lexbor import LexborHTMLParser

from liverguide.errors import ContentError

# --- The policy --------------------------------------------------------------------------------
# What Markdown and its extensions make (headings, lists, tables, footnotes, code, definition
# lists, abbreviations) and the site's own syntax (figures, care cards, citations, glossary
# terms), plus the text-level elements an editor may write by hand.
TAGS = frozenset({
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol",
    "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Attributes any allowed element may have: names for links and styles (id, class), language,
# and what assistive technology reads (role, aria-*, hidden, title).
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "hidden"})
GENERIC_PREFIXES = frozenset({"aria-"})
ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "details": {"open"},
}
# Absolute addresses may use these schemes; relative ones (pages and files of the guide,
# `{filename}/…`, `#fragment`) are always allowed.
URL_SCHEMES = frozenset({"https", "http", "mailto", "tel"})  # named in _attribute_fault's message
URL_ATTRIBUTES = frozenset({"href", "src"})

CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
    generic_attribute_prefixes=set(GENERIC_PREFIXES),
    url_schemes=set(URL_SCHEMES),
    strip_comments=True,
    link_rel=None,  # never add anything: the cleaned HTML is compared with the written one
)

# Why an element is not allowed, shown to the editor; anything else gets OTHER_ELEMENT.
ELEMENT_REASONS = {
    "script": "scripts belong in theme/static/js/, not in content",
    "noscript": "a page must read the same with and without scripts",
    "style": "styles belong in theme/static/css/site.css",
    "link": "a page loads nothing but the site's own files",
    "iframe": "an embedded page loads another site; link to it instead",
    "frame": "an embedded page loads another site; link to it instead",
    "object": "embedded content loads another site; link to it instead",
    "embed": "embedded content loads another site; link to it instead",
    "form": "the guide sends nothing anywhere",
    "input": "the guide sends nothing anywhere",
    "button": "the guide sends nothing anywhere",
    "select": "the guide sends nothing anywhere",
    "textarea": "the guide sends nothing anywhere",
    "base": "it would change where every link of the page goes",
    "meta": "it could send the reader to another page or change the page's rules",
    "title": "the page's title comes from its Title: field",
    "svg": "drawings live in content/diagrams/ and are placed with '::: diagram name.svg'",
    "math": "write formulas in words",
    "video": "media load from elsewhere; link to them instead",
    "audio": "media load from elsewhere; link to them instead",
    "source": "an image is one file: ![what it shows]({static}/images/…)",
    "picture": "an image is one file: ![what it shows]({static}/images/…)",
    "template": "content is shown as written, never filled in by scripts",
}
OTHER_ELEMENT = ("content is text, headings, lists, tables, links and images "
                 "(docs/security.md lists every element allowed)")
ATTRIBUTE_REASONS = {
    "style": "styles belong in theme/static/css/site.css",
    "srcset": "an image is one file: ![what it shows]({static}/images/…)",
    "sizes": "an image is one file: ![what it shows]({static}/images/…)",
    "target": "links open where the reader chooses",
    "background": "a page loads nothing but the site's own files",
}
EVENT_REASON = "scripts are not allowed in content"

# An image must come from the guide's own files, so the build can check it exists and the page
# loads nothing from elsewhere.
SITE_LINK = re.compile(r"^\s*(\{(static|attach)\}|\|(static|attach)\|)")
OFF_SITE = re.compile(r"^\s*([a-z][a-z0-9+.-]*:)?//", re.I)


@dataclass(frozen=True)
class Fault:
    """One thing the policy does not allow: what to tell the editor, and how to find it in the
    source (a regular expression over the text with entities decoded)."""
    message: str
    pattern: str
    url: bool = False  # look for it with tabs and line breaks removed, as browsers read URLs
    spill: bool = False  # markup left open or closed twice: the source's own tags say where


# --- Checking ----------------------------------------------------------------------------------

def check(html: str, source: str, where: tuple[str, int], body: bool = True) -> None:
    """Raise ContentError if `html` (made from `source`, the file's whole text) holds anything
    the policy does not allow. `where` is (file, line): the line the part starts on. For a
    one-line field (body=False) that line is the line of every fault; in a body the fault is
    looked for in the text from there on."""
    fault = fault_in(html)
    if fault is None:
        return
    path, first_line = where
    if fault.spill and body:
        found = unbalanced_tag(source, first_line)
        if found is not None:
            raise ContentError(path, *found)
    line = first_line if not body else locate(source, first_line, fault)
    raise ContentError(path, line, fault.message)


def fault_in(html: str) -> Fault | None:
    """The first thing in `html` the policy does not allow, or None."""
    if not html or not html.strip():
        return None
    written = _parse(html)
    cleaned = _parse(CLEANER.clean(html))
    if written.root.html != cleaned.root.html:
        fault = _first_difference(written, cleaned)
        if fault is not None:
            return fault
    return _image_fault(written)


# The page around a piece of content, as far as the parser is concerned: the piece sits in a
# <div> in <body>, and the page goes on after it. Markup the piece leaves open, or closes
# without opening, changes where that last paragraph ends up, so it shows as a difference.
_BEFORE = "<!DOCTYPE html><html><head></head><body><div>"
_AFTER = "</div><p>The rest of the page.</p></body></html>"


def _parse(html: str) -> LexborHTMLParser:
    # scripting=True: parsed as a browser with JavaScript on parses it (<noscript> as text).
    return LexborHTMLParser(_BEFORE + html + _AFTER, scripting=True)


def _nodes(tree) -> list[tuple]:
    """(depth, kind, tag, attributes or text) for each element, comment and text node, in
    document order; adjacent text nodes joined (how a parser splits text changes nothing on the
    page). A loop, not recursion: pasted HTML may nest deeper than Python recurses."""
    out: list[tuple] = []
    stack = [(tree.root.child, 1)] if tree.root.child is not None else []
    while stack:
        node, depth = stack.pop()
        if node.next is not None:
            stack.append((node.next, depth))
        if node.is_text_node:
            text = node.text_content or ""
            if out and out[-1][1] == "text" and out[-1][0] == depth:
                out[-1] = (depth, "text", None, out[-1][3] + text)
            else:
                # A parser drops a line break right after <pre>; a serializer need not write it back.
                out.append((depth, "text", None, text.lstrip("\n")))
        elif node.is_comment_node:
            out.append((depth, "comment", None, node.comment_content or ""))
        elif node.is_element_node:
            out.append((depth, "element", node.tag, {name: value or "" for name, value in node.attributes.items()}))
            if node.child is not None:
                stack.append((node.child, depth + 1))
    return out


def _first_difference(written, cleaned) -> Fault | None:
    """What cleaning removed first, in document order; None when the two differ only in how
    their text is split. Cleaning removes elements (keeping what they hold), attributes and
    comments, and keeps the order of the rest, so the elements of the two are matched in order:
    the first one written that has no match, or whose attributes differ from its match's, is
    the fault. When the elements all match, the difference is in where they sit: markup left
    open or closed twice."""
    ours, theirs = _nodes(written), _nodes(cleaned)
    if [node for node in ours if node[1] != "text"] == [node for node in theirs if node[1] != "text"] and \
            "".join(n[3] for n in ours if n[1] == "text") == "".join(n[3] for n in theirs if n[1] == "text") and \
            [n[0] for n in ours] == [n[0] for n in theirs]:
        return None
    kept = iter([node for node in theirs if node[1] == "element"])
    match = next(kept, None)
    for depth, kind, tag, value in ours:
        if kind == "comment":
            return Fault("an HTML comment <!-- … --> is not allowed (it would be published in the page's "
                         "source): keep notes outside content/", r"<[!?]")
        if kind != "element":
            continue
        if match is not None and match[2] == tag:
            if match[3] != value:
                fault = _attribute_fault(tag, value, match[3])
                if fault is not None:
                    return fault
            match = next(kept, None)
        elif not _tag_allowed(tag):
            return _element_fault(tag)
        else:
            return _structure_fault(tag)
    return _structure_fault(None)


def _tag_allowed(tag: str | None) -> bool:
    return tag is not None and tag.lower() in TAGS and tag == tag.lower()


def _element_fault(tag: str) -> Fault:
    name = tag.lower()
    reason = ELEMENT_REASONS.get(name, OTHER_ELEMENT)
    return Fault(f"<{name}> is not allowed ({reason})", "<" + re.escape(name) + r"(?![a-z0-9:-])")


def _attribute_fault(tag: str, written: dict, cleaned: dict) -> Fault | None:
    for name, value in written.items():
        if name in cleaned and cleaned[name] == value:
            continue
        value = value or ""
        if name in URL_ATTRIBUTES and _attribute_allowed(tag, name):
            shown = _shown_url(value)
            what = "image" if tag == "img" else "link to"
            return Fault(f"{what} '{shown}' is not allowed (links go to pages and files of the guide, or to "
                         "https:, http:, mailto: or tel: addresses)",
                         re.escape(_url_needle(value)[:40]), url=True)
        if name.startswith("on"):
            reason = EVENT_REASON
        else:
            reason = ATTRIBUTE_REASONS.get(name) or _allowed_on(tag)
        return Fault(f"{name}= on <{tag}> is not allowed ({reason})", r"\b" + re.escape(name) + r"\s*=")
    return None


def _attribute_allowed(tag: str, name: str) -> bool:
    return (name in GLOBAL_ATTRIBUTES or name in ATTRIBUTES.get(tag, ())
            or any(name.startswith(prefix) for prefix in GENERIC_PREFIXES))


def _allowed_on(tag: str) -> str:
    names = sorted(ATTRIBUTES.get(tag, set()) | GLOBAL_ATTRIBUTES) + ["aria-*"]
    return f"allowed on <{tag}>: {', '.join(names)}"


def _structure_fault(tag: str | None) -> Fault:
    """Markup that spills out of its part of the page: an element never closed (it comes back
    around the rest of the page) or an end tag the part did not open."""
    if tag is not None:
        return Fault(f"<{tag}> is not closed, or closed where it was not open: write each <{tag}> "
                     f"with its </{tag}> in the same paragraph", "<" + re.escape(tag.lower()) + r"(?![a-z0-9:-])",
                     spill=True)
    return Fault("HTML here closes an element it did not open, or leaves one open: every tag written by "
                 "hand needs its end tag, in the same block", r"</", spill=True)


# Tags as written in the source, and the elements that have no end tag.
SOURCE_TAG = re.compile(r"<(/?)([a-z][a-z0-9-]*)\b[^<>]*?(/?)>", re.I)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Elements whose end tag HTML lets a writer leave out: never reported as not closed.
OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup",
                          "option", "optgroup", "rt", "rp", "html", "head", "body"})
CODE = re.compile(r"`[^`\n]*`|^(```|~~~).*?^\1", re.M | re.S)


def unbalanced_tag(source: str, first_line: int) -> tuple[int, str] | None:
    """(line, message) for the first end tag written in `source` (from `first_line` on) that
    closes nothing open, else the first start tag never closed; None if the tags balance. Code
    spans and fenced code are skipped: tags shown there are text."""
    lines = source.splitlines(keepends=True)
    body = "".join(lines[first_line - 1:])
    body = CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)
    open_tags: list[tuple[str, int]] = []
    for tag in SOURCE_TAG.finditer(body):
        closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
        line = first_line + body.count("\n", 0, tag.start())
        if name in VOID or self_closing:
            continue
        if not closing:
            if name not in OPTIONAL_END:
                open_tags.append((name, line))
        elif any(name == opened for opened, _ in open_tags):
            while open_tags and open_tags.pop()[0] != name:
                pass
        elif name not in OPTIONAL_END:
            return line, (f"</{name}> closes an element it did not open (it would close part of the page "
                          "around the text): remove it, or add its <" + name + "> before it")
    if open_tags:
        name, line = open_tags[0]
        return line, f"<{name}> is not closed: write its </{name}> in the same block, or the rest of the page is inside it"
    return None


def _image_fault(tree) -> Fault | None:
    for image in tree.css("img"):
        src = image.attributes.get("src") or ""
        if OFF_SITE.match(src):
            return Fault(f"image or media loads from another site ({_shown_url(src)}): save it under "
                         "content/images/ and use {static}/images/…", re.escape(_url_needle(src)[:40]), url=True)
        if not SITE_LINK.match(src):
            return Fault(f"image '{_shown_url(src)}' must be linked as {{static}}/images/… so the build can "
                         "check it exists", re.escape(_url_needle(src)[:40]) if src.strip() else r"<img|!\[",
                         url=bool(src.strip()))
    return None


def _shown_url(value: str) -> str:
    """A URL as the editor can read it in one line: control characters shown as escapes."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value.strip())
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _url_needle(value: str) -> str:
    """A URL as browsers read it: leading and trailing controls and spaces dropped, tabs and line
    breaks inside removed (what the source search removes too)."""
    return re.sub(r"[\t\n\r]", "", value.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
                                               "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
                                               "\x1e\x1f ")).lower()


# --- Finding the line --------------------------------------------------------------------------

def locate(source: str, first_line: int, fault: Fault) -> int:
    """The line of `source` (from `first_line` on) where `fault` was written, looked for with
    character references decoded and, for URLs, tabs and line breaks removed, so that
    `java&#9;script:` and `javascript:` split over two lines are both found. The first line of the
    part when it cannot be found (markup made by a Markdown extension)."""
    lines = source.splitlines()[first_line - 1:]
    flat, starts = [], []
    length = 0
    for line in lines:
        decoded = html_entities.unescape(line).lower()
        if fault.url:
            decoded = re.sub(r"[\t\r]", "", decoded)
        else:
            decoded += "\n"
        starts.append(length)
        flat.append(decoded)
        length += len(decoded)
    match = re.search(fault.pattern, "".join(flat)) if fault.pattern else None
    if match is None:
        return first_line
    return first_line + bisect.bisect_right(starts, match.start()) - 1


# --- Text fields -------------------------------------------------------------------------------
# The glossary, the bibliography and the clinic's details are text: templates and the reference
# lists escape them, so a tag written there would be shown to readers as the tag itself. That is
# never what the editor meant, so it stops the build like HTML the policy does not allow.
MARKUP = re.compile(r"<(/?[A-Za-z][^\s/>]*|!|\?)")


def markup_in(value: str) -> tuple[str, int] | None:
    """The first tag-like markup in a text field, as shown to the editor, and its offset."""
    markup = MARKUP.search(value)
    if markup is None:
        return None
    inner = markup.group(1)
    return "<" + inner + (">" if inner[:1].isalpha() or inner[:1] == "/" else ""), markup.start()


def plain_text(value: str, path, line: int | None, what: str) -> None:
    """Raise ContentError at `line` of `path` if `value`, the text of `what`, holds markup."""
    found = markup_in(value)
    if found:
        raise ContentError(path, line, markup_message(found[0], what))


def markup_message(shown: str, what: str) -> str:
    return f"{shown} is not allowed in {what} (it is plain text: readers would see the tag itself)"
