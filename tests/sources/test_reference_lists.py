"""liverguide.sources.reference_lists: the reference lists' HTML."""
from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as etree
from types import SimpleNamespace

from markdown.serializers import to_html_string

from liverguide.sources import bibliography, reference_lists
from tests.helpers import ROOT

BIB = bibliography.load(ROOT / "content" / "references.bib")


def test_site_list_is_what_the_serializer_writes_for_any_title_and_key():
    """site_list writes its elements out as strings; they must be the serializer's own."""
    tricky = ['Tom & Jerry <b>"quoted"</b>', "It's ready > now", "Plain"]
    pages = [SimpleNamespace(title=title, url=f"care/page-{n}&x=<1>.html") for n, title in enumerate(tricky)]
    references = [dataclasses.replace(BIB["tomlinson2007"], key='odd&"key<1>'), BIB["power2008"]]
    citing = {references[0].key: pages, references[1].key: pages[:1]}
    expected = []
    for reference in sorted(references, key=bibliography.Reference.sort_key):
        cited = etree.Element("span", {"class": "cited-in"})
        cited.text = "Cited in: "
        for index, page in enumerate(citing[reference.key]):
            link = etree.SubElement(cited, "a", {"href": page.url.split("/", 1)[1]})
            link.text = page.title
            link.tail = ", " if index < len(citing[reference.key]) - 1 else "."
        start = to_html_string(etree.Element("li", {"id": "source-" + reference.key}))[:-len("</li>")]
        expected.append(f"{start}{reference_lists.entry_html(reference)} {to_html_string(cited)}</li>")
    assert reference_lists.site_list(references, citing, "care/references.html") == \
        f'<ul class="reference-index">{"".join(expected)}</ul>'
