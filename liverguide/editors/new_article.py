"""`make new-article TITLE="…" [CATEGORY=…]`: start an article with every required field filled.

Writes content/articles/NN-slug.md from liverguide/editors/article_template.md, as a draft (never
published; `make devserver` shows it) with TODO wherever the editor has something to write: the
build refuses TODO once the Status line is gone. Today's date, a next review a year on.

Its Order is the place right after the last article of its category (categories in the order of
ARTICLE_CATEGORIES), so the home page, which lists each category's articles under its heading
and numbers them by Order, never shows a number twice or a category's articles out of place.
Articles after that place move one on: only their `Order:` line changes; their file names keep
their numbers, so links to them (`{filename}/articles/14-….md`) still work. Never overwrites.

make passes TITLE and CATEGORY in the environment (never through the shell, so quotes and `$`
in a title are only text); `--title` and `--category` do the same from the command line.
"""
from __future__ import annotations

import argparse
import datetime
import os
import string
import sys
from pathlib import Path

from pelican.utils import slugify

from liverguide.editors.editorial import ContentError, checked_articles, load_settings
from liverguide.errors import display_path

TEMPLATE = Path(__file__).with_name("article_template.md")
STOP_WORDS = {"a", "an", "and", "the", "of", "to", "for", "in", "on", "with", "your", "or", "how", "what"}
DEFAULT_CATEGORY = "Treatments"


def a_year_on(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def place_for(category: str, categories: list[str], orders: list[tuple[int, str]]) -> int:
    """The Order right after the last article of `category`, or of the categories before it
    when it has none yet. `orders`: (order, category) of every article."""
    rank = {name: index for index, name in enumerate(categories)}
    before = [order for order, other in orders if rank.get(other, len(categories)) <= rank[category]]
    return max(before, default=0) + 1


def renumber(path: Path, line: int, order: int) -> None:
    """Set the `Order:` field on `line` of `path` to `order`, keeping everything else as it is."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    name = lines[line - 1].split(":", 1)[0]
    ending = lines[line - 1][len(lines[line - 1].rstrip("\r\n")):]
    lines[line - 1] = f"{name}: {order}{ending}"
    partial = path.with_name(f".{path.name}.renumbering")
    partial.write_text("".join(lines), encoding="utf-8", newline="")
    os.replace(partial, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liverguide.editors.new_article")
    parser.add_argument("--title", default=os.environ.get("TITLE", ""), help="default: $TITLE")
    parser.add_argument("--category", default=os.environ.get("CATEGORY") or DEFAULT_CATEGORY,
                        help=f"default: $CATEGORY, else {DEFAULT_CATEGORY}")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args(argv)
    settings = load_settings(args.settings)
    title = " ".join(args.title.split())
    if not title:
        print('new-article: give the title, like make new-article TITLE="Liver surgery"')
        return 1
    categories = settings["ARTICLE_CATEGORIES"]
    if args.category not in categories:
        print(f"new-article: CATEGORY must be one of {', '.join(categories)} (got {args.category!r})")
        return 1
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        print(f"new-article: the title {title!r} has no letters or digits to make the page's address from; "
              "give a title in words")
        return 1
    try:
        existing = checked_articles(settings)
    except ContentError as error:
        print(error)
        return 1
    for path, checked in existing:
        if checked.values["slug"] == slug:
            print(f"new-article: {display_path(str(path))} already has the slug {slug!r}; choose another title")
            return 1
    order = place_for(args.category, categories, [(c.values["order"], c.values["category"]) for _, c in existing])
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

    moved = [(path, checked) for path, checked in existing if checked.values["order"] >= order]
    for path, checked in reversed(moved):
        renumber(path, checked.lines["order"], checked.values["order"] + 1)
    print(f"Wrote {display_path(str(target))}, a draft at place {order} in the reading order, "
          f"the last of {args.category}.")
    if moved:
        names = ", ".join(path.name for path, _ in moved)
        print(f"Moved one place on (their Order field only; file names and links stay): {names}.")
    print("Preview it with make devserver. Replace every TODO, then delete the 'Status: draft' line to publish it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
