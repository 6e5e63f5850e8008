"""The citations plugin's parts on their own: the .bib loader, the AMA formatter and the
inline syntax, without building the site."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import lxml.html
import markdown
import pytest
from hypothesis import given, settings, strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from citations import ama, bibliography, syntax  # noqa: E402
from content_errors import ContentError  # noqa: E402

BIB = bibliography.load(ROOT / "content" / "references.bib")


# --- AMA formatter: golden entries ---------------------------------------------------------

GOLDEN = {
    # more than six authors: the first three and "et al"
    "tomlinson2007": "Tomlinson JS, Jarnagin WR, DeMatteo RP, et al. Actual 10-year survival after resection of "
                     "colorectal liver metastases defines cure. <i>J Clin Oncol</i>. 2007;25(29):4575-4580. "
                     'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/17925551/">17925551</a>',
    "jarnagin2009": "Jarnagin WR, Schwartz LH, Gultekin DH, et al. Regional chemotherapy for unresectable primary "
                    "liver cancer: results of a phase II clinical trial and assessment of DCE-MRI as a biomarker of "
                    "survival. <i>Ann Oncol</i>. 2009;20(9):1589-1595. "
                    'doi:<a href="https://doi.org/10.1093/annonc/mdp029">10.1093/annonc/mdp029</a>. '
                    'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/19491285/">19491285</a>. '
                    'PMCID: <a href="https://pmc.ncbi.nlm.nih.gov/articles/PMC2731015/">PMC2731015</a>',
    "power2008": "Power DG, Healey-Bird BR, Kemeny NE. Regional chemotherapy for liver-limited metastatic "
                 "colorectal cancer. <i>Clin Colorectal Cancer</i>. 2008;7(4):247-259.",
    "santos2019": "Santos CER, Correia MM. Surgical treatment of colorectal cancer liver metastases (CRLM) - "
                  "historical aspects. In: <i>Colorectal Cancer Liver Metastases</i>. 2019:1-6. "
                  'doi:<a href="https://doi.org/10.1007/978-3-030-25486-5_1">10.1007/978-3-030-25486-5_1</a>',
    "msk-chemotherapy": "Chemotherapy &amp; Targeted Therapy. Memorial Sloan Kettering Cancer Center.",
}


def test_a_paper_known_by_its_title_starts_with_it_and_a_web_page_ends_with_its_address(tmp_path):
    path = tmp_path / "x.bib"
    path.write_text("@article{t,\n  title = {Encorafenib in BRAF cancer},\n  journal = {N Engl J Med},\n  year = {2019},\n"
                    "  volume = {381},\n  pages = {1632-1643},\n}\n"
                    "@online{w,\n  title = {Sepsis},\n  organization = {Macmillan Cancer Support},\n"
                    "  url = {https://www.example.org/sepsis?a=1&b=2},\n}\n"
                    "@online{d,\n  title = {Sepsis},\n  organization = {Macmillan Cancer Support},\n"
                    "  url = {https://www.example.org/s},\n  urldate = {2026-11-30},\n}\n")
    found = bibliography.load(path)
    assert ama.format_html(found["t"]) == "Encorafenib in BRAF cancer. <i>N Engl J Med</i>. 2019;381:1632-1643."
    assert ama.format_html(found["w"]) == ('Sepsis. Macmillan Cancer Support. <a href="https://www.example.org/sepsis?a=1&amp;b=2">'
                                           "https://www.example.org/sepsis?a=1&amp;b=2</a>")
    assert ama.format_html(found["w"], links=False) == "Sepsis. Macmillan Cancer Support. https://www.example.org/sepsis?a=1&amp;b=2"
    assert ama.format_html(found["d"], links=False) == ("Sepsis. Macmillan Cancer Support. Accessed November 30, 2026. "
                                                        "https://www.example.org/s")


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_ama_golden(key):
    assert ama.format_html(BIB[key]) == GOLDEN[key]


def test_six_authors_are_all_listed_and_seven_are_cut_to_three():
    people = tuple(bibliography.Author(f"Name{i}", ("A.", "B.")) for i in range(7))
    six = bibliography.Reference("k", "article", 1, "T", people[:6], container="J", year="2000")
    seven = bibliography.Reference("k", "article", 1, "T", people, container="J", year="2000")
    assert ama.author_list(six) == ", ".join(f"Name{i} AB" for i in range(6))
    assert ama.author_list(seven) == "Name0 AB, Name1 AB, Name2 AB, et al"


@pytest.mark.parametrize("given_names, expected", [(("N.", "E."), "Kemeny NE"), (("Jean-Pierre",), "Kemeny J-P"),
                                                   (("C. E. R.",), "Kemeny CER"), ((), "Kemeny")])
def test_author_initials(given_names, expected):
    assert ama.author_name(bibliography.Author("Kemeny", given_names)) == expected


@pytest.mark.parametrize("pages, expected", [("2039–48", "2039-2048"), ("734-5", "734-735"), ("1-6", "1-6"),
                                             ("150–172", "150-172"), ("e123", "e123")])
def test_page_ranges_are_given_in_full(pages, expected):
    assert ama.page_range(pages) == expected


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abXZ09 \t\n.,:;()/?!+=*\"'<>@|[]-&#^_é–ü\u00a0\\{}$%~`")), max_size=24))
def test_field_text_reads_as_latex_decoding_gives_it(latex):
    """plain() skips LaTeX decoding for text with nothing LaTeX treats specially."""
    from pybtex.richtext import Text
    try:
        decoded = " ".join(str(Text.from_latex(latex)).split())
    except Exception:  # unbalanced braces and the like: pybtex's own error, either way
        with pytest.raises(Exception):
            bibliography.plain(latex)
        return
    assert bibliography.plain(latex) == decoded


def test_bib_entries_keep_their_lines():
    text = (ROOT / "content" / "references.bib").read_text()
    for key, reference in BIB.items():
        assert re.match(rf"@\w+\{{{re.escape(key)},", text.splitlines()[reference.line - 1]), key


# --- .bib errors ---------------------------------------------------------------------------

GOOD = "@article{a,\n  author = {Doe, J.},\n  title = {T},\n  journal = {J},\n  year = {2000},\n}\n"


@pytest.mark.parametrize("text, message", [
    (GOOD + GOOD, r"x\.bib:7: duplicate citation key 'a' \(first defined on line 1\)"),
    (GOOD + "@article{b,\n  title = {T\n", r"x\.bib:\d+: malformed BibTeX"),
    (GOOD.replace("  journal = {J},\n", ""), r"x\.bib:1: entry 'a' has no journal"),
    (GOOD.replace("@article", "@incollection").replace("journal", "booktitle").replace("  author = {Doe, J.},\n", ""),
     r"x\.bib:1: entry 'a' has no author"),
    (GOOD.replace("  title = {T},\n", ""), r"x\.bib:1: entry 'a' has no title"),
    (GOOD.replace("  year = {2000},\n", ""), r"x\.bib:1: entry 'a' has no year"),
    (GOOD.replace("year = {2000},", "year = {2000},\n  doi = {10.12/x},"), r"x\.bib:6: entry 'a' has a malformed DOI '10.12/x'"),
    (GOOD.replace("year = {2000},", "year = {2000},\n  doi = {doi:10.1200/x},"), r"x\.bib:6: entry 'a' has a malformed DOI 'doi:10.1200/x'"),
    (GOOD.replace("year = {2000},", "year = {2000},\n  pmid = {PMID 123},"), r"x\.bib:6: entry 'a' has a malformed PMID"),
    (GOOD.replace("year = {2000},", "year = {2000},\n  pmcid = {2731015},"), r"x\.bib:6: entry 'a' has a malformed PMCID"),
    (GOOD.replace("@article", "@misc"), r"x\.bib:1: entry 'a' has type @misc"),
    (GOOD.replace("year = {2000},", "year = {2000},\n  volumee = {3},"),
     r"x\.bib:6: entry 'a' has an unknown field 'volumee' \(did you mean 'volume'\?\)"),
    (GOOD.replace("year = {2000},", "year = {2000},\n  url = {www.example.org/x},"), r"x\.bib:6: entry 'a' has a malformed URL"),
    (GOOD.replace("year = {2000},", "year = {2000},\n  urldate = {30 Nov 2026},"), r"x\.bib:6: entry 'a' has a malformed urldate"),
])
def test_bad_bibliography_stops_with_file_and_line(tmp_path, text, message):
    path = tmp_path / "x.bib"
    path.write_text(text)
    with pytest.raises(ContentError) as error:
        bibliography.load(path)
    assert re.search(message, str(error.value)), str(error.value)



def test_a_cached_bibliography_is_kept_for_the_same_text_only(tmp_path, monkeypatch):
    """With a cache folder the checked entries are stored; the next build (a new process,
    so no lru_cache) reads them back instead of running pybtex, until the text changes."""
    parsed = []
    real = bibliography._parse.__wrapped__
    monkeypatch.setattr(bibliography, "_parse", lambda where, text: parsed.append(text) or real(where, text))
    path, cache = tmp_path / "x.bib", tmp_path / "cache"
    path.write_text(GOOD)

    def new_process_load():
        bibliography._stored.cache_clear()
        return bibliography.load(path, cache)

    first = new_process_load()
    assert list(first) == ["a"] and len(parsed) == 1
    assert new_process_load() == first and len(parsed) == 1  # from the stored pickle
    path.write_text(GOOD.replace("{T}", "{Another title}"))
    assert new_process_load()["a"].title == "Another title" and len(parsed) == 2
    path.write_text(GOOD.replace("  title = {T},\n", ""))
    with pytest.raises(ContentError, match="has no title"):  # a bad file is never served stale
        new_process_load()
    monkeypatch.setattr(bibliography, "CODE", b"edited parser")
    path.write_text(GOOD.replace("{T}", "{Another title}"))
    new_process_load()
    assert len(parsed) == 4  # an edited parser parses again


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
           extensions=("markdown.extensions.extra", "markdown.extensions.smarty")) -> tuple[str, syntax.Document]:
    document = syntax.Document(path, text, bib)
    token = syntax.current_document.set(document)
    try:
        html = markdown.markdown(text, extensions=[*extensions, syntax.CitationExtension()])
    finally:
        syntax.current_document.reset(token)
    return html, document


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


def test_site_list_is_what_the_serializer_writes_for_any_title_and_key():
    """lists.site_list writes its elements out as strings; they must be the serializer's own."""
    import dataclasses
    import xml.etree.ElementTree as etree
    from types import SimpleNamespace

    from markdown.serializers import to_html_string

    from citations import lists

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
        expected.append(f"{start}{lists.entry_html(reference)} {to_html_string(cited)}</li>")
    assert lists.site_list(references, citing, "care/references.html") == \
        f'<ul class="reference-index">{"".join(expected)}</ul>'
