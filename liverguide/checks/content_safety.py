"""Content safety: no script, inline style or off-site loading in content.

The site promises a strict Content Security Policy, pages that read without JavaScript and no
requests to other sites. Markdown lets raw HTML through, so one pasted embed or `onclick=`
would break those promises silently. The HTML each file produces is checked (so Markdown links
like `[x](javascript:…)` count, and code samples showing `<script>` as text do not), and the
line is found in the source. The reader (liverguide.reader) runs the check on its one parse of
each file's HTML, where the HTML is made.
"""
from __future__ import annotations

import re

from liverguide.errors import ContentError, line_of

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


def problems_in(tree):
    """(what to search for in the source, message) for each unsafe thing in a parsed page."""
    for element in tree.iter():
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


def check(source_path: str, source: str, tree) -> None:
    """Raise a ContentError at the line of `source` (the file's text) of the first unsafe thing
    in `tree` (its HTML, parsed)."""
    for needle, message in problems_in(tree):
        # An attribute is found by its name followed by "=", so that prose is not matched.
        attribute = needle.startswith("on") or needle == "style"
        # A URL scheme may have spaces before its colon ("javascript :"), as browsers allow.
        scheme = SCRIPT_URL.match(needle)
        pattern = (r"\b" + re.escape(needle) + r"\s*=") if attribute else (
            re.escape(scheme.group(1)) + r"\s*:" if scheme else re.escape(needle))
        match = re.search(pattern, source, re.I)
        line = line_of(source, match.start()) if match else 1
        raise ContentError(source_path, line, message)
