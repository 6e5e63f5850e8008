"""Site search that works from file://: the lunr index is built here, at build time, and written
as a classic script (`search-index.js`) that sets a global, because browsers refuse fetch() and
XHR from file:// pages. lunr.js (theme/static/js/vendor/) loads it with lunr.Index.load().

Each article and page is indexed by title, keywords and plain text. The plain text is shipped
too, so the search page can show a snippet around the words that matched.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
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
    # Citation numbers ("[3]"), scripts and hidden glossary definitions are not words the page
    # shows, so a search must not find the page by them.
    for element in root.xpath(".//sup|.//script|.//style|.//*[@hidden]|.//*[@class='visually-hidden']"):
        element.drop_tree()
    return SPACE.sub(" ", CITATION_KEY.sub("", root.text_content())).strip()


def keywords_of(item) -> str:
    value = getattr(item, "keywords", "") or ""
    return value if isinstance(value, str) else ", ".join(map(str, value))


class Memo:
    """Each document's plain text and analysed terms from the previous build, keyed on a hash
    of what they were computed from, so a rebuild works only on the pages that changed. Kept
    in the content cache folder when the content cache is on (cleared with it); entries not
    used in a build are dropped."""

    NAME = "search-documents.pickle"

    def __init__(self, folder: Path | None = None):
        self.path = folder / self.NAME if folder else None
        self.old: dict = {}
        if self.path and self.path.is_file():
            try:
                self.old = pickle.loads(self.path.read_bytes())
            except Exception:  # a damaged cache is only a slower build
                self.old = {}
        self.new: dict = {}

    def get(self, kind: str, source: str, compute):
        key = (kind, hashlib.sha256(source.encode("utf-8")).digest())
        value = self.new.get(key, self.old.get(key))
        if value is None:
            value = compute()
        self.new[key] = value
        return value

    def save(self) -> None:
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(pickle.dumps(self.new, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, self.path)


def documents(context, memo: Memo | None = None) -> list[dict]:
    memo = memo or Memo()
    items = [*context.get("articles", []), *context.get("pages", [])]
    # The text of `_content` (the reader's HTML, links not yet resolved) is the text of
    # `content`, without resolving every link once more just to throw the links away.
    return [
        {
            "ref": item.url,
            "title": memo.get("text", item.title, lambda: plain_text(item.title)),
            "keywords": keywords_of(item),
            "body": memo.get("text", item._content or "", lambda: plain_text(item._content)),
        }
        for item in items
    ]


def search_index(docs: list[dict], memo: Memo | None = None) -> dict:
    memo = memo or Memo()
    builder = FastBuilder()
    builder.ref("ref")
    for field in FIELDS:
        builder.field(**field)
    for doc in docs:
        source = json.dumps([doc[field["field_name"]] for field in FIELDS])
        builder.add_analysed(doc["ref"], memo.get("terms", source, lambda: builder.analyse(doc)))
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
    settings = generator.settings
    memo = Memo(Path(settings["CACHE_PATH"]) if settings.get("CACHE_CONTENT") else None)
    target.write_text(script_for(search_index(documents(generator.context, memo), memo)), encoding="utf-8")
    memo.save()


def register():
    signals.page_writer_finalized.connect(write_search_index)
