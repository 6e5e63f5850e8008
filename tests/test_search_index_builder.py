"""The fast index builder (plugins/search/fast_builder.py) must give exactly the index lunr.py
gives: same terms, frequencies, vectors and token set, so lunr.js finds the same pages."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lunr import lunr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from search import FIELDS, documents, search_index  # noqa: E402
from search.fast_builder import FastBuilder  # noqa: E402


def lunr_reference(docs):
    return lunr(ref="ref", fields=FIELDS, documents=docs).serialize()


def fast(docs):
    return search_index(docs)["index"]


TRICKY = [
    {"ref": "a.html", "title": "The HAI pump — what it does", "keywords": "pump, HAI",
     "body": "Non-stop   tabs\tand\nnew\xa0lines; re-section, (ablation)... 5-FU 'quoted' words, the and of."},
    {"ref": "b.html", "title": "", "keywords": "", "body": "---  - -- -"},
    {"ref": "c.html", "title": "Pump pumps pumping PUMPED", "keywords": "ÄÖÜ, naïve café",
     "body": "Surgery surgeries surgical; liver's livers. End."},
]


def test_same_index_as_lunr_on_tricky_text():
    assert fast(TRICKY) == lunr_reference(TRICKY)


def test_same_index_as_lunr_on_the_sites_own_pages(site):
    import json
    text = (site / "search-index.js").read_text(encoding="ascii")
    data = json.loads(text[text.index("=") + 1:].rstrip().rstrip(";"))
    docs = [{"ref": ref, "title": doc["title"], "keywords": "", "body": doc["text"]}
            for ref, doc in data["docs"].items()]
    assert len(docs) > 10
    assert fast(docs) == lunr_reference(docs)


words = st.lists(st.sampled_from(list("abcXYZé-' .,\t\n\xa0") + ["the", "pump", "ing"]), max_size=30).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(words, words, words), min_size=1, max_size=4))
def test_same_index_as_lunr_on_any_text(rows):
    docs = [{"ref": f"{i}.html", "title": t, "keywords": k, "body": b} for i, (t, k, b) in enumerate(rows)]
    assert fast(docs) == lunr_reference(docs)


def test_position_metadata_falls_back_to_lunr():
    builder = FastBuilder()
    builder.ref("ref")
    builder.field("body")
    builder.metadata_whitelist = ["position"]
    builder.add({"ref": "x", "body": "pump pumps"})
    postings = builder.inverted_index["pump"]["body"]["x"]
    assert postings["position"] == [[0, 4], [5, 5]]


def test_text_worked_out_while_reading_is_used_and_a_page_changed_since_is_read_again(monkeypatch):
    """The reader hands each page's plain text to the index through a Memo (search_memo); a
    page whose HTML changed after reading (the glossary page's A-Z list) is parsed again."""
    import search

    class Item:
        def __init__(self, url, title, html):
            self.url, self.title, self._content, self.keywords = url, title, html, ""

    items = [Item(f"{n}.html", f"Title {n}", f"<p>Body {n} with <sup>1</sup> words.</p>") for n in range(3)]
    read = search.Memo()
    expected = [search.document(item, read) for item in items]
    items[2]._content = "<p>Completely new words about radioembolization.</p>"
    parsed = []
    real = search.plain_text
    monkeypatch.setattr(search, "plain_text", lambda html: parsed.append(html) or real(html))
    docs = search.documents({"articles": items}, search.Memo(read.known))
    assert parsed == [items[2]._content]
    assert docs[:2] == expected[:2] and docs[2]["body"] == "Completely new words about radioembolization."
    assert search_index(docs)["index"] == lunr_reference(docs)


def test_plain_text_is_the_text_lxml_gives_once_hidden_parts_are_dropped(site):
    """plain_text walks the shared (read-only) tree instead of dropping elements from a copy."""
    import lxml.html
    from search import NOT_SHOWN, plain_text

    def by_dropping(html: str) -> str:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        for element in root.xpath(NOT_SHOWN):
            element.drop_tree()
        import re
        return re.sub(r"\s+", " ", re.sub(r"\s*\[@[^\]]*\]", "", root.text_content())).strip()

    samples = ['<p>a<!-- note -->b <sup>1</sup>c<span hidden>x<b>y</b></span>d</p>tail',
               '<p class="visually-hidden">no</p><p>yes [@key] <script>s()</script>end</p>']
    for page in sorted(site.rglob("*.html")):
        main = lxml.html.fromstring(page.read_bytes()).find(".//main")
        if main is not None:
            samples.append(lxml.html.tostring(main, encoding="unicode"))
    assert len(samples) > 15
    for html in samples:
        assert plain_text(html) == by_dropping(html)
