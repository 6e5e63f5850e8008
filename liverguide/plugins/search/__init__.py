"""Site search that works from file://: the lunr index is made here, at build time, and written
as a classic script (`search-index.js`) that sets a global, because browsers refuse fetch() and
XHR from file:// pages. lunr.js (theme/static/js/vendor/) loads it with lunr.Index.load().

Each article and page is indexed by title, keywords and the words it shows (`search_text`, which
the reader works out from its one parse of the page). The text is shipped too, so the search
page can show a snippet around the words that matched.

- `all_generators_finalized`: every page is known; for a site of READ_AHEAD_MIN_FILES (100)
  pages or more, their titles, keywords and texts go to a worker process, which makes the index
  while the pages are written (a whole-site computation, redone on every build, warm or cold).
  A smaller site, or READ_PROCESSES=1, has it made here instead.
- `page_writer_finalized`: the output folder is not emptied again (DELETE_OUTPUT_DIRECTORY runs
  before writing): the index is written.

Settings: SEARCH_INDEX_SAVE_AS (default "search-index.js").
"""
from __future__ import annotations

import json
from concurrent.futures import Future
from pathlib import Path

from pelican import signals

from liverguide.processes import pool, processes
from liverguide.reader.page_text import plain_text

from .lunr_index import IndexBuilder

# Title words count most, keywords next: a patient searching "pump" wants the HAI pump article
# before every article that mentions a pump in passing.
FIELDS = [("title", 10), ("keywords", 5), ("body", 1)]


def keywords_of(item) -> str:
    value = getattr(item, "keywords", "") or ""
    return value if isinstance(value, str) else ", ".join(map(str, value))


def document(item) -> dict:
    return {
        "ref": getattr(item, "url", ""),
        "title": plain_text(item.title),
        "keywords": keywords_of(item),
        "body": getattr(item, "search_text", ""),
    }


def documents(context) -> list[dict]:
    return [document(item) for item in [*context.get("articles", []), *context.get("pages", [])]]


def search_index(docs: list[dict]) -> dict:
    builder = IndexBuilder("ref", FIELDS)
    for doc in docs:
        builder.add(doc)
    return {
        "index": builder.build().serialize(),
        # `url` is relative to the site root; the page resolves it against its own SITEURL.
        "docs": {doc["ref"]: {"title": doc["title"], "url": doc["ref"], "text": doc["body"]} for doc in docs},
    }


def script_for(data: dict) -> str:
    # ASCII-only JSON is also valid JavaScript in every engine, whatever charset the file is read as.
    return "window.SEARCH_INDEX = " + json.dumps(data, ensure_ascii=True, separators=(",", ":")) + ";\n"


def make_script(docs: list[dict]) -> str:
    return script_for(search_index(docs))


class _Index:
    """The index being made for this build: in a worker process (`future`), or not yet."""

    future: Future | None = None
    executor = None

    @classmethod
    def start(cls, generators) -> None:
        cls.stop()
        settings, context = generators[0].settings, generators[0].context
        docs = documents(context)
        # Starting Python again costs more than indexing a small site (the guide itself).
        if processes(settings) > 1 and len(docs) >= settings.get("READ_AHEAD_MIN_FILES", 100):
            cls.executor = pool(1)
            cls.future = cls.executor.submit(make_script, docs)

    @classmethod
    def script(cls, context: dict) -> str:
        future = cls.future
        try:
            return future.result() if future is not None else make_script(documents(context))
        finally:
            cls.stop()

    @classmethod
    def stop(cls, *_ignored) -> None:
        if cls.executor is not None:
            cls.executor.shutdown(wait=True, cancel_futures=True)
        cls.executor = cls.future = None


def write_search_index(generator, writer) -> None:
    save_as = generator.settings.get("SEARCH_INDEX_SAVE_AS", "search-index.js")
    target = Path(generator.output_path) / save_as
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_Index.script(generator.context), encoding="utf-8")


def register():
    signals.all_generators_finalized.connect(_Index.start)
    signals.page_writer_finalized.connect(write_search_index)
    signals.finalized.connect(_Index.stop)
