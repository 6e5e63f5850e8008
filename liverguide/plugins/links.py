"""Links between pages, checked once every page is read (`all_generators_finalized`): a link
that names an address instead of a page's file, or a `#fragment` its page does not have, stops
the build at its line in the Markdown file (liverguide.checks.links)."""
from __future__ import annotations

from pelican import signals

from liverguide.checks import links


def check_links(generators) -> None:
    contents = []
    settings = None
    for generator in generators:
        settings = generator.settings
        for name in ("articles", "drafts", "pages", "hidden_pages", "draft_pages"):
            contents.extend(getattr(generator, name, ()))
    if settings is not None:
        links.check(contents, settings["PATH"])


def register():
    signals.all_generators_finalized.connect(check_links)
