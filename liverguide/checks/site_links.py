"""Links within the guide stay inside the content folder.

`{filename}`, `{static}` and `{attach}` links name files by their path under content/; Pelican
publishes whatever a `{static}` or `{attach}` link names, so `{static}/../../secret.txt` would
copy a file of the build machine from outside content/ next to the output folder. Every such
link is resolved the ways Pelican resolves it (as written, %-decoded, entity-decoded; from
content/ when it starts with "/", else from the linking file's folder, symbolic links followed)
and must land inside content/.
"""
from __future__ import annotations

import functools
import html as html_entities
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from liverguide.errors import ContentError

from .content_safety import Fault, locate

# Pelican's own pattern for these links (contents.py, built from the INTRASITE_LINK_REGEX
# setting, whose default is used here): a quoted value of a URL attribute.
INTRASITE_LINK = re.compile(r"""
    <[^>]+(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*
    (?P<quote>["'])
    (?P<path>[{|](?P<what>.*?)[|}](?P<value>.*?))
    (?P=quote)""", re.X)
FILE_LINKS = {"filename", "static", "attach"}


def check(html: str, source: str, where: tuple[str, int], content: Path, body: bool = True) -> None:
    """Raise ContentError at the line of the first link in `html` (made from `source`, the text
    of the file `where[0]`) that leads outside `content`."""
    if "{" not in html and "|" not in html:
        return
    path, first_line = where
    root = os.path.realpath(content)
    folder = os.path.dirname(os.path.relpath(os.path.abspath(path), os.path.abspath(content)))
    for match in INTRASITE_LINK.finditer(html):
        if match.group("what") not in FILE_LINKS:
            continue
        for candidate in _resolutions(match.group("value"), folder):
            target = _real(os.path.join(root, candidate))
            if target != root and not target.startswith(root + os.sep):
                written = html_entities.unescape(match.group("path"))
                fault = Fault(f"links to {written!r}, which is outside the content folder: link only to files "
                              "under content/", re.escape(written.lower()))
                raise ContentError(path, locate(source, first_line, fault) if body else first_line, fault.message)


def _resolutions(value: str, folder: str) -> set[str]:
    """The paths under content/ that Pelican may take `value` to mean."""
    found = set()
    for variant in (urlparse(value).path, unquote(urlparse(value).path), urlparse(html_entities.unescape(value)).path):
        variant = variant.replace("\\", "/")
        found.add(variant[1:] if variant.startswith("/") else os.path.join(folder, variant))
    return found


# Pages link to the same few files again and again (the glossary, the medical notice): each
# path is resolved on disk once per build (GuideReader empties this when it is made).
@functools.lru_cache(maxsize=4096)
def _real(path: str) -> str:
    return os.path.realpath(path)


def forget_resolved_paths() -> None:
    _real.cache_clear()
