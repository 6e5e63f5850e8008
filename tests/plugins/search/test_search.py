"""liverguide.plugins.search: the index builder (lunr_index.py) must give exactly the index
lunr.py's own Builder gives (same terms, frequencies and vectors, so lunr.js finds the same
pages), and the index holds the text each page shows."""
from __future__ import annotations

import json
import re

import lxml.html
from hypothesis import given, settings, strategies as st
from lunr import lunr

from liverguide.plugins.search import FIELDS, documents, search_index
from liverguide.reader.page_text import HIDDEN, plain_text


def lunr_reference(docs):
    fields = [{"field_name": name, "boost": boost} for name, boost in FIELDS]
    return lunr(ref="ref", fields=fields, documents=docs).serialize()


def ours(docs):
    return search_index(docs)["index"]


TRICKY = [
    {"ref": "a.html", "title": "The HAI pump — what it does", "keywords": "pump, HAI",
     "body": "Non-stop   tabs\tand\nnew\xa0lines; re-section, (ablation)... 5-FU 'quoted' words, the and of."},
    {"ref": "b.html", "title": "", "keywords": "", "body": "---  - -- -"},
    {"ref": "c.html", "title": "Pump pumps pumping PUMPED", "keywords": "ÄÖÜ, naïve café",
     "body": "Surgery surgeries surgical; liver's livers. End."},
]


def test_same_index_as_lunr_on_tricky_text():
    assert ours(TRICKY) == lunr_reference(TRICKY)


def test_same_index_as_lunr_on_the_sites_own_pages(site):
    text = (site / "search-index.js").read_text(encoding="ascii")
    data = json.loads(text[text.index("=") + 1:].rstrip().rstrip(";"))
    docs = [{"ref": ref, "title": doc["title"], "keywords": "", "body": doc["text"]}
            for ref, doc in data["docs"].items()]
    assert len(docs) > 10
    assert ours(docs) == lunr_reference(docs)


words = st.lists(st.sampled_from(list("abcXYZé-' .,\t\n\xa0") + ["the", "pump", "ing"]), max_size=30).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(words, words, words), min_size=1, max_size=4))
def test_same_index_as_lunr_on_any_text(rows):
    docs = [{"ref": f"{i}.html", "title": t, "keywords": k, "body": b} for i, (t, k, b) in enumerate(rows)]
    assert ours(docs) == lunr_reference(docs)


def test_each_page_is_indexed_by_the_text_the_reader_found():
    class Item:
        def __init__(self, url, title, text):
            self.url, self.title, self.search_text, self.keywords = url, title, text, ["pump", "HAI"]

    docs = documents({"articles": [Item("a.html", "The <em>HAI</em> pump", "Body words.")],
                      "pages": [Item("b.html", "About", "More words.")]})
    assert docs == [{"ref": "a.html", "title": "The HAI pump", "keywords": "pump, HAI", "body": "Body words."},
                    {"ref": "b.html", "title": "About", "keywords": "pump, HAI", "body": "More words."}]


def test_plain_text_is_the_text_lxml_gives_once_hidden_parts_are_dropped(site):
    """plain_text copies the shown text with one XSLT pass instead of dropping elements from a
    copy of the tree and asking lxml for the rest."""
    not_shown = "|".join(".//" + pattern for pattern in HIDDEN)

    def by_dropping(html: str) -> str:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        for element in root.xpath(not_shown):
            element.drop_tree()
        return re.sub(r"\s+", " ", root.text_content()).strip()

    samples = ['<p>a<!-- note -->b <sup>1</sup>c<span hidden>x<b>y</b></span>d</p>tail',
               '<p class="visually-hidden">no</p><p>yes <script>s()</script>end</p>']
    for page in sorted(site.rglob("*.html")):
        main = lxml.html.fromstring(page.read_bytes()).find(".//main")
        if main is not None:
            samples.append(lxml.html.tostring(main, encoding="unicode"))
    assert len(samples) > 15
    for html in samples:
        assert plain_text(html) == by_dropping(html)
