"""The hosted build's Atom feed carries each Summary as text (liverguide/plugins/feed_text.py)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.helpers import GOOD, S, article, build, write

ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_summary_with_markup_reaches_the_feed_as_its_text(tmp_path):
    content = tmp_path / "content"
    write(content, {**GOOD, S: article(Summary="How surgeons *remove* <b>liver</b> tumors &amp; why.")})
    build(tmp_path / "output", settings="publishconf.py", content=content)
    entries = ET.parse(tmp_path / "output" / "feeds" / "all.atom.xml").getroot().findall(f"{ATOM}entry")
    summary = next(e for e in entries if e.find(f"{ATOM}link").get("href").endswith("/surgery.html")).find(f"{ATOM}summary")
    # type="html": what a feed reader renders is this text, escaped, so it shows as written.
    assert summary.get("type") == "html"
    assert summary.text == "How surgeons remove liver tumors &amp; why."
    assert "<" not in summary.text
