"""Checking a whole built site: list its files once, read every page once, then resolve every
reference against sets (no per-link disk access), so the work grows with the number of links."""
from __future__ import annotations

import os
import posixpath
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from liverguide.processes import pool

from . import external as fetch
from .extract import PageScan, scan_file, scan_stylesheet, svg_ids
from .rules import Problem
from .urls import BAD_CHARACTERS, BAD_PERCENT, mailto_problem, scheme_of, tel_problem, web_url_problem

# Pages a web server shows for an unknown address: nothing links them, on purpose.
DEFAULT_ORPHAN_EXEMPT = ("404.html",)
HTML_SUFFIXES = (".html", ".htm")
# Elements the reader follows to another page (mailto: and tel: make sense only here).
NAVIGATING_TAGS = frozenset({"a", "area", "form", "button"})
# Per the HTML spec, '#top' scrolls to the top even when no element has that id.
TOP = "top"


@dataclass
class Report:
    problems: list[Problem]
    pages: int
    links: int
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return f"checked {self.pages} pages, {self.links} links in {self.seconds:.2f} s"


@dataclass
class _Site:
    files: set[str]
    dirs: set[str]
    pages: list[str]
    stylesheets: list[str]


def _list_site(root: Path) -> _Site:
    files, dirs, pages, stylesheets = set(), {""}, [], []
    top = str(root)
    for folder, subdirs, names in os.walk(top):
        rel = os.path.relpath(folder, top).replace(os.sep, "/")
        rel = "" if rel == "." else rel + "/"
        for name in subdirs:
            dirs.add(rel + name)
        for name in names:
            path = rel + name
            files.add(path)
            lower = name.lower()
            if lower.endswith(HTML_SUFFIXES):
                pages.append(path)
            elif lower.endswith(".css"):
                stylesheets.append(path)
    pages.sort()
    stylesheets.sort()
    return _Site(files, dirs, pages, stylesheets)


def _scan_pages(root: Path, pages: list[str], jobs: int) -> list[PageScan]:
    work = [(page, str(root / page)) for page in pages]
    if jobs <= 1 or len(work) < 100:  # below that, starting processes costs more than it saves
        return [scan_file(item) for item in work]
    with pool(jobs) as workers:  # spawned, as every platform can
        return list(workers.map(scan_file, work, chunksize=max(1, len(work) // (jobs * 4))))


@dataclass
class _Resolver:
    root: Path
    site: _Site
    ids: dict[str, frozenset[str]]
    offline: bool
    site_urls: list[tuple[str, str]]  # ("https://host", path prefix ending in '/')
    _svg: dict[str, frozenset[str] | None] = field(default_factory=dict)
    _cache: dict[tuple, tuple[list[tuple[str, str]], str | None, str | None]] = field(default_factory=dict)

    def resolve(self, folder: str, url: str, embeds: bool, in_css: bool, navigates: bool):
        """([(rule, detail)], html page linked or None) for a URL written in `folder`.

        Everything but the #fragment is resolved once per folder and cached: the same
        navigation links, and links to the same pages' sections, recur on every page."""
        base, hashmark, fragment = url.partition("#")
        key = (folder, base, embeds, in_css, navigates)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._resolve(folder, base, embeds, in_css, navigates)
        problems, target, kind = found
        if not hashmark:
            return problems, target
        if kind == "external":
            if not problems and (BAD_CHARACTERS.search(fragment) or BAD_PERCENT.search(fragment)):
                return [("malformed-url", "has spaces or characters a URL may not hold")], None
        elif kind is not None and fragment and not fragment.startswith(":~:"):  # text fragments name no id
            ids = self.ids.get(target, frozenset()) if kind == "page" else self._svg_ids(kind)
            if ids is not None and not _has_id(ids, fragment, kind == "page"):
                return [*problems, ("missing-id", "no such id")], target
        return problems, target

    def _resolve(self, folder, url, embeds, in_css, navigates):
        """(problems, html page or None, what a fragment names: 'page', an SVG's path,
        'external', or None) for a URL without its fragment."""
        scheme = scheme_of(url)
        if scheme is None:
            if url.startswith("//"):
                return [("insecure-link", "scheme-relative: write https://")], None, None
            if url.startswith("/"):
                if self.offline:
                    return [("root-absolute", "root-absolute: it points at the disk's root offline; make it relative")], None, None
                prefix = self.site_urls[0][1] if self.site_urls else "/"
                if not url.startswith(prefix) and url + "/" != prefix:
                    return [("missing-file", f"outside the site (which lives under {prefix})")], None, None
                return self._internal("", url[len(prefix):], in_css)
            return self._internal(folder, url, in_css)
        if scheme in ("http", "https"):
            rest = self.own_path(url)
            if rest is not None:
                return self._internal("", rest, in_css)
            problems = []
            if scheme == "http":
                problems.append(("insecure-link", "not https"))
            else:
                why = web_url_problem(url)
                if why:
                    problems.append(("malformed-url", why))
            if embeds:
                problems.append(("external-resource", "loaded from another site"))
            return problems, None, "external"
        if scheme == "mailto" and navigates:
            why = mailto_problem(url)
            return ([("mailto", why)] if why else []), None, None
        if scheme == "tel" and navigates:
            why = tel_problem(url)
            return ([("tel", why)] if why else []), None, None
        if scheme == "data" and embeds:
            return [], None, None
        return [("bad-scheme", f"scheme '{scheme}:' is not https, mailto or tel")], None, None

    def own_path(self, url: str) -> str | None:
        """For an absolute URL under the site's own address, the path from the site root."""
        for origin, prefix in self.site_urls:
            if url[:len(origin)].lower() == origin:
                path = url[len(origin):] or "/"
                if path.startswith(prefix):
                    return path[len(prefix):]
                if path + "/" == prefix:
                    return ""
        return None

    def _internal(self, folder: str, url: str, in_css: bool):
        path = url.partition("?")[0]
        decoded = unquote(path)
        joined = posixpath.normpath(posixpath.join(folder, decoded)) if decoded else folder.rstrip("/")
        if joined == ".":
            joined = ""
        if joined == ".." or joined.startswith("../"):
            return [("missing-file", "points outside the site")], None, None
        if decoded.endswith("/") or joined in self.site.dirs or decoded in (".", ".."):
            index = (joined + "/index.html").lstrip("/")
            hint = f" (link {path.rstrip('/') + '/' if path.rstrip('/') else ''}index.html)" if index in self.site.files else ""
            return [("folder-link", f"a folder, not a file{hint}")], None, None
        if joined not in self.site.files:
            return [("css-url" if in_css else "missing-file", "no such file")], None, None
        lower = joined.lower()
        if lower.endswith(HTML_SUFFIXES):
            return [], joined, "page"
        # An SVG's ids are checked too (sprites: icons.svg#name); a PDF's #page=2 is not ours to judge.
        return [], None, joined if lower.endswith(".svg") else None

    def _svg_ids(self, path: str):
        if path not in self._svg:
            self._svg[path] = svg_ids(str(self.root / path))
        return self._svg[path]


def _has_id(ids: frozenset[str], fragment: str, is_page: bool) -> bool:
    return fragment in ids or unquote(fragment) in ids or (is_page and fragment.lower() == TOP)


def _subject(tag: str, attr: str, url: str) -> str:
    if tag in ("a", "area", "link"):
        return f"link to {url}"
    if tag in ("form", "button"):
        return f"form to {url}"
    if tag == "css":
        return f"url({url})"
    return f"<{tag} {attr}> {url}"


def _site_prefixes(site_urls) -> list[tuple[str, str]]:
    prefixes = []
    for site_url in site_urls:
        parts = urlsplit(site_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"site URL {site_url!r} is not an http(s) URL")
        prefixes.append((f"{parts.scheme}://{parts.netloc}".lower(), parts.path.rstrip("/") + "/"))
    return prefixes


def check_site(root, *, offline: bool = False, site_urls=(), orphan_exempt=DEFAULT_ORPHAN_EXEMPT,
               jobs: int = 1, external: bool = False) -> Report:
    """Check the built site in folder `root`; return every problem found.

    offline: the site is opened from disk, so root-absolute links are faults.
    site_urls: the site's own public address(es); absolute links under them are internal.
    orphan_exempt: pages nothing needs to link (paths from the root).
    jobs: processes that parse pages (1: parse in this process).
    external: also fetch every well-formed link to another site (the network; see external.py).
    """
    started = time.perf_counter()
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such folder")
    site = _list_site(root)
    scans = _scan_pages(root, site.pages, jobs)
    resolver = _Resolver(root, site, {scan.path: scan.ids for scan in scans}, offline, _site_prefixes(site_urls))
    problems: list[Problem] = []
    edges: dict[str, set[str]] = {}
    links = 0
    elsewhere: dict[str, list[tuple[str, int, str]]] = {}  # address -> (page, line, subject), for --external

    for scan in scans:
        page = scan.path
        folder = posixpath.dirname(page)
        folder = folder + "/" if folder else ""
        linked = edges[page] = set()
        for ident, line, first in scan.duplicates:
            problems.append(Problem(page, line, "duplicate-id", f"duplicate id {ident!r} (first on line {first})"))
        links += len(scan.refs)
        for line, tag, attr, url, embeds, blank_unsafe in scan.refs:
            if url == "" and tag in ("form", "button"):
                continue  # an empty action submits to the page itself
            if url == "" or url == "#":
                problems.append(Problem(page, line, "empty-link", f"<{tag} {attr}=\"{url}\"> goes nowhere"))
                continue
            if url[0] == "#" or url[0] == "?":  # this very page (with a query, still this file)
                fragment = url.partition("#")[2]
                if not fragment:
                    continue
                if not fragment.startswith(":~:") and not _has_id(scan.ids, fragment, True):
                    problems.append(Problem(page, line, "missing-id", f"{_subject(tag, attr, url)}: no such id"))
                continue
            found, target = resolver.resolve(folder, url, embeds, False, tag in NAVIGATING_TAGS)
            for rule, detail in found:
                problems.append(Problem(page, line, rule, f"{_subject(tag, attr, url)}: {detail}"))
            if external and target is None and scheme_of(url) in ("http", "https") \
                    and resolver.own_path(url) is None and all(rule != "malformed-url" for rule, _ in found):
                elsewhere.setdefault(url.partition("#")[0], []).append((page, line, _subject(tag, attr, url)))
            if target is not None:
                linked.add(target)
            if blank_unsafe and scheme_of(url) in ("http", "https") and resolver.own_path(url) is None:
                problems.append(Problem(page, line, "unsafe-blank",
                                        f'{_subject(tag, attr, url)}: target="_blank" needs rel="noopener noreferrer"'))

    for sheet in site.stylesheets:
        folder = posixpath.dirname(sheet)
        folder = folder + "/" if folder else ""
        for line, url in scan_stylesheet(sheet, str(root / sheet)):
            links += 1
            if url.startswith("#"):  # SVG paint servers inside the referencing document
                continue
            if not url:
                problems.append(Problem(sheet, line, "css-url", "url() is empty"))
                continue
            found, _ = resolver.resolve(folder, url, True, True, False)
            for rule, detail in found:
                problems.append(Problem(sheet, line, rule, f"url({url}): {detail}"))

    problems.extend(_orphans(site.pages, edges, set(orphan_exempt)))
    if elsewhere:
        for address, why in fetch.problems(elsewhere).items():
            problems.extend(Problem(page, line, "unreachable", f"{subject}: {why}")
                            for page, line, subject in elsewhere[address])
    problems.sort()
    return Report(problems, len(site.pages), links, time.perf_counter() - started)


def _orphans(pages: list[str], edges: dict[str, set[str]], exempt: set[str]) -> list[Problem]:
    start = "index.html"
    if start not in edges:
        return [Problem(page, 0, "orphan", "no index.html to reach this page from")
                for page in pages if page not in exempt]
    seen = {start}
    queue = deque([start])
    while queue:
        for target in edges.get(queue.popleft(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return [Problem(page, 0, "orphan", "no link leads here from index.html")
            for page in pages if page not in seen and page not in exempt]
