"""Links between the guide's pages, checked when the site is built instead of by `make check`
afterwards (which names the built page, not the Markdown line).

A page's address differs between the builds (relative on disk, absolute when hosted, pages
renamed when a slug changes), so a link to another page names its source file,
`{filename}/articles/07-hai-pump.md`, and Pelican writes the right address in each build (and
stops the build when the file does not exist). What Pelican does not check:
- a link written as an address (`hai-pump.html`, `../treatments/x.html`, `/x.html`, `x.md`):
  it works in one build at best;
- a `#fragment` naming no id on the page it points to (a heading renamed, a typo).

Whether a fragment exists needs every page's ids, so this runs in two steps: the reader calls
`collect()` on each file's one parse and leaves on the content object what it links to and the
ids it has, each link with its line in the Markdown file (`page_links`, `page_ids`); the links
plugin (liverguide/plugins/links.py) calls `check()` once everything is read.
"""
from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from liverguide.errors import ContentError, closest, line_of

# Pelican's markers for links it resolves itself: {filename}, {static}, {attach}, {index},
# {category}, {tag}, {author} (and the older |filename| spelling).
MARKER = re.compile(r"^(?:\{(\w+)\}|\|(\w+)\|)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# Links the site's own code makes, not the editor: citation numbers, glossary terms, the care
# team's phone number. They are checked where they are made.
GENERATED = ("citation", "glossary", "care-card-contact")
# Ids every page gets from the theme (theme/templates/, liverguide/sources/reference_lists.py)
# that a link in the text may name: the reference list, and its entries `ref-1`, `ref-2`, ….
THEME_IDS = frozenset({"main", "references-title"})
REFERENCE_ID = re.compile(r"^ref-(\d+)$")
NONE = {"page_links": (), "page_ids": frozenset()}


# The links an editor wrote: every <a href> not inside (or being) one of GENERATED.
WRITTEN_LINKS = etree.XPath("//a[@href][not(ancestor-or-self::*[" + " or ".join(
    f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in GENERATED) + "])]/@href")
IDS = etree.XPath("//@id")


def collect(source_path: str, text: str, tree) -> dict:
    """What a page links to, as (line in the Markdown file, href as written), and every id it
    has, from the reader's parse of its HTML."""
    links = []
    cursor = 0
    for href in WRITTEN_LINKS(tree):
        href = str(href)
        # Links are found in the source in order; a link written twice takes its next spot.
        at = text.find(href, cursor)
        if at < 0:
            at = text.find(href)
        else:
            cursor = at + len(href)
        links.append((line_of(text, at) if at >= 0 else None, href))
    ids = frozenset(map(str, IDS(tree)))
    return {"page_links": tuple(links), "page_ids": ids}


def _source_key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def check(contents, content_root: str) -> None:
    """Raise ContentError at the first link, in file order, that bypasses {filename} or names
    a fragment its target page does not have. `contents`: every article and page, drafts too."""
    root = Path(content_root)
    by_source = {_source_key(content.source_path): content for content in contents}
    for content in sorted(contents, key=lambda c: c.source_path):
        for line, href in getattr(content, "page_links", ()):
            problem = _problem(content, href, by_source, root)
            if problem:
                raise ContentError(content.source_path, line, problem)


def _problem(content, href: str, by_source: dict, root: Path) -> str | None:
    marker = MARKER.match(href)
    if marker:
        if (marker.group(1) or marker.group(2)) != "filename":
            return None  # static files and index pages: Pelican checks them
        rest = href[marker.end():]
        path, _, fragment = rest.partition("#")
        if not fragment:
            return None
        if path:
            base = root if path.startswith("/") else Path(content.source_path).parent
            target = by_source.get(_source_key(str(base / unquote(path).lstrip("/"))))
        else:
            target = content
        if target is None:
            return None  # Pelican stops the build at a {filename} link to no file
        return _missing_fragment(target, fragment, href)
    if href.startswith("#"):
        return _missing_fragment(content, href[1:], href) if len(href) > 1 else None
    if SCHEME.match(href) or href.startswith("//"):
        return None  # another site, mail, phone: make check judges their form
    return _bypasses_filename(href, by_source, root)


def _missing_fragment(target, fragment: str, href: str) -> str | None:
    fragment = unquote(fragment)
    ids = getattr(target, "page_ids", frozenset())
    if fragment in ids or fragment in THEME_IDS:
        return None
    number = REFERENCE_ID.match(fragment)
    if number and 1 <= int(number.group(1)) <= len(getattr(target, "cited_keys", None) or ()):
        return None
    headings = [anchor for anchor, _ in getattr(target, "headings", ())]
    close = closest(fragment, headings or sorted(ids))
    hint = f" (did you mean '#{close}'?)" if close else ""
    page = Path(target.source_path).name
    return f"links to '{href}', but {page} has no '#{fragment}'{hint}"


def _bypasses_filename(href: str, by_source: dict, root: Path) -> str:
    path = unquote(href.partition("#")[0].partition("?")[0])
    name = posixpath.basename(path.rstrip("/"))
    if not name:
        return f"links to '{href}', which goes nowhere: give the link a page's file, like ({{filename}}/articles/07-hai-pump.md)"
    stem = name.rsplit(".", 1)[0]
    fragment = href.partition("#")[2]
    for key in sorted(by_source):
        content = by_source[key]
        source = Path(content.source_path)
        if name in (source.name, posixpath.basename(content.save_as or "/")) or stem == content.slug:
            relative = Path(os.path.relpath(source, root)).as_posix()
            suggestion = "{filename}/" + relative + (f"#{fragment}" if fragment else "")
            return (f"links to '{href}' by its address, which differs between builds: "
                    f"link the page's file instead, ({suggestion})")
    if (root / path.lstrip("/")).is_file():
        return f"links to '{href}' by its address: link a file of the guide as ({{static}}/{path.lstrip('/')})"
    return (f"links to '{href}', which is not a page of the guide: link another page by its file, "
            "like ({filename}/articles/07-hai-pump.md)")
