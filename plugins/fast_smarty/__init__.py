"""Smarty's typographic pass, without walking text it cannot change.

Python-Markdown's `smarty` runs a second complete inline pass (18 patterns tried on every text
node) after the main one; on this site that doubled the time spent in Markdown. Each of its
patterns needs a quote, a run of dashes or dots, or an angle-quote pair to match, so a text node
holding none of those comes out unchanged: this skips it before trying the patterns one by one.

- `initialized`: the Markdown extension is added to the MARKDOWN settings (once per Pelican).
  It must load after smarty, so the extensions named in `extension_configs` are listed first
  (Pelican's reader would append them after the plugins' otherwise).
"""
from pelican import signals

from .prefilter import FastSmartyExtension


def add_extension(pelican):
    markdown = pelican.settings["MARKDOWN"]
    extensions = markdown.setdefault("extensions", [])
    for name in markdown.get("extension_configs", {}):
        if name not in extensions:
            extensions.append(name)
    if not any(isinstance(e, FastSmartyExtension) for e in extensions):
        extensions.append(FastSmartyExtension())


def register():
    signals.initialized.connect(add_extension)
