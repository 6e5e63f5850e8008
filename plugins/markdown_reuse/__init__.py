"""One Markdown instance per reader, reset between files, instead of a new one for each file.

Pelican's Markdown reader makes a new instance for every file it reads. With this site's
extensions that took about a millisecond a file, most of the time a short page takes to
convert. Python-Markdown is built to be reused: reset() clears what a conversion leaves behind,
and each extension that keeps state resets with it. Two things are Pelican's and handled here:

- its reader deregisters the "meta" preprocessor before it converts the Summary; it is
  registered again before the next file.
- it also resets the instance between a file's body and its Summary, so reset() cannot tell a
  processor that a new file begins (the glossary links terms in the body only, and citations
  refuse a Summary that cites). Processors that need to know have a start_file() method,
  called before each file's body.

If a conversion fails, its instance is dropped: whatever half-done state it holds, the next file
starts with a new one.

- `initialized`: Pelican's MarkdownReader.read is replaced (every plugin's reader wraps it and
  ends up calling it). READ_WITH_ONE_MARKDOWN = False in the settings turns reuse off.
"""
from __future__ import annotations

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

REGISTRIES = ("preprocessors", "inlinePatterns", "treeprocessors", "postprocessors")

_pelicans_read = MarkdownReader.read


class Reused:
    """A Markdown instance, what its reader needs put back between files, and its processors
    that want to hear of each new file."""

    def __init__(self, settings: dict):
        self.md = Markdown(**settings)
        self.meta = next((item for item in self.md.preprocessors._priority if item.name == "meta"), None)
        self.meta_processor = self.md.preprocessors["meta"] if self.meta else None
        processors = [p for name in REGISTRIES for p in getattr(self.md, name)]
        processors += list(self.md.parser.blockprocessors)
        self.listeners = [p.start_file for p in processors if callable(getattr(p, "start_file", None))]

    def next_file(self) -> Markdown:
        md = self.md
        md.reset()
        if self.meta is not None and "meta" not in md.preprocessors:
            md.preprocessors.register(self.meta_processor, "meta", self.meta.priority)
        for start_file in self.listeners:
            start_file()
        return md


def read(self, source_path):
    if not self.settings.get("READ_WITH_ONE_MARKDOWN", True):
        return _pelicans_read(self, source_path)
    self._source_path = source_path
    reused = self.__dict__.get("_reused_markdown")
    if reused is None:
        reused = self._reused_markdown = Reused(self.settings["MARKDOWN"])
    self._md = reused.next_file()
    try:
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
    except BaseException:
        self.__dict__.pop("_reused_markdown", None)
        raise
    return content, metadata


def install(pelican) -> None:
    MarkdownReader.read = read


def register():
    signals.initialized.connect(install)
