"""The glossary page's A–Z list, made from content/glossary.yaml when the page is read.

It is part of the page's content like any text an editor wrote, so the search index, the
content cache and every later step see the page whole. The list is drawn by a theme template
(GLOSSARY_TEMPLATE), with the Jinja options the site's pages are rendered with.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import jinja2

from liverguide.sources.glossary_file import Glossary


def render_list(glossary: Glossary, settings: dict) -> str:
    folders = [*settings.get("THEME_TEMPLATES_OVERRIDES", []), str(Path(settings["THEME"]) / "templates")]
    environment = _environment(tuple(folders), json.dumps(settings["JINJA_ENVIRONMENT"], sort_keys=True))
    return environment.get_template(settings["GLOSSARY_TEMPLATE"]).render(glossary=glossary)


@functools.lru_cache(maxsize=2)
def _environment(folders: tuple[str, ...], options: str) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(list(folders)), **json.loads(options))
