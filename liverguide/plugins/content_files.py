"""What the content folders may hold, checked once before anything is read (`initialized`).

- Article and page folders: Markdown only. Every other reader is turned off
  (liverguide.plugins.reader), so a .rst, .html or .txt file there would be skipped without a
  word, or, before that, read by a reader that skips the site's checks (a .rst page could
  include any file of the build machine). It stops the build, naming the file.
- Static folders (STATIC_PATHS: images/, diagrams/): images only, since Pelican publishes them
  as they are; an .html file there would be a page outside every check. Every SVG is checked
  to be a self-contained drawing (liverguide.checks.svg_safety), line by line.

Files matching IGNORE_FILES (editors' backups, README.md, the folder files macOS and Windows
leave behind) are skipped here as Pelican skips them.
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from pelican import signals

from liverguide.checks import svg_safety
from liverguide.errors import ContentError
from liverguide.reader import MARKDOWN_EXTENSIONS

IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")


def check_content_files(pelican) -> None:
    settings = pelican.settings
    root = Path(settings["PATH"])
    ignored = settings.get("IGNORE_FILES", [])
    markdown = tuple("." + extension for extension in MARKDOWN_EXTENSIONS)
    for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]:
        for path in _files(root, folder, ignored):
            if path.suffix.lower() not in markdown:
                raise ContentError(path, 1, f"is {_kind(path)}: only Markdown files ({', '.join(markdown)}) "
                                            f"are read in {folder}/; write the page in Markdown or move the file "
                                            "out of content/")
    for folder in settings.get("STATIC_PATHS", []):
        for path in _files(root, folder, ignored):
            if path.suffix.lower() not in IMAGES:
                raise ContentError(path, 1, f"is {_kind(path)}: {folder}/ is published as it is and may hold "
                                            f"images only ({', '.join(IMAGES)})")
            if path.suffix.lower() == ".svg":
                svg_safety.check(path)


def _kind(path: Path) -> str:
    return f"a {path.suffix} file" if path.suffix else "a file without an extension"


def _files(root: Path, folder: str, ignored: list[str]):
    """The files Pelican would see under `root`/`folder` (or that path itself, if it is a file),
    following symbolic links as Pelican does; one that leads outside `root` stops the build, or
    Pelican would publish a file of the build machine."""
    inside = os.path.realpath(root)
    start = root / folder
    for path in [start] if start.is_file() else _walk(start, ignored):
        target = os.path.realpath(path)
        if not target.startswith(inside + os.sep):
            raise ContentError(path, 1, f"leads to {target}, outside the content folder: put the file itself in content/")
        yield path


def _walk(folder: Path, ignored: list[str]):
    for directory, subfolders, names in os.walk(folder, followlinks=True):
        subfolders[:] = sorted(name for name in subfolders if not _ignored(name, ignored))
        for name in sorted(names):
            if not _ignored(name, ignored):
                yield Path(directory) / name


def _ignored(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def register():
    signals.initialized.connect(check_content_files)
