"""Cache guard: Pelican's content cache, dropped whenever anything but the cached file changed.

Editors rebuild many times an hour, so their build keeps what the readers produced (HTML and
metadata per source file) in CACHE_PATH and reads again only files whose text changed. But
what a reader produces also depends on things outside the file: the bibliography its
citations are numbered from, the glossary its terms link to, diagrams, the settings (Markdown
options, categories), the plugins' code and templates. Pelican does not know that and would
serve stale pages. So before the generators load the cache, this plugin fingerprints all of
those inputs; when the fingerprint differs from the one stored with the cache, the cache is
emptied and this build reads everything.

Inputs fingerprinted:
- every file under PATH outside ARTICLE_PATHS and PAGE_PATHS (references.bib, glossary.yaml,
  diagrams, images): data plugins read while converting articles;
- the theme's templates, and every file under CACHE_GUARD_PATHS (settings files, plugins/);
- the settings themselves, as built for this run (`-e KEY=VALUE` overrides included);
- the versions of Pelican and Markdown.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path

from pelican import signals

STAMP = "cache-guard.fingerprint"
# Settings that name where this run reads or writes, not how content is converted. (The cache
# is keyed on each file's absolute path, so another content folder cannot hit stale entries.)
WHERE_KEYS = {"PATH", "OUTPUT_PATH", "CACHE_PATH"}
PACKAGES = ("pelican", "markdown")


def caching(settings) -> bool:
    return bool(settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"))


def _files(root: Path, skip: tuple[Path, ...] = ()):
    if root.is_file():
        yield root
        return
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and here / d not in skip)
        for name in sorted(names):
            if not name.endswith((".pyc", "~")):
                yield here / name


def _plain(value):
    """A stable JSON stand-in for a setting that JSON cannot hold: objects (Markdown extension
    instances, functions) by their type, since their repr carries a memory address."""
    if isinstance(value, (Path, datetime.date, datetime.datetime)):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    return f"<{type(value).__module__}.{type(value).__qualname__}>"


def fingerprint(settings) -> str:
    digest = hashlib.sha256()
    content = Path(settings["PATH"])
    readers_folders = tuple(content / p for p in [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])])
    cache = Path(settings["CACHE_PATH"]).resolve()
    inputs = [(content, readers_folders + (cache,))]
    inputs.append((Path(settings["THEME"]) / "templates", ()))
    inputs += [(Path(p), (cache,)) for p in settings.get("CACHE_GUARD_PATHS", [])]
    for root, skip in inputs:
        for path in _files(root, skip) if root.exists() else ():
            digest.update(os.fsencode(path) + b"\0" + path.read_bytes() + b"\0")
    visible = {key: value for key, value in settings.items() if key not in WHERE_KEYS}
    digest.update(json.dumps(visible, sort_keys=True, default=_plain).encode())
    digest.update(" ".join(f"{name}={version(name)}" for name in PACKAGES).encode())
    return digest.hexdigest()


def guard_cache(pelican) -> None:
    """Runs on `get_generators`: every setting is final, and no generator has loaded its
    cache yet."""
    settings = pelican.settings
    if not caching(settings):
        return
    cache = Path(settings["CACHE_PATH"])
    stamp = cache / STAMP
    current = fingerprint(settings)
    if stamp.is_file() and stamp.read_text(encoding="ascii") == current:
        return
    if cache.is_dir():
        # Everything in the cache folder is derived (Pelican's caches, other plugins' stamps).
        for entry in cache.iterdir():
            if entry.is_file() or entry.is_symlink():
                entry.unlink()
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current, encoding="ascii")


def register():
    signals.get_generators.connect(guard_cache)
