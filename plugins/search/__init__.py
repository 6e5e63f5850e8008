"""Site search that works from file://: the lunr index is built here, at build time, and written
as a classic script (`search-index.js`) that sets a global, because browsers refuse fetch() and
XHR from file:// pages. lunr.js (theme/static/js/vendor/) loads it with lunr.Index.load().

Each article and page is indexed by title, keywords and plain text. The plain text is shipped
too, so the search page can show a snippet around the words that matched.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import re
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from lxml import etree
from pelican import signals

from .fast_builder import FastBuilder

_PLUGINS = str(Path(__file__).resolve().parent.parent)
if _PLUGINS not in sys.path:  # plugins import each other by name, however started
    sys.path.insert(0, _PLUGINS)

import markdown_readers  # noqa: E402
from parallel import processes  # noqa: E402  (READ_PROCESSES: 1 keeps everything in one process)
from parsed_html import parse  # noqa: E402

# Title words count most, keywords next: a patient searching "pump" wants the HAI pump article
# before every article that mentions a pump in passing.
FIELDS = [
    {"field_name": "title", "boost": 10},
    {"field_name": "keywords", "boost": 5},
    {"field_name": "body"},
]
# Raw citation keys ("[@msk-hai-pump]") are not words a reader wrote or searches for.
CITATION_KEY = re.compile(r"\s*\[@[^\]]*\]")


# Citation numbers ("[3]"), scripts and hidden glossary definitions are not words the page
# shows, so a search must not find the page by them.
HIDDEN = ["sup", "script", "style", "*[@hidden]", "*[@class='visually-hidden']"]
NOT_SHOWN = "|".join(".//" + pattern for pattern in HIDDEN)
# libxslt's built-in rules copy every text node; an empty rule drops a hidden element with
# what it holds (its tail is its parent's text and stays). Walking the tree in Python instead
# cost twice as much: a Python object for every element of every page.
SHOWN_TEXT = etree.XSLT(etree.XML(
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
    '<xsl:output method="text" encoding="UTF-8"/>'
    f'<xsl:template match="{"|".join(HIDDEN)}"/>'
    "</xsl:stylesheet>"
))


def plain_text(html: str) -> str:
    if not html or not html.strip():
        return ""
    text = str(SHOWN_TEXT(parse(html)))  # the tree is shared with content safety: read only
    if "[@" in text:
        text = CITATION_KEY.sub("", text)
    return " ".join(text.split())  # str.split's whitespace is re's \s: runs become one space


def keywords_of(item) -> str:
    value = getattr(item, "keywords", "") or ""
    return value if isinstance(value, str) else ", ".join(map(str, value))


class Memo:
    """Plain text, keyed on a hash of the HTML it came from. The reader works out its page's
    plain text (in the worker processes of plugins/parallel) and hands it over in the page's
    metadata, `search_memo`, which the content cache keeps; the index then only parses what
    changed after reading (the glossary page's A-Z list). Terms are worked out while the index
    is made: kept per page they made the content cache 2.5 times bigger, slower to load than to
    work out again."""

    def __init__(self, known: dict | None = None):
        self.known: dict = dict(known or {})

    def get(self, kind: str, source: str, compute):
        key = (kind, hashlib.sha256(source.encode("utf-8")).digest())
        value = self.known.get(key)
        if value is None:
            value = self.known[key] = compute()
        return value


def document(item, memo: Memo) -> dict:
    # The text of `_content` (the reader's HTML, links not yet resolved) is the text of
    # `content`, without resolving every link once more just to throw the links away.
    return {
        "ref": getattr(item, "url", ""),
        "title": memo.get("text", item.title, lambda: plain_text(item.title)),
        "keywords": keywords_of(item),
        "body": memo.get("text", item._content or "", lambda: plain_text(item._content)),
    }


def documents(context, memo: Memo | None = None) -> list[dict]:
    memo = memo or Memo()
    return [document(item, memo) for item in [*context.get("articles", []), *context.get("pages", [])]]


def new_builder() -> FastBuilder:
    builder = FastBuilder()
    builder.ref("ref")
    for field in FIELDS:
        builder.field(**field)
    return builder


def search_index(docs: list[dict]) -> dict:
    builder = new_builder()
    for doc in docs:
        builder.add_analysed(doc["ref"], builder.analyse(doc))
    index = builder.build()
    return {
        "index": index.serialize(),
        # `url` is relative to the site root; the page resolves it against its own SITEURL.
        "docs": {doc["ref"]: {"title": doc["title"], "url": doc["ref"], "text": doc["body"]} for doc in docs},
    }


def script_for(data: dict) -> str:
    # ASCII-only JSON is also valid JavaScript in every engine, whatever charset the file is read as.
    return "window.SEARCH_INDEX = " + json.dumps(data, ensure_ascii=True, separators=(",", ":")) + ";\n"


def build_script(settings: dict, context: dict) -> str:
    memo = Memo()
    for item in [*context.get("articles", []), *context.get("pages", [])]:
        memo.known.update(getattr(item, "search_memo", None) or {})
    return script_for(search_index(documents(context, memo)))


class _Page:
    """What the index reads of a content object, from a reader's result."""

    def __init__(self, html: str, metadata: dict):
        self.title = metadata.get("title", "")
        self.keywords = metadata.get("keywords", "")
        self._content = html


def indexing_reader(base: type) -> type:
    class IndexedReader(base):
        def read(self, source_path):
            content, metadata = super().read(source_path)
            memo = Memo()
            document(_Page(content, metadata), memo)
            metadata["search_memo"] = memo.known
            return content, metadata

    return IndexedReader


def install(readers) -> None:
    markdown_readers.wrap(readers, "search_indexed", indexing_reader)


class _Background:
    """The index is made from the finished context alone, so it is made in a forked process
    while the main one writes the pages (the index is a whole-site computation, redone on every
    build, warm or cold). The main process writes the file: the output folder is emptied after
    the context is finished and before pages are written."""

    def __init__(self):
        self.executor: ProcessPoolExecutor | None = None
        self.future: Future | None = None
        self.settings: dict | None = None
        self.context: dict | None = None

    def start(self, generators) -> None:
        self.stop()
        generator = generators[0]
        self.settings, self.context = generator.settings, generator.context
        if processes(self.settings) > 1:
            self.executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self.future = self.executor.submit(_build_script_in_child)

    def result(self, settings: dict, context: dict) -> str:
        future, self.future = self.future, None
        try:
            return future.result() if future is not None else build_script(settings, context)
        finally:
            self.stop()

    def stop(self, *_ignored) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self.future = None


_background = _Background()


def _build_script_in_child() -> str:
    return build_script(_background.settings, _background.context)


def write_search_index(generator, writer):
    """Runs once the pages are written: articles and pages are all known by then, and the
    output folder is not emptied again (DELETE_OUTPUT_DIRECTORY runs before writing)."""
    save_as = generator.settings.get("SEARCH_INDEX_SAVE_AS", "search-index.js")
    target = Path(generator.output_path) / save_as
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_background.result(generator.settings, generator.context), encoding="utf-8")


def register():
    signals.readers_init.connect(install)
    signals.all_generators_finalized.connect(_background.start)
    signals.page_writer_finalized.connect(write_search_index)
    signals.finalized.connect(_background.stop)
