"""Diagrams: editors place a drawing from content/diagrams/ with a caption and a text alternative.

    ::: diagram hai-pump.svg
    Alt: What the picture shows, for people who cannot see it.
    Caption: One line under the picture; *Markdown* and [@key] citations work here.
    :::

becomes `<figure class="diagram"><img src=… alt=… width=… height=…><figcaption>…</figcaption>
</figure>`. A missing file, alt text or caption stops the build with the Markdown file and line.
"""
from __future__ import annotations

import sys
from pathlib import Path

_PLUGINS = str(Path(__file__).resolve().parent.parent)
if _PLUGINS not in sys.path:  # plugins import each other by name (ContentError), however started
    sys.path.insert(0, _PLUGINS)

from pelican import signals  # noqa: E402

from .markdown_syntax import DiagramExtension, current_source  # noqa: E402


def settings_of(settings) -> dict:
    """Every setting this plugin reads, in one place."""
    content = Path(settings["PATH"])
    folder = settings.get("DIAGRAMS_DIR", "diagrams")
    return {"folder": folder, "directory": content / folder}


def add_extension(pelican):
    markdown = pelican.settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(ext, DiagramExtension) for ext in extensions):
        extensions.append(DiagramExtension(**settings_of(pelican.settings)))


def track_source(readers):
    """Wrap whichever Markdown reader is registered, so other plugins can wrap it too."""
    base = readers.reader_classes.get("md")
    if base is None or getattr(base, "tracks_diagram_source", False):
        return

    class SourceTrackingReader(base):
        tracks_diagram_source = True

        def read(self, source_path):
            token = current_source.set(source_path)
            try:
                return super().read(source_path)
            finally:
                current_source.reset(token)

    for ext, cls in list(readers.reader_classes.items()):
        if cls is base:
            readers.reader_classes[ext] = SourceTrackingReader


def register():
    signals.initialized.connect(add_extension)
    signals.readers_init.connect(track_source)
