"""Care cards: an NHS-style box that tells readers when to get help, and how.

    ::: care-card urgent
    Title: Call your care team's 24-hour line straight away if
    - you have a temperature
    - you feel unwell during chemotherapy
    :::

becomes `<aside class="care-card care-card-urgent">` with the title as its heading, the Markdown
inside (lists, links and [@key] citations work), and at its end the clinic's name and phone as a
`tel:` link when clinic.ini sets one, or else a line telling readers to use the number their own
team gave them. A malformed block stops the build with the Markdown file and line.

- `initialized`: the Markdown extension is added, with the clinic's details.
- `readers_init`: the Markdown reader is wrapped so the block can name its file in errors.
"""
from __future__ import annotations

import sys
from pathlib import Path

_PLUGINS = str(Path(__file__).resolve().parent.parent)
if _PLUGINS not in sys.path:  # plugins import each other by name (ContentError), however started
    sys.path.insert(0, _PLUGINS)

from pelican import signals  # noqa: E402

from clinic import load_clinic  # noqa: E402
from markdown_readers import wrap  # noqa: E402

from .markdown_syntax import CareCardExtension, Contact, current_source  # noqa: E402


def contact_of(settings) -> Contact:
    """The clinic's name and phone. Signal receivers run in no fixed order, so when the clinic
    plugin has not yet put CLINIC in the settings, the same file is read here the same way."""
    clinic = settings.get("CLINIC")
    if clinic is None:
        clinic = load_clinic(settings["CLINIC_FILE"])
    return Contact(name=clinic.get("name", ""), phone=clinic.get("phone", ""), tel=clinic.get("tel", ""))


def add_extension(pelican):
    extensions = pelican.settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, CareCardExtension)]
    extensions.append(CareCardExtension(contact_of(pelican.settings)))


def track_source(readers):
    def make_wrapper(base):
        class CareCardSourceReader(base):
            def read(self, source_path):
                token = current_source.set(source_path)
                try:
                    return super().read(source_path)
                finally:
                    current_source.reset(token)
        return CareCardSourceReader

    wrap(readers, "tracks_care_card_source", make_wrapper)


def register():
    signals.initialized.connect(add_extension)
    signals.readers_init.connect(track_source)
