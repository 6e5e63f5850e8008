"""`make review`: every article with its review dates, marking the ones OVERDUE or DUE SOON.

    python -m liverguide.editors.review [--today YYYY-MM-DD] [--settings pelicanconf.py]
"""
from __future__ import annotations

import argparse
import datetime
import sys

from liverguide.editors.editorial import ContentError, articles, load_settings
from liverguide.errors import display_path


def status(next_review: datetime.date, today: datetime.date, soon_days: int) -> str:
    days = (next_review - today).days
    if days < 0:
        return f"OVERDUE by {-days} day{'s' if days != -1 else ''}"
    if days <= soon_days:
        return f"DUE SOON (in {days} day{'s' if days != 1 else ''})"
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liverguide.editors.review")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args(argv)
    settings = load_settings(args.settings)
    try:
        found = articles(settings)
    except ContentError as error:
        print(error)
        return 1
    soon = settings["REVIEW_DUE_SOON_DAYS"]
    print(f"Review dates on {args.today:%Y-%m-%d} (DUE SOON: within {soon} days)\n")
    width = max([len(display_path(str(path))) for path, _ in found] + [7])
    print(f"{'#':>3}  {'article':<{width}} {'last reviewed':<14} {'next review':<12} status")
    counts = {"OVERDUE": 0, "DUE SOON": 0}
    for path, fields in found:
        mark = status(fields["next_review"], args.today, soon)
        for key in counts:
            counts[key] += mark.startswith(key)
        print(f"{fields['order']:>3}  {display_path(str(path)):<{width}} {fields['last_reviewed']!s:<14} "
              f"{fields['next_review']!s:<12} {mark}".rstrip())
    print(f"\n{len(found)} articles: {counts['OVERDUE']} overdue, {counts['DUE SOON']} due soon.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
