"""Metadata schema: every article and page must carry the fields the site needs, each of the
right type, or the build stops with `file:line: what is wrong`.

Pelican's Markdown reader would take a misspelt field as a new one, read a bad date as no date
or a crash without a line, and let two files share a slug. So the front matter is checked from
the source text, with its line numbers, before Pelican reads the file: the Markdown reader is
replaced by a subclass that checks first (built on whatever reader is registered, so other
plugins may wrap it too).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

_PLUGINS = str(Path(__file__).resolve().parent.parent)
if _PLUGINS not in sys.path:  # plugins import each other by name (ContentError), however started
    sys.path.insert(0, _PLUGINS)

from pelican import signals  # noqa: E402
from pelican.contents import Article  # noqa: E402

from content_errors import ContentError  # noqa: E402
from metadata_schema.schema import ARTICLE_FIELDS, PAGE_FIELDS, check  # noqa: E402

MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")
# Typed values that replace Pelican's strings; Pelican's own date, slug, category and summary
# handling is kept (it needs its own types for those).
TYPED_FIELDS = ("order", "last_reviewed", "next_review", "keywords")


def schema_for(source_path: str, settings: dict):
    relative = Path(os.path.relpath(source_path, settings["PATH"])).as_posix()
    for folder in settings["ARTICLE_PATHS"]:
        if relative.startswith(folder.rstrip("/") + "/"):
            return ARTICLE_FIELDS
    for folder in settings["PAGE_PATHS"]:
        if relative.startswith(folder.rstrip("/") + "/"):
            return PAGE_FIELDS
    return None


def read_source(source_path: str) -> str:
    raw = Path(source_path).read_bytes()
    try:
        return raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ContentError(source_path, line, f"is not saved as UTF-8 text (byte 0x{raw[error.start]:02x}); "
                                              "save the file with UTF-8 encoding") from None


def checked_reader(base):
    class SchemaCheckedReader(base):
        schema_checked = True

        def read(self, source_path):
            schema = schema_for(source_path, self.settings)
            if schema is None:
                return super().read(source_path)
            values = check(source_path, read_source(source_path), schema, self.settings)
            content, metadata = super().read(source_path)
            for name in TYPED_FIELDS:
                if name in values:
                    metadata[name] = values[name]
            metadata["field_lines"] = values["_lines"]
            return content, metadata

    SchemaCheckedReader.__name__ = f"SchemaChecked{base.__name__}"
    return SchemaCheckedReader


def install_checked_reader(readers):
    for extension in MARKDOWN_EXTENSIONS:
        base = readers.reader_classes.get(extension)
        if base is not None and not getattr(base, "schema_checked", False):
            readers.reader_classes[extension] = checked_reader(base)


# Slugs and reading-order numbers seen so far in this build: each must be used once.
_taken: dict[tuple[str, object], tuple[str, int]] = {}


def forget_previous_build(pelican):
    _taken.clear()


def check_unique(content):
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
    signals.initialized.connect(forget_previous_build)
    signals.readers_init.connect(install_checked_reader)
    signals.content_object_init.connect(check_unique)
