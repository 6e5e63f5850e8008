"""sitemap.xml with a `lastmod` for every page, and a robots.txt that points to it.

Why not pelican-sitemap: it dates every listing page (home, categories) with the time of the
build, so no two builds are byte-identical and search engines are told the home page changed
when nothing did; and it lists the home page as a folder (`/`) while our canonical links say
`index.html`. Here every date comes from the content: an article or page is dated by its
`Modified` field, a listing page by the newest article it lists.

Settings (publishconf.py): NOINDEX_PAGES, the output paths never listed (the 404 page, search).
"""
from __future__ import annotations

import datetime
import os
from pathlib import Path
from xml.sax.saxutils import escape

from pelican import signals

# Output path (relative to the output folder) -> the date its content last changed.
_written: dict[str, datetime.date] = {}


def _date_of(obj) -> datetime.date | None:
    value = getattr(obj, "modified", None) or getattr(obj, "date", None)
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def forget_previous_build(pelican) -> None:
    _written.clear()


def note_page(path, context) -> None:
    if not str(path).endswith(".html"):
        return
    output = Path(context["OUTPUT_PATH"])
    relative = Path(path).resolve().relative_to(output.resolve()).as_posix()
    obj = context.get("article") or context.get("page")
    if obj is not None:
        if getattr(obj, "status", "published") != "published":
            return
        dates = [_date_of(obj)]
    else:
        dates = [_date_of(a) for a in context.get("articles") or []]
    dates = [d for d in dates if d]
    if dates:
        _written[relative] = max(dates)


def sitemap_xml(siteurl: str, pages: dict[str, datetime.date], exclude) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path in sorted(pages):
        if path in exclude:
            continue
        lines.append(f"  <url><loc>{escape(f'{siteurl}/{path}')}</loc>"
                     f"<lastmod>{pages[path].isoformat()}</lastmod></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(siteurl: str) -> str:
    return ("# Every page may be indexed; the sitemap lists them with the date each last changed.\n"
            "User-agent: *\nAllow: /\n\n"
            f"Sitemap: {siteurl}/sitemap.xml\n")


def write(pelican) -> None:
    settings = pelican.settings
    siteurl = settings["SITEURL"]
    output = settings["OUTPUT_PATH"]
    exclude = set(settings.get("NOINDEX_PAGES", ()))
    with open(os.path.join(output, "sitemap.xml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(sitemap_xml(siteurl, _written, exclude))
    with open(os.path.join(output, "robots.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(robots_txt(siteurl))


def register():
    signals.initialized.connect(forget_previous_build)
    signals.content_written.connect(note_page)
    signals.finalized.connect(write)
