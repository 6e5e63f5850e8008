"""Faster drop-ins for Python-Markdown's own passes, with the same output: the inline passes
(the main one and smarty's) skip text no pattern can match (inline.py), and the unescape pass
skips text holding no escape (unescape.py). On this site the inline passes were most of a
build's time. tests/test_fast_markdown.py compares the output with Python-Markdown's.

- `initialized`: the Markdown extension is added to the MARKDOWN settings (once per Pelican).
  It must load after smarty, so the extensions named in `extension_configs` are listed first
  (Pelican's reader would append them after the plugins' otherwise).
"""
from markdown.extensions import Extension
from pelican import signals

from . import inline, unescape


class FastMarkdownExtension(Extension):
    def extendMarkdown(self, md):
        inline.replace(md, "inline")
        inline.replace(md, "smarty")
        unescape.replace(md)


def add_extension(pelican):
    markdown = pelican.settings["MARKDOWN"]
    extensions = markdown.setdefault("extensions", [])
    for name in markdown.get("extension_configs", {}):
        if name not in extensions:
            extensions.append(name)
    if not any(isinstance(e, FastMarkdownExtension) for e in extensions):
        extensions.append(FastMarkdownExtension())


def register():
    signals.initialized.connect(add_extension)
