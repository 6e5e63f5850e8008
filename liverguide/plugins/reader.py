"""The reader plugin: every article and page is read by liverguide.reader.GuideReader, and by no
other reader.

- `readers_init` (Pelican's documented place for adding readers): the Markdown extensions are
  given to GuideReader, and every other reader (reStructuredText, HTML) is turned off, so no
  page skips the site's checks.
- `initialized` / `content_object_init`: slugs and reading-order numbers must each be used once,
  and no page may be saved where the site writes a file of its own (a page with the slug
  `search` would overwrite the search page), each stopping at the line of the field.
"""
from __future__ import annotations

import os

from pelican import signals
from pelican.contents import Article

from liverguide.errors import ContentError
from liverguide.reader import MARKDOWN_EXTENSIONS, GuideReader


def use_guide_reader(readers) -> None:
    for extension, reader in list(readers.reader_classes.items()):
        # "static" is Pelican's own no-op reader for the files it copies (images, diagrams).
        if extension != "static":
            del readers.reader_classes[extension]
    readers.reader_classes.update(dict.fromkeys(MARKDOWN_EXTENSIONS, GuideReader))


# Slugs and reading-order numbers seen so far in this build: each must be used once.
_taken: dict[tuple[str, object], tuple[str, int]] = {}
# The files the site writes besides articles and pages (index.html, search.html, …), and what
# each one is, for the editor.
_reserved: dict[str, str] = {}
DIRECT_PAGES = {"index": "the home page", "search": "the search page", "404": "the page shown for a missing address"}


def forget_previous_build(pelican) -> None:
    _taken.clear()
    _reserved.clear()
    _reserved.update(site_files(pelican.settings))


def site_files(settings: dict) -> dict[str, str]:
    """Output file -> what it is, for every fixed file name the build writes: the direct
    templates (`NAME_SAVE_AS`, else name.html) and every other `*_SAVE_AS` without a pattern."""
    files = {}
    for name in settings.get("DIRECT_TEMPLATES", []):
        saved = settings.get(f"{name.upper().replace('/', '_')}_SAVE_AS", f"{name}.html")
        if saved:
            files[saved] = DIRECT_PAGES.get(name, f"the site's own {name} page")
    for setting, value in settings.items():
        if setting.endswith("_SAVE_AS") and isinstance(value, str) and value and "{" not in value:
            files.setdefault(value, f"the file {setting} names")
    return files


def check_unique(content) -> None:
    lines = getattr(content, "field_lines", None)
    if lines is None:
        return
    saved = getattr(content, "save_as", "")
    if saved in _reserved:
        raise ContentError(content.source_path, lines.get("slug", 1),
                           f"slug {content.slug!r} would save this page as {saved}, which is {_reserved[saved]}: "
                           "choose another slug")
    keys = [("slug", content.slug)]
    if isinstance(content, Article):
        keys.append(("order", content.order))
    for name, value in keys:
        here = (content.source_path, lines.get(name, 1))
        first = _taken.setdefault((name, value), here)
        if first[0] != here[0]:
            # Files are read in no fixed order: blame the one later in the alphabet, so the
            # message is the same on every machine.
            earlier, later = sorted([first, here])
            where = os.path.relpath(earlier[0]) if earlier[0].startswith(os.getcwd() + os.sep) else earlier[0]
            raise ContentError(later[0], later[1], f"{name} {value!r} is already used by {where}:{earlier[1]}")


def register():
    signals.readers_init.connect(use_guide_reader)
    signals.initialized.connect(forget_previous_build)
    signals.content_object_init.connect(check_unique)
