"""The one authority over Pelican's content cache: it is emptied whenever anything a cached
page was made from has changed, other than the page's own file.

Editors rebuild many times an hour, so their build keeps what the reader produced (HTML and
metadata per source file) in CACHE_PATH and reads again only files whose text changed. But what
the reader produces also depends on things outside the file. Pelican does not know that and
would serve stale pages, so before the generators load the cache (`get_generators`) this plugin
fingerprints everything else a cached page depends on; when the fingerprint differs from the
one stored with the cache, the cache is emptied and this build reads everything.

What goes into the fingerprint:
- what the reader declares (liverguide.reader.cache_inputs): the files (bibliography, glossary,
  diagrams, the glossary list's template) and the settings that shape its output;
- the site's own code (this package) and the versions of the libraries that convert and
  check content.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path

from pelican import signals

import liverguide
from liverguide.reader import cache_inputs

STAMP = "content-cache.fingerprint"
# The content check (nh3, selectolax) is part of what a cached page went through.
PACKAGES = ("pelican", "markdown", "pygments", "pybtex", "pyyaml", "lxml", "jinja2", "nh3", "selectolax")
CODE = Path(liverguide.__file__).resolve().parent


def caching(settings) -> bool:
    return bool(settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"))


def _files(root: Path):
    if root.is_file():
        yield root
        return
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if not name.endswith((".pyc", "~")):
                yield Path(folder) / name


def _plain(value):
    """A stable JSON stand-in for a setting JSON cannot hold: objects by their type, since their
    repr carries a memory address."""
    if isinstance(value, (Path, datetime.date, datetime.datetime)):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    return f"<{type(value).__module__}.{type(value).__qualname__}>"


def fingerprint(settings, code: Path = CODE) -> str:
    files, names = cache_inputs(settings)
    digest = hashlib.sha256()
    for root in [code, *files]:
        for path in _files(root) if root.exists() else ():
            digest.update(os.fsencode(path) + b"\0" + path.read_bytes() + b"\0")
    declared = {name: settings.get(name) for name in names}
    digest.update(json.dumps(declared, sort_keys=True, default=_plain).encode())
    digest.update(" ".join(f"{name}={version(name)}" for name in PACKAGES).encode())
    return digest.hexdigest()


def guard_cache(pelican) -> None:
    settings = pelican.settings
    if not caching(settings):
        return
    cache = Path(settings["CACHE_PATH"])
    stamp = cache / STAMP
    current = fingerprint(settings)
    if stamp.is_file() and stamp.read_text(encoding="ascii") == current:
        return
    if cache.is_dir():
        # Everything in the cache folder is derived: Pelican's caches and this stamp.
        for entry in cache.iterdir():
            if entry.is_file() or entry.is_symlink():
                entry.unlink()
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current, encoding="ascii")


def register():
    signals.get_generators.connect(guard_cache)
