"""Tables that fit a phone: each data cell carries its column heading, so that on a narrow
screen (or zoomed in) the stylesheet can show every row as a card of "heading: value" lines
instead of making the page scroll sideways (WCAG 1.4.10). This is the NHS design system's
responsive table.

- `initialized`: the Markdown extension is added to the MARKDOWN settings (once per Pelican).
"""
from pelican import signals

from .markdown_tables import ResponsiveTablesExtension


def add_extension(pelican):
    extensions = pelican.settings["MARKDOWN"].setdefault("extensions", [])
    if not any(isinstance(e, ResponsiveTablesExtension) for e in extensions):
        extensions.append(ResponsiveTablesExtension())


def register():
    signals.initialized.connect(add_extension)
