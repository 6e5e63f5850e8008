"""liverguide.syntax.citations: the `[@key]` syntax on its own, in a Markdown instance of the
test's making, without building the site."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import markdown
import pytest
from hypothesis import given, settings, strategies as st

from liverguide.errors import ContentError
from liverguide.sources import bibliography
from liverguide.syntax import SourceFile
from liverguide.syntax import citations as syntax
from tests.helpers import ROOT

BIB = bibliography.load(ROOT / "content" / "references.bib")


# --- inline syntax ---------------------------------------------------------------------------

@pytest.mark.parametrize("body, expected", [
    ("@a", [("a", "")]),
    ("@a; @b", [("a", ""), ("b", "")]),
    ("@kemeny1999, p. 3", [("kemeny1999", "p. 3")]),
    ("@msk-hai;@msk-hai-pump, pp. 3-5", [("msk-hai", ""), ("msk-hai-pump", "pp. 3-5")]),
    ("write to info@example.org", None),
    ("a@b.com", None),
    ("just text", None),
])
def test_parse_bracket(body, expected):
    cites = syntax.parse_bracket(body)
    assert (None if cites is None else [(c.key, c.locator) for c in cites]) == expected


@pytest.mark.parametrize("body", ["see @a", "@a @b", "@a; b", "@a; @a"])
def test_malformed_brackets_are_rejected(body):
    with pytest.raises(ValueError):
        syntax.parse_bracket(body)


def render(text: str, bib=BIB, path: Path = Path("content/articles/x.md"),
           extensions=("markdown.extensions.extra", "markdown.extensions.smarty")) -> tuple[str, syntax.Cited]:
    source = SourceFile()
    source.start(str(path), text)
    citations = syntax.CitationExtension(bib, source)
    md = markdown.Markdown(extensions=[*extensions, citations])
    html = md.convert(text)
    citations.check_set_aside_html(md)  # as the reader does, once the HTML is known to be safe
    return html, citations.cited


def markers(html: str) -> list[str]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out = []
    for sup in root.iter("sup"):
        for preview in sup.find_class("citation-preview"):
            preview.drop_tree()
        out.append(sup.text_content())
    return out


def test_numbers_follow_first_citation_and_ranges_collapse():
    html, document = render("A [@kemeny2006]. B [@kemeny1999; @tomlinson2007]. C [@tomlinson2007; @kemeny2006; @kemeny1999]. "
                            "D [@chow2019; @kemeny1999, p. 3].")
    assert list(document.numbers) == ["kemeny2006", "kemeny1999", "tomlinson2007", "chow2019"]
    assert markers(html) == ["1", "2,3", "1-3", "2(p3),4"]
    # the hidden middle of "1-3" still has an anchor for reference 2's back-link
    assert 'id="cite-2-b"' in html and document.spots[2] == ["cite-2-a", "cite-2-b", "cite-2-c"]


def test_code_escapes_and_email_are_not_citations():
    text = "Code `[@kemeny1999]`, escaped \\[@kemeny1999], mail [info@example.org] and <me@example.org>.\n\n    [@kemeny1999]\n"
    html, document = render(text)
    assert document.numbers == {}
    assert "<sup" not in html
    assert html.count("[@kemeny1999]") == 3


def test_unknown_key_names_file_line_and_suggestion():
    with pytest.raises(ContentError) as error:
        render("Title: x\n\nFirst line.\n\nA claim [@kemeny1999] and another [@kemeny1998].\n")
    assert str(error.value) == "content/articles/x.md:5: unknown citation key 'kemeny1998' (did you mean 'kemeny1999'?)"


def test_malformed_citation_names_its_line():
    with pytest.raises(ContentError) as error:
        render("One.\n\nTwo.\n\nThree [see @kemeny1999].\n")
    assert str(error.value).startswith("content/articles/x.md:5: malformed citation '[see @kemeny1999]'")


WORDS = st.text(alphabet="abcxyz []@;,.-", min_size=0, max_size=12)
KEYS = st.sampled_from(sorted(BIB))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(WORDS, KEYS.map(lambda key: f"[@{key}]")), max_size=12))
def test_random_text_never_crashes_the_parser(pieces):
    text = "x " + " ".join(pieces)
    try:  # without smarty, which would turn "--" into a dash and so change the text on purpose
        html, document = render(text, extensions=("markdown.extensions.extra",))
    except ContentError:
        return
    # No text lost: what is left once the markers are taken out is the text with the
    # citations (and the space before each) taken out.
    expected = "".join(p if isinstance(p, str) else "" for p in _strip_before(syntax.split(text)))
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for sup in list(root.iter("sup")):
        sup.drop_tree()
    assert " ".join(root.text_content().split()) == " ".join(expected.split())
    assert len(markers(html)) == sum(1 for p in syntax.split(text) if not isinstance(p, str))


def _strip_before(pieces):
    return [p.rstrip() if isinstance(p, str) and i + 1 < len(pieces) else p for i, p in enumerate(pieces)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(WORDS.filter(lambda w: "@" not in w), st.lists(KEYS, min_size=1, max_size=4, unique=True)),
                max_size=10))
def test_every_valid_citation_becomes_a_marker(pieces):
    text = "x " + " ".join(p if isinstance(p, str) else "[" + "; ".join("@" + k for k in p) + "]" for p in pieces)
    html, document = render(text)
    cited = [k for p in pieces if not isinstance(p, str) for k in p]
    assert list(document.numbers) == list(dict.fromkeys(cited))
    assert len(markers(html)) == sum(1 for p in pieces if not isinstance(p, str))


# --- citations that would reach the page as text -----------------------------------------------

def test_a_citation_before_a_colon_is_a_citation():
    """'These include [@key]:' before a list: the colon is punctuation, not a link definition."""
    html, document = render("These include [@kemeny1999]:\n\n- one\n- two\n")
    assert list(document.numbers) == ["kemeny1999"]
    assert "[@" not in html and markers(html) == ["1"]


@pytest.mark.parametrize("text, line, says", [
    ("Empty [@] here.", 3, "empty citation '[@]'"),
    ("Empty [@ ; @] here.", 3, "empty citation"),
    ("## A heading [@kemeny1999]\n\nText.", 3, "'[@kemeny1999]' is in a heading"),
    ("Text.\n\n[A link [@kemeny1999]](https://example.org).", 5, "inside a link's text"),
    ("A [@kemeny1999](https://example.org) link.", 3, "written as a link's text"),
    ("A study [kemeny1999] found.", 3, "'[kemeny1999]' names a source without its '@': write [@kemeny1999]"),
    ("Two [kemeny1999; tomlinson2007, p. 3].", 3, "write [@kemeny1999; @tomlinson2007, p. 3]"),
    ("As @kemeny1999 found.", 3, "'@kemeny1999' would show as text"),
    ("One.\n\n<p>Raw HTML [@kemeny1999]</p>", 5, "outside HTML tags"),
])
def test_citation_like_text_that_is_no_citation_stops_at_its_line(text, line, says):
    with pytest.raises(ContentError) as error:
        render("Title: x\n\n" + text + "\n")
    assert str(error.value).startswith(f"content/articles/x.md:{line}: ")
    assert says in str(error.value)


@pytest.mark.parametrize("text", [
    "Code `[@kemeny1999]` and `@kemeny1999` are samples.",
    "An escaped \\[@kemeny1999] is written on purpose.",
    "```\n[@kemeny1999]\n```",
    "<pre>[@kemeny1999]</pre>",
    "Mail [info@example.org] or write to someone@kemeny1999.org.",
    "A [note] in brackets and [see @someone](https://example.org) as a link.",
])
def test_samples_addresses_and_plain_brackets_are_allowed(text):
    html, document = render("Title: x\n\n" + text + "\n")
    assert document.numbers == {}


def test_a_leftover_is_found_past_a_code_sample_showing_it():
    with pytest.raises(ContentError) as error:
        render("Title: x\n\n```\nA [kemeny1999] sample.\n```\n\nA [kemeny1999] mistake.\n")
    assert str(error.value).startswith("content/articles/x.md:7: ")
