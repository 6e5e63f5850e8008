"""liverguide.checks.structure: the shape of a page. The build's one-line errors are in the
catalogue (tests/build/test_bad_inputs.py); here, what is read as a heading and what the rules
leave alone."""
from __future__ import annotations

from liverguide.checks.structure import Heading, headings
from tests.helpers import BODY, GOOD, S, article, run, write


def test_headings_as_python_markdown_reads_them():
    text = "\n".join([
        "Title: x",                 # 1
        "",                         # 2
        "## Two",                   # 3
        "###Three without a space",  # 4
        "```",                      # 5
        "# a comment in a sample",  # 6
        "```",                      # 7
        "Underlined",               # 8
        "----------",               # 9
        "- a list item",            # 10
        "---",                      # 11 (a rule, not a heading: list items are not heading text)
        "",                         # 12
        "| a | b |",                # 13
        "|---|---|",                # 14
        "    # indented code",      # 15
        "## Closed ##",             # 16
    ])
    assert list(headings(text, 3)) == [Heading(3, 2, "Two"), Heading(4, 3, "Three without a space"),
                                       Heading(8, 2, "Underlined"), Heading(16, 2, "Closed")]


def test_a_draft_may_be_unfinished_and_is_not_published(tmp_path, capsys):
    content, output = tmp_path / "content", tmp_path / "output"
    draft = article(body="TODO: say what the reader will learn here.\n", ending="", Status="draft")
    write(content, {**GOOD, S: draft})
    status, lines = run(content, output, capsys)
    assert (status, lines) == (0, [])
    assert not (output / "treatments" / "surgery.html").exists()


def test_pages_are_not_held_to_the_articles_length_rules(tmp_path, capsys):
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, {**GOOD, "pages/about.md": GOOD["pages/references.md"].replace("Slug: references", "Slug: about")})
    status, lines = run(content, output, capsys)
    assert (status, lines) == (0, [])


def test_headings_in_a_draft_must_still_be_in_order(tmp_path, capsys):
    content, output = tmp_path / "content", tmp_path / "output"
    write(content, {**GOOD, S: article(body=BODY + "\n#### Deep\n", ending="", Status="draft")})
    status, lines = run(content, output, capsys)
    assert status == 1 and lines[0].endswith("'#### Deep' skips a heading level: it comes after the ## heading "
                                              "on line 13, so make it ###")
