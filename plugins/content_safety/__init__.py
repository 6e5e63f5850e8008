"""Content safety: no script, inline style or off-site loading in content.

The site promises a strict Content Security Policy, pages that read without JavaScript and no
requests to other sites. Markdown lets raw HTML through, so one pasted embed or `onclick=`
would break those promises silently. The HTML each file produces is checked (so Markdown links
like `[x](javascript:…)` count, and code samples showing `<script>` as text do not), and the
line is found in the source.

The check runs where the HTML is made, in the Markdown reader (so in the worker processes of
plugins/parallel, beside the conversion), and the reader notes a digest of the HTML that
passed in the metadata (`checked_html`), which the content cache keeps with it. When a content
object is made, its HTML is parsed again only if it differs from what was checked: a page from
the content cache whose HTML was changed in any way is checked in full. (An edited checker
empties the content cache: plugins/cache_guard fingerprints the plugins' code.)
"""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

_PLUGINS = str(Path(__file__).resolve().parent.parent)
if _PLUGINS not in sys.path:  # plugins import each other by name (ContentError), however started
    sys.path.insert(0, _PLUGINS)

from pelican import signals  # noqa: E402
import markdown_readers  # noqa: E402

from content_errors import ContentError, line_of  # noqa: E402
from parsed_html import parse  # noqa: E402

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
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster"}


def problems_in(html: str):
    """(what to search for in the source, message) for each unsafe thing in the HTML."""
    if not html.strip():
        return
    for element in parse(html).iter():
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
            elif name in URL_ATTRIBUTES and SCRIPT_URL.match(value):
                scheme = SCRIPT_URL.match(value).group(1).lower()
                yield f"{scheme}:", f"content has a {scheme}: link: links must go to pages or files"
            elif tag in LOADS and name in {"src", "srcset", "poster"}:
                if OFF_SITE.match(value):
                    yield value, f"image or media loads from another site ({value}): save it under content/images/ and use {{static}}/images/…"
                elif not SITE_LINK.match(value):
                    yield value, f"image '{value}' must be linked as {{static}}/images/… so the build can check it exists"


def digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()


def check_html(source_path, html: str) -> None:
    """Raise a ContentError at the source line of the first unsafe thing in `html`."""
    for needle, message in problems_in(html):
        source = Path(source_path).read_text(encoding="utf-8", errors="replace")
        # An attribute is found by its name followed by "=", so that prose is not matched.
        attribute = needle.startswith("on") or needle == "style"
        # A URL scheme may have spaces before its colon ("javascript :"), as browsers allow.
        scheme = SCRIPT_URL.match(needle)
        pattern = (r"\b" + re.escape(needle) + r"\s*=") if attribute else (
            re.escape(scheme.group(1)) + r"\s*:" if scheme else re.escape(needle))
        match = re.search(pattern, source, re.I)
        line = line_of(source, match.start()) if match else 1
        raise ContentError(source_path, line, message)


def checking_reader(base: type) -> type:
    class SafetyCheckedReader(base):
        def read(self, source_path):
            content, metadata = super().read(source_path)
            if content:
                check_html(source_path, content)
                metadata["checked_html"] = digest(content)
            return content, metadata

    return SafetyCheckedReader


def install(readers) -> None:
    markdown_readers.wrap(readers, "safety_checked", checking_reader)


def check_content(content):
    """Every content object, whichever reader or cache its HTML came from."""
    source_path = getattr(content, "source_path", None)
    html = getattr(content, "_content", None)
    if not source_path or not html:
        return
    if getattr(content, "checked_html", None) != digest(html):
        check_html(source_path, html)


def register():
    signals.readers_init.connect(install)
    signals.content_object_init.connect(check_content)
