"""Content safety: no script, inline style or off-site loading in content.

The site promises a strict Content Security Policy, pages that read without JavaScript and no
requests to other sites. Markdown lets raw HTML through, so one pasted embed or `onclick=`
would break those promises silently. The HTML each file produces is checked (so Markdown links
like `[x](javascript:…)` count, and code samples showing `<script>` as text do not), and the
line is found in the source.

A warm rebuild of the editors' build gets every unchanged page's HTML from the content cache,
and parsing all of it again with lxml was the largest cost of such a build. So the digests of
the HTML that passed are kept in CACHE_PATH (when the content cache is on) with a digest of
this file: HTML seen to pass before is not parsed again. The verdict is keyed on the HTML
itself, not on where it came from, so HTML that differs in any way (an edited file, a changed
cache entry) is checked in full.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from pathlib import Path

_PLUGINS = str(Path(__file__).resolve().parent.parent)
if _PLUGINS not in sys.path:  # plugins import each other by name (ContentError), however started
    sys.path.insert(0, _PLUGINS)

import lxml.html  # noqa: E402
from pelican import signals  # noqa: E402

from content_errors import ContentError, line_of  # noqa: E402

FORBIDDEN_ELEMENTS = {
    "script": "a <script> element: scripts belong in theme/static/js/, not in content",
    "style": "a <style> element: styles belong in theme/static/css/site.css",
    "iframe": "an <iframe>: embedded pages load another site; link to it instead",
    "object": "an <object>: embedded content is not allowed; link to it instead",
    "embed": "an <embed>: embedded content is not allowed; link to it instead",
    "form": "a <form>: the guide sends nothing anywhere",
}
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)
OFF_SITE = re.compile(r"^\s*(https?:)?//", re.I)
SITE_LINK = re.compile(r"^\s*(\{(static|attach|filename)\}|\|(static|attach|filename)\|)")
LOADS = ("img", "audio", "video", "source", "track", "input")


def problems_in(html: str):
    """(what to search for in the source, message) for each unsafe thing in the HTML."""
    if not html.strip():
        return
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in FORBIDDEN_ELEMENTS:
            yield f"<{tag}", f"content has {FORBIDDEN_ELEMENTS[tag]}"
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                yield f"{name}", f"content has an event attribute {name}=: scripts are not allowed in content"
            elif name == "style":
                yield "style", "content has a style= attribute: styles belong in theme/static/css/site.css"
            elif name in {"href", "src", "action", "formaction", "srcset", "poster"} and SCRIPT_URL.match(value):
                scheme = SCRIPT_URL.match(value).group(1).lower()
                yield f"{scheme}:", f"content has a {scheme}: link: links must go to pages or files"
            elif tag in LOADS and name in {"src", "srcset", "poster"}:
                if OFF_SITE.match(value):
                    yield value, f"image or media loads from another site ({value}): save it under content/images/ and use {{static}}/images/…"
                elif not SITE_LINK.match(value):
                    yield value, f"image '{value}' must be linked as {{static}}/images/… so the build can check it exists"


class Passed:
    """Digests of HTML that had no problems, from the previous build and this one. Entries
    not seen in a build are dropped when it is saved."""

    NAME = "content-safety-passed.pickle"
    CODE = hashlib.sha256(Path(__file__).read_bytes()).digest()

    def __init__(self, folder: Path | None):
        self.path = folder / self.NAME if folder else None
        self.old: frozenset = frozenset()
        if self.path and self.path.is_file():
            try:
                code, digests = pickle.loads(self.path.read_bytes())
                if code == self.CODE:
                    self.old = frozenset(digests)
            except Exception:  # a damaged file is only a slower build
                pass
        self.new: set = set()

    @staticmethod
    def digest(html: str) -> bytes:
        return hashlib.sha256(html.encode("utf-8", "surrogatepass")).digest()

    def save(self) -> None:
        if self.path and self.path.parent.is_dir():
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(pickle.dumps((self.CODE, sorted(self.new)), protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, self.path)


_passed = Passed(None)


def start_build(pelican) -> None:
    global _passed
    settings = pelican.settings
    caching = settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")
    _passed = Passed(Path(settings["CACHE_PATH"]) if caching else None)


def save_passed(pelican) -> None:
    _passed.save()


def check_content(content):
    source_path = getattr(content, "source_path", None)
    if not source_path or not getattr(content, "_content", None):
        return
    digest = _passed.digest(content._content)
    if digest in _passed.old or digest in _passed.new:
        _passed.new.add(digest)
        return
    for needle, message in problems_in(content._content):
        source = Path(source_path).read_text(encoding="utf-8", errors="replace")
        # An attribute is found by its name followed by "=", so that prose is not matched.
        attribute = needle.startswith("on") or needle == "style"
        pattern = (r"\b" + re.escape(needle) + r"\s*=") if attribute else re.escape(needle)
        match = re.search(pattern, source, re.I)
        line = line_of(source, match.start()) if match else 1
        raise ContentError(source_path, line, message)
    _passed.new.add(digest)


def register():
    signals.initialized.connect(start_build)
    signals.content_object_init.connect(check_content)
    signals.finalized.connect(save_passed)
