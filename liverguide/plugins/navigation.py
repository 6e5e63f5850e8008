"""The site's navigation, worked out once per build: every page of the site lists the pages (the
menu and the footer), and Pelican works out a page's url anew each time it is asked, so a
template asking for them on every page did that many thousand times in a large build.

- `page_generator_finalized`: `nav_pages` in the context: for each page, in Pelican's order,
  its slug, url, title and menu title (the menu shows MENU_PAGES, the footer every page).
"""
from __future__ import annotations

from typing import NamedTuple

from pelican import signals


class NavPage(NamedTuple):
    slug: str
    url: str
    title: str
    menu_title: str


def list_pages(generator) -> None:
    generator.context["nav_pages"] = [
        NavPage(page.slug, page.url, page.title, getattr(page, "menu_title", "") or page.title)
        for page in generator.pages
    ]


def register():
    signals.page_generator_finalized.connect(list_pages)
