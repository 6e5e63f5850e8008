"""Pelican plugin: when a build that renders the booklet document (the direct template
`booklet/guide`, bookletconf.py and offlineconf.py) has written everything, turn that document
into BOOKLET_PDF inside the output folder and remove it: the output holds the PDF, not the
intermediate page.

Runs on `finalized`, after every page and every static file (the diagrams) is written, so the
PDF is made from exactly what the build wrote.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from pelican import signals

from liverguide.booklet import assemble, dates, render
from liverguide.errors import ContentError, did_you_mean, line_of

# Where Pelican writes the direct template `booklet/guide` (its default save_as).
DOCUMENT = "booklet/guide.html"
def setting_error(settings, name: str, message: str) -> ContentError:
    """A bad booklet setting, at its line in the file that sets it (BOOKLET_SETTINGS:
    bookletconf.py, whose settings offlineconf.py takes too)."""
    where = Path(settings.get("BOOKLET_SETTINGS", "bookletconf.py"))
    text = where.read_text(encoding="utf-8") if where.is_file() else ""
    found = re.search(rf"^{name}\s*=", text, re.M)
    line = line_of(text, found.start()) if found else None
    return ContentError(where, line, message)


def make_booklet(pelican) -> None:
    settings = pelican.settings
    output = Path(settings["OUTPUT_PATH"])
    document = output / DOCUMENT
    if not document.is_file():
        raise setting_error(settings, "DIRECT_TEMPLATES", f"{DOCUMENT} was not written: add 'booklet/guide' to DIRECT_TEMPLATES")
    paper = settings.get("BOOKLET_PAPER", "a4")
    if paper not in render.PAPER_SIZES:
        raise setting_error(settings, "BOOKLET_PAPER", f"BOOKLET_PAPER '{paper}' is not a paper size the booklet knows"
                            f"{did_you_mean(paper, render.PAPER_SIZES, '')} (use one of: {', '.join(render.PAPER_SIZES)})")
    html, parts = assemble.assemble(document.read_text(encoding="utf-8"), DOCUMENT)
    check_pages(parts, settings)
    when = dates.source_date(part.modified for part in parts)
    target = output / settings["BOOKLET_PDF"]
    pages = render.write_pdf(html, document, target, paper, when)
    shutil.rmtree(document.parent)
    # Not a log record: warnings stop the build, and Pelican hides INFO without -v.
    print(f"booklet: {target.name}: {pages} pages", file=sys.stderr)


def check_pages(parts: list[assemble.Part], settings) -> None:
    """Every page the settings name is in the booklet: a mistyped slug must not silently
    drop, say, the glossary from what a clinic prints."""
    held = {part.slug for part in parts}
    for name in ("BOOKLET_PAGES_BEFORE", "BOOKLET_PAGES_AFTER", "BOOKLET_WIDE_PAGES"):
        for slug in settings.get(name, []):
            if slug not in held:
                raise setting_error(settings, name, f"{name} names '{slug}', which is no page's slug")


def register():
    signals.finalized.connect(make_booklet)
