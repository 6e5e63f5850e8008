"""plugins/markdown_reuse: one Markdown instance reads file after file, and each file comes out
exactly as a new instance would make it (nothing carried over from the file before)."""
from __future__ import annotations

import filecmp
import shutil

import lxml.html

from conftest import ROOT, build

HEADER = """Title: {title}
Slug: {slug}
Summary: A summary that names chemotherapy and "quotes" -- it is not linked.
Category: Understanding
Order: {order}
Date: 2026-11-23
Modified: 2026-11-23
Last_reviewed: 2026-11-23
Next_review: 2027-11-23
Keywords: reuse

"""
# The first file defines an abbreviation, a reference link and a footnote; the second uses the
# same words, label and headings without defining them, so anything left over would show.
FIRST = """## Same heading

HAI may help some people [@msk-crc-metastases]. See [the guide][guide] and a note[^1].
Chemotherapy is one choice.

*[HAI]: hepatic arterial infusion
[guide]: {filename}/articles/01-what-are-liver-metastases.md
[^1]: The first file's note.
"""
SECOND = """## Same heading

HAI again, and [the guide][guide] as plain text. Chemotherapy is one choice [@tomlinson2007].
Another note[^1].

## Same heading

[^1]: The second file's note.
"""


def test_files_read_one_after_another_come_out_as_if_read_alone(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for name, title, order, body in [("90-reuse-first.md", "Reuse first", 90, FIRST),
                                     ("91-reuse-second.md", "Reuse second", 91, SECOND)]:
        (content / "articles" / name).write_text(
            HEADER.format(title=title, slug=name[3:-3], order=order) + body, encoding="utf-8")
    # One process, so one instance reads every file in turn.
    reused, fresh = tmp_path / "reused", tmp_path / "fresh"
    build(reused, content=content, extra=["-e", "READ_PROCESSES=1"])
    build(fresh, content=content, extra=["-e", "READ_PROCESSES=1", "-e", "READ_WITH_ONE_MARKDOWN=false"])
    names = sorted(str(p.relative_to(fresh)) for p in fresh.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(reused)) for p in reused.rglob("*") if p.is_file())
    assert [n for n in names if not filecmp.cmp(fresh / n, reused / n, shallow=False)] == []

    second = lxml.html.parse(str(reused / "understanding" / "reuse-second.html")).getroot()
    body = second.find(".//article")
    assert body.find(".//abbr") is None, "abbreviation carried over from the first file"
    assert "[the guide][guide]" in body.text_content()
    assert [h.get("id") for h in body.iter("h2") if h.text == "Same heading"] == ["same-heading", "same-heading_1"]
    assert "The second file" in body.text_content() and "The first file" not in body.text_content()
    assert body.find(".//a[@class='glossary-term']") is not None  # the body is linked again
