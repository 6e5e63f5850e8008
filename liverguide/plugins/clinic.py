"""The clinic's details (liverguide.sources.clinic) as the CLINIC setting, read on `initialized`
from the file CLINIC_FILE names (clinic.ini, or the CLINIC_FILE environment variable): the
"contact your care team" box on every page and the note on the home page show them."""
from __future__ import annotations

from pelican import signals

from liverguide.sources.clinic import load_clinic


def apply_clinic_file(pelican) -> None:
    pelican.settings["CLINIC"] = load_clinic(pelican.settings["CLINIC_FILE"])


def register():
    signals.initialized.connect(apply_clinic_file)
