"""Content-hashed names for every stylesheet and script of the site (`site.css` ->
`site.3f2a9c81d0.css`), so a server can tell browsers to keep them for a year: a changed file
gets a new name, and the pages that use it point to the new name.

Runs on `finalized`, when every page is written, and before pelican-precompress (which runs on
the later `compress` signal of pelican-granular-signals), so the compressed copies are of the
final files. Scripts are renamed first, then stylesheets, because a stylesheet may name other
files in `url(...)` and its hash must cover those rewritten names.

Settings (publishconf.py): ASSET_HASHING_EXTENSIONS, ASSET_HASHING_LENGTH.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals

ATTRIBUTE = re.compile(r"""(?P<before>\b(?:href|src)\s*=\s*)(?P<quote>["'])(?P<url>[^"']*)(?P=quote)""", re.IGNORECASE)
CSS_URL = re.compile(r"""(?P<before>url\(\s*|@import\s+)(?P<quote>["']?)(?P<url>[^"')\s]+)(?P=quote)""", re.IGNORECASE)


def hashed_name(path: Path, digest: str) -> str:
    return f"{path.stem}.{digest}{path.suffix}"


def resolve(url: str, here: str, siteurl: str) -> str | None:
    """The output path (from the output root) a reference in the file at `here` points to, or
    None for another site, a data: URL or an in-page anchor."""
    if siteurl and url.startswith(siteurl + "/"):
        return urlsplit(url[len(siteurl):]).path.lstrip("/")
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):
        return posixpath.normpath(parts.path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(here), parts.path))


def rewrite(text: str, pattern: re.Pattern, here: str, siteurl: str, renamed: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        url = match.group("url")
        target = resolve(url, here, siteurl)
        if target not in renamed:
            return match.group(0)
        old_name = posixpath.basename(target)
        path_end = min([i for i in (url.find("?"), url.find("#")) if i >= 0] or [len(url)])
        start = url.rfind(old_name, 0, path_end)
        new_url = url[:start] + renamed[target] + url[start + len(old_name):]
        return f"{match.group('before')}{match.group('quote')}{new_url}{match.group('quote')}"

    return pattern.sub(replace, text)


def hash_assets(output: Path, siteurl: str, extensions: list[str], length: int) -> dict[str, str]:
    """Rename every file with one of `extensions` in `output` and rewrite the references to it
    in HTML and CSS; return {old output path: new file name}."""
    renamed: dict[str, str] = {}
    for extension in extensions:
        for path in sorted(output.rglob(f"*{extension}")):
            relative = path.relative_to(output).as_posix()
            if extension == ".css":
                path.write_text(rewrite(path.read_text(encoding="utf-8"), CSS_URL, relative, siteurl, renamed),
                                encoding="utf-8", newline="")
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:length]
            new = path.with_name(hashed_name(path, digest))
            path.rename(new)
            renamed[relative] = new.name
    for page in sorted(output.rglob("*.html")):
        relative = page.relative_to(output).as_posix()
        text = page.read_text(encoding="utf-8")
        changed = rewrite(text, ATTRIBUTE, relative, siteurl, renamed)
        if changed != text:
            page.write_text(changed, encoding="utf-8", newline="")
    return renamed


def finalized(pelican) -> None:
    settings = pelican.settings
    hash_assets(Path(settings["OUTPUT_PATH"]), settings["SITEURL"],
                settings.get("ASSET_HASHING_EXTENSIONS", [".js", ".css"]),
                settings.get("ASSET_HASHING_LENGTH", 12))


def register():
    signals.finalized.connect(finalized)
