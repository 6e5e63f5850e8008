"""Faster drop-ins for Python-Markdown's own passes, with the same output: the inline passes
(the main one and smarty's) skip text no pattern can match (inline.py), and the unescape pass
skips text holding no escape (unescape.py). On this site the inline passes were most of a
build's time. tests/test_fast_markdown.py compares the output with Python-Markdown's.

- `initialized`: the Markdown extension is added to the MARKDOWN settings (once per Pelican).
  It must load after smarty, so the extensions named in `extension_configs` are listed first
  (Pelican's reader would append them after the plugins' otherwise).
"""
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor, UnescapeTreeprocessor
from pelican import signals

from . import inline, unescape


class FastMarkdownExtension(Extension):
    def extendMarkdown(self, md):
        swap(md, "inline", InlineProcessor, inline.like)
        swap(md, "smarty", InlineProcessor, inline.like)
        swap(md, "unescape", UnescapeTreeprocessor, lambda original: unescape.FastUnescapeTreeprocessor(original.md))


def swap(md, name: str, stock: type, make) -> None:
    """Put make(original) in the place of Markdown's tree processor `name`, at its priority, if
    that is exactly `stock`: missing, already swapped or someone else's subclass, it is left."""
    registry = md.treeprocessors
    original = registry[name] if name in registry else None
    if type(original) is not stock:
        return
    priority = next(item.priority for item in registry._priority if item.name == name)
    registry.register(make(original), name, priority)


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
