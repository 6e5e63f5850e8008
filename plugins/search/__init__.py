"""Site search that works from file://: the lunr index is built here, at build time, and written
as a classic script (`search-index.js`) that sets a global, because browsers refuse fetch() and
XHR from file:// pages. lunr.js (theme/static/js/vendor/) loads it with lunr.Index.load().

Each article and page is indexed by title, keywords and plain text. The plain text is shipped
too, so the search page can show a snippet around the words that matched.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
from pelican import signals

from .fast_builder import FastBuilder

# Title words count most, keywords next: a patient searching "pump" wants the HAI pump article
# before every article that mentions a pump in passing.
FIELDS = [
    {"field_name": "title", "boost": 10},
    {"field_name": "keywords", "boost": 5},
    {"field_name": "body"},
]
SPACE = re.compile(r"\s+")
# Raw citation keys ("[@msk-hai-pump]") are not words a reader wrote or searches for.
CITATION_KEY = re.compile(r"\s*\[@[^\]]*\]")


def plain_text(html: str) -> str:
    if not html or not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    # Citation numbers ("[3]") and scripts are not words a reader searches for.
    for element in root.xpath(".//sup|.//script|.//style"):
        element.drop_tree()
    return SPACE.sub(" ", CITATION_KEY.sub("", root.text_content())).strip()


def keywords_of(item) -> str:
    value = getattr(item, "keywords", "") or ""
    return value if isinstance(value, str) else ", ".join(map(str, value))


def documents(context) -> list[dict]:
    items = [*context.get("articles", []), *context.get("pages", [])]
    return [
        {
            "ref": item.url,
            "title": plain_text(item.title),
            "keywords": keywords_of(item),
            "body": plain_text(item.content),
        }
        for item in items
    ]


def search_index(docs: list[dict]) -> dict:
    builder = FastBuilder()
    builder.ref("ref")
    for field in FIELDS:
        builder.field(**field)
    for doc in docs:
        builder.add(doc)
    index = builder.build()
    return {
        "index": index.serialize(),
        # `url` is relative to the site root; the page resolves it against its own SITEURL.
        "docs": {doc["ref"]: {"title": doc["title"], "url": doc["ref"], "text": doc["body"]} for doc in docs},
    }


def script_for(data: dict) -> str:
    # ASCII-only JSON is also valid JavaScript in every engine, whatever charset the file is read as.
    return "window.SEARCH_INDEX = " + json.dumps(data, ensure_ascii=True, separators=(",", ":")) + ";\n"


def write_search_index(generator, writer):
    """Runs once the pages are written: articles and pages are all known by then, and the
    output folder is not emptied again (DELETE_OUTPUT_DIRECTORY runs before writing)."""
    save_as = generator.settings.get("SEARCH_INDEX_SAVE_AS", "search-index.js")
    target = Path(generator.output_path) / save_as
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script_for(search_index(documents(generator.context))), encoding="utf-8")


def register():
    signals.page_writer_finalized.connect(write_search_index)
