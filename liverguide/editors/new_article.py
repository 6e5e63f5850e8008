"""`make new-article TITLE="…" [CATEGORY=…]`: start an article with every required field filled.

Writes content/articles/NN-slug.md, NN being the next free place in the reading order, from
liverguide/editors/article_template.md: today's date, a next review a year on. Never overwrites.
"""
from __future__ import annotations

import argparse
import datetime
import string
import sys
from pathlib import Path

from pelican.utils import slugify

from liverguide.editors.editorial import ContentError, articles, load_settings
from liverguide.errors import display_path

TEMPLATE = Path(__file__).with_name("article_template.md")
STOP_WORDS = {"a", "an", "and", "the", "of", "to", "for", "in", "on", "with", "your", "or", "how", "what"}


def a_year_on(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liverguide.editors.new_article")
    parser.add_argument("title")
    parser.add_argument("--category", default="Treatments")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args(argv)
    settings = load_settings(args.settings)
    title = " ".join(args.title.split())
    if not title:
        print('new-article: give the title, like make new-article TITLE="Liver surgery"')
        return 1
    if args.category not in settings["ARTICLE_CATEGORIES"]:
        print(f"new-article: CATEGORY must be one of {', '.join(settings['ARTICLE_CATEGORIES'])}")
        return 1
    try:
        existing = articles(settings)
    except ContentError as error:
        print(error)
        return 1
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    for path, fields in existing:
        if fields["slug"] == slug:
            print(f"new-article: {display_path(str(path))} already has the slug {slug!r}; choose another title")
            return 1
    order = max((fields["order"] for _, fields in existing), default=0) + 1
    folder = Path(settings["PATH"]) / settings["ARTICLE_PATHS"][0]
    target = folder / f"{order:02d}-{slug}.md"
    if target.exists():
        print(f"new-article: {display_path(str(target))} already exists; nothing written")
        return 1
    keywords = [word for word in slug.split("-") if word not in STOP_WORDS] or [slug]
    text = string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=title, slug=slug, category=args.category, order=order, today=args.today.isoformat(),
        next_review=a_year_on(args.today).isoformat(), keywords=", ".join(keywords))
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    print(f"Wrote {display_path(str(target))} (place {order} in the reading order). Fill in the summary and text.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
