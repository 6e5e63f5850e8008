"""Glossary: plain-language definitions in content/glossary.yaml, an A–Z glossary page, and the
first use of each term in every page linked to its definition.

The reader does the work as it reads each file (liverguide.syntax.glossary_terms links the
terms; liverguide.reader.glossary_page adds the A–Z list to the glossary page). What is left for
once everything is read (`page_generator_finalized`): the glossary page and the glossary file
must come together, or the build stops naming the one that is missing.

Settings (pelicanconf.py): GLOSSARY_FILE (inside PATH), GLOSSARY_PAGE (a {filename} path inside
PATH), GLOSSARY_TEMPLATE (the A–Z list's template).
"""
from __future__ import annotations

from pathlib import Path

from pelican import signals

from liverguide.errors import ContentError


def check_page_and_file(generator) -> None:
    settings = generator.settings
    glossary_file = Path(settings["PATH"]) / settings.get("GLOSSARY_FILE", "glossary.yaml")
    page_path = settings.get("GLOSSARY_PAGE", "pages/glossary.md").lstrip("/")
    page = next((p for p in generator.pages + generator.hidden_pages
                 if Path(p.source_path).as_posix().endswith("/" + page_path)), None)
    if page is not None and not glossary_file.is_file():
        raise ContentError(page.source_path, None, f"there is a glossary page but no glossary file "
                                                   f"({glossary_file.name} in the content folder)")
    # A glossary page that is there but could not be read has its own problem reported.
    if page is None and glossary_file.is_file() and not (Path(settings["PATH"]) / page_path).is_file():
        raise ContentError(glossary_file, None, f"the glossary page content/{page_path} is missing")


def register():
    signals.page_generator_finalized.connect(check_page_and_file)
