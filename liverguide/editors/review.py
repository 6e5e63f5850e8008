"""`make review`: every article with its review dates and the age of the evidence it cites,
marking the ones OVERDUE, DUE SOON, resting on OLD EVIDENCE, or still a DRAFT.

    python -m liverguide.editors.review [--today YYYY-MM-DD] [--settings pelicanconf.py]

The evidence's age is the year of the newest study the article cites: the newest journal
article or book chapter among its citations (web pages give no year in our bibliography). An
article whose newest study is more than EVIDENCE_MAX_AGE_YEARS old is marked: newer studies may
have changed what it should say. It is a prompt for the reviewer, not an error.
"""
from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from liverguide.editors.editorial import ContentError, articles, load_settings
from liverguide.errors import display_path
from liverguide.sources import bibliography
from liverguide.syntax.citations import split

STUDIES = {"article", "incollection"}


def status(next_review: datetime.date, today: datetime.date, soon_days: int) -> str:
    days = (next_review - today).days
    if days < 0:
        return f"OVERDUE by {-days} day{'s' if days != -1 else ''}"
    if days <= soon_days:
        return f"DUE SOON (in {days} day{'s' if days != 1 else ''})"
    return ""


def newest_study(path: Path, references: dict) -> int | None:
    """The year of the newest study the article cites, or None when it cites none."""
    keys = {cite.key for piece in split(path.read_text(encoding="utf-8")) if not isinstance(piece, str)
            for cite in piece[1]}
    years = [int(references[key].year) for key in keys
             if key in references and references[key].type in STUDIES and references[key].year]
    return max(years, default=None)


def evidence(newest: int | None, today: datetime.date, max_age: int) -> str:
    if newest is None:
        return "NO STUDY CITED"
    age = today.year - newest
    return f"OLD EVIDENCE (newest study {age} years old)" if age > max_age else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liverguide.editors.review")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args(argv)
    settings = load_settings(args.settings)
    try:
        found = articles(settings)
        references = bibliography.load(Path(settings["PATH"]) / settings.get("CITATIONS_BIBLIOGRAPHY", "references.bib"))
    except ContentError as error:
        print(error)
        return 1
    soon, max_age = settings["REVIEW_DUE_SOON_DAYS"], settings["EVIDENCE_MAX_AGE_YEARS"]
    print(f"Review dates on {args.today:%Y-%m-%d} (DUE SOON: within {soon} days; "
          f"OLD EVIDENCE: newest cited study more than {max_age} years old)\n")
    width = max([len(display_path(str(path))) for path, _ in found] + [7])
    print(f"{'#':>3}  {'article':<{width}} {'last reviewed':<14} {'next review':<12} {'newest study':<13} status")
    counts = {"OVERDUE": 0, "DUE SOON": 0, "OLD EVIDENCE": 0, "DRAFT": 0}
    for path, fields in found:
        newest = newest_study(path, references)
        marks = [mark for mark in (status(fields["next_review"], args.today, soon),
                                   evidence(newest, args.today, max_age),
                                   "DRAFT" if fields.get("status") == "draft" else "") if mark]
        for key in counts:
            counts[key] += any(mark.startswith(key) for mark in marks)
        print(f"{fields['order']:>3}  {display_path(str(path)):<{width}} {fields['last_reviewed']!s:<14} "
              f"{fields['next_review']!s:<12} {newest or '-'!s:<13} {'; '.join(marks)}".rstrip())
    print(f"\n{len(found)} articles: {counts['OVERDUE']} overdue, {counts['DUE SOON']} due soon, "
          f"{counts['OLD EVIDENCE']} on old evidence, {counts['DRAFT']} drafts.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
