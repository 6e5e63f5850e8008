"""liverguide.sources.bibliography and .ama: the .bib loader and the AMA formatter, without
building the site."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from liverguide.errors import ContentError
from liverguide.sources import ama, bibliography
from tests.helpers import ROOT

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
