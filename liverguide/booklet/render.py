"""The booklet's PDF, laid out by WeasyPrint (why WeasyPrint: README, "Printed booklet").

- Paper: one stylesheet for A4 and US Letter; the size is the one thing added here.
- Accessible: WeasyPrint's PDF/UA-1 mode writes the tag tree (headings, lists, tables, figures
  with their alt text, in reading order), the document's language and title, shown as the
  window title (DisplayDocTitle), and XMP metadata.
- Reproducible: the dates are the ones given (booklet/dates.py), and the document ID is a hash
  of the PDF's own content, so the same sources give the same bytes.
- No network: only file: addresses are fetched, and a missing file stops the build rather
  than leaving a hole in the booklet.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from liverguide.booklet.dates import w3c

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
VARIANT = "pdf/ua-1"


def paper_rule(paper: str) -> str:
    """The rules the paper setting adds (booklet/plugin.py checks the setting first): every
    page, and the `wide` pages booklet.css turns on their side, which need the size again
    (a named page's `size` replaces the size of every page, it does not add to it)."""
    size = PAPER_SIZES[paper]
    return f"@page {{ size: {size}; }} @page wide {{ size: {size} landscape; }}"


def write_pdf(html: str, base_url: Path, target: Path, paper: str, when: datetime.datetime) -> int:
    """Lay out `html` (its relative links resolved against `base_url`) and write the PDF to
    `target`; return the number of pages."""
    from weasyprint import CSS, HTML, URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)
    document = HTML(string=html, base_url=base_url.resolve().as_uri(), url_fetcher=fetcher).render(
        stylesheets=[CSS(string=paper_rule(paper))], pdf_variant=VARIANT)
    document.metadata.created = document.metadata.modified = w3c(when)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_variant=VARIANT, pdf_identifier=True)
    return len(document.pages)
