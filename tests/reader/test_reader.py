"""liverguide.reader: one reader (and its one Markdown instance) reads file after file, and each
file comes out exactly as a new reader would make it; mistakes name the same line every time."""
from __future__ import annotations

import shutil

import lxml.html
import pytest
from pelican.settings import read_settings

from liverguide.errors import ContentError
from liverguide.reader import GuideReader
from tests.helpers import ROOT

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
Status: draft

"""
# Drafts: these files are about what a reader carries from one file to the next, not about what
# a published article needs (liverguide/checks/structure.py skips that for drafts).
# The first file defines an abbreviation, a reference link and a footnote, and places a diagram;
# the second uses the same words, label and headings without defining them, so anything left
# over would show.
FIRST = """## Same heading

HAI may help some people [@msk-crc-metastases]. See [the guide][guide] and a note[^1].
Chemotherapy is one choice.

::: diagram hai-pump.svg
Alt: A pump under the skin.
Caption: The pump.
:::

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
# Two diagrams, the second without alt text: the error must name the second one's line (20).
BAD_DIAGRAM = """## Pictures

::: diagram hai-pump.svg
Alt: A pump.
Caption: The pump.
:::

::: diagram hai-pump.svg
Caption: No alt text here.
:::
"""


@pytest.fixture
def files(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    written = {}
    for name, title, order, body in [("90-first.md", "First", 90, FIRST), ("91-second.md", "Second", 91, SECOND),
                                     ("92-bad-diagram.md", "Bad", 92, BAD_DIAGRAM)]:
        path = content / "articles" / name
        path.write_text(HEADER.format(title=title, slug=name[3:-3], order=order) + body, encoding="utf-8")
        written[name] = str(path)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    return settings, written


def test_files_read_one_after_another_come_out_as_if_read_alone(files):
    settings, paths = files
    reader = GuideReader(settings)
    reader.read(paths["90-first.md"])
    reused_html, reused_metadata = reader.read(paths["91-second.md"])
    fresh_html, fresh_metadata = GuideReader(settings).read(paths["91-second.md"])
    assert reused_html == fresh_html
    assert reused_metadata == fresh_metadata

    body = lxml.html.fragment_fromstring(reused_html, create_parent="div")
    assert body.find(".//abbr") is None, "abbreviation carried over from the first file"
    assert "[the guide][guide]" in body.text_content()
    assert [h.get("id") for h in body.iter("h2")] == ["same-heading", "same-heading_1"]
    assert "The second file" in body.text_content() and "The first file" not in body.text_content()
    assert body.find(".//a[@class='glossary-term']") is not None  # the body is linked again
    assert reused_metadata["cited_keys"] == ["tomlinson2007"]
    assert reused_metadata["headings"] == [("same-heading", "Same heading"), ("same-heading_1", "Same heading")]


def test_a_bad_diagram_is_named_by_its_own_line_however_many_files_came_before(files):
    """Regression: the count of `::: diagram` blocks was not reset between files, so the line
    named depended on what the reader had read before."""
    settings, paths = files
    reader = GuideReader(settings)
    for before in ([], ["90-first.md"], ["90-first.md", "92-bad-diagram.md"]):
        for name in before:
            try:
                reader.read(paths[name])
            except ContentError:
                pass
        with pytest.raises(ContentError) as error:
            reader.read(paths["92-bad-diagram.md"])
        assert (error.value.path, error.value.line) == (paths["92-bad-diagram.md"], 20), (before, str(error.value))
        assert "has no 'Alt:' text" in str(error.value)


def test_the_reader_hands_on_data_not_html(files):
    settings, paths = files
    html, metadata = GuideReader(settings).read(paths["90-first.md"])
    assert metadata["cited_keys"] == ["msk-crc-metastases"]
    assert metadata["citation_spots"] == {1: ["cite-1-a"]}
    assert metadata["headings"] == [("same-heading", "Same heading")]
    assert metadata["search_text"].startswith("Same heading HAI may help some people.")
    assert "hepatic arterial infusion" not in metadata["search_text"].split("See")[0]  # hidden definitions are not text
    assert metadata["field_lines"]["order"] == 5
    assert metadata["summary"] == '<p>A summary that names chemotherapy and &ldquo;quotes&rdquo; &ndash; it is not linked.</p>'
