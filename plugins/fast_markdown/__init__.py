"""Markdown's inline passes (the main one and smarty's), without trying every pattern on text
that cannot match any of them; on this site the two passes were most of a build's time.
See prefilter.py for how a text is known to be safe to skip.

- `initialized`: the Markdown extension is added to the MARKDOWN settings (once per Pelican).
  It must load after smarty, so the extensions named in `extension_configs` are listed first
  (Pelican's reader would append them after the plugins' otherwise).
"""
from pelican import signals

from .prefilter import FastInlineExtension


def add_extension(pelican):
    markdown = pelican.settings["MARKDOWN"]
    extensions = markdown.setdefault("extensions", [])
    for name in markdown.get("extension_configs", {}):
        if name not in extensions:
            extensions.append(name)
    if not any(isinstance(e, FastInlineExtension) for e in extensions):
        extensions.append(FastInlineExtension())


def register():
    signals.initialized.connect(add_extension)
