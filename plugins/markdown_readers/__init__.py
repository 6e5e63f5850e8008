"""Wrapping Pelican's Markdown reader, for plugins that work on what it reads.

Several plugins add a step around reading a Markdown file (check it, note something in its
metadata). Each wraps whatever reader is registered, so they stack in the order the plugins are
listed, and each marks its wrapper so a second `readers_init` (a rebuild) does not wrap twice.
"""
from __future__ import annotations

from pelican.readers import MarkdownReader


def wrap(readers, marker: str, make_wrapper) -> None:
    """readers_init: replace the reader of every Markdown extension by `make_wrapper(base)`,
    unless it already carries the class attribute `marker`."""
    for extension in MarkdownReader.file_extensions:
        base = readers.reader_classes.get(extension)
        if base is not None and not getattr(base, marker, False):
            wrapper = make_wrapper(base)
            setattr(wrapper, marker, True)
            # Pelican names the reader in the metadata after its class.
            wrapper.__name__ = wrapper.__qualname__ = base.__name__
            readers.reader_classes[extension] = wrapper


def register():
    """Nothing to connect: the package only provides wrap() to the other plugins."""
