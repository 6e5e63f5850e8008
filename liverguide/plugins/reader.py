"""The reader plugin: every article and page is read by liverguide.reader.GuideReader, and by no
other reader.

- `readers_init` (Pelican's documented place for adding readers): the Markdown extensions are
  given to GuideReader, and every other reader (reStructuredText, HTML) is turned off, so no
  page skips the site's checks.
- `initialized` / `content_object_init`: slugs and reading-order numbers must each be used once.
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


def forget_previous_build(pelican) -> None:
    _taken.clear()


def check_unique(content) -> None:
    lines = getattr(content, "field_lines", None)
    if lines is None:
        return
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
