"""Citations on the built site: markers, numbering, reference lists, back-links, the
site-wide References page, errors that stop the build, and the content cache."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from liverguide.sources import bibliography
from liverguide.syntax import citations as syntax
from tests.helpers import ENDING, ROOT, build

CONTENT = ROOT / "content"


def citing_pages(pages):
    return {name: root for name, root in pages.items() if root.find_class("citation")}


def test_pages_cite(pages):
    assert len(citing_pages(pages)) >= 12


def test_every_marker_links_to_an_entry_on_its_page(pages):
    for name, root in citing_pages(pages).items():
        entries = {li.get("id") for li in root.xpath("//ol[@class='reference-list']/li")}
        for sup in root.find_class("citation"):
            links = sup.xpath("./a")
            assert links, f"{name}: a citation without a link"
            for link in links:
                assert link.get("href")[1:] in entries, f"{name}: {link.get('href')} has no entry"


def test_numbers_follow_first_appearance(pages):
    for name, root in citing_pages(pages).items():
        spots = [e.get("id") for e in root.iter() if (e.get("id") or "").startswith("cite-")]
        first = list(dict.fromkeys(int(spot.split("-")[1]) for spot in spots))
        assert first == list(range(1, len(first) + 1)), f"{name}: numbers in order of first appearance {first}"
        assert len(root.xpath("//ol[@class='reference-list']/li")) == len(first), name


def test_every_entry_links_back_to_each_citing_spot(pages):
    for name, root in citing_pages(pages).items():
        spots = [e.get("id") for e in root.iter() if (e.get("id") or "").startswith("cite-")]
        for li in root.xpath("//ol[@class='reference-list']/li"):
            number = li.get("id").split("-")[1]
            backs = [a.get("href")[1:] for a in li.find_class("backlinks")[0].iter("a")]
            assert backs == [s for s in spots if s.split("-")[1] == number], f"{name}: ref {number}"
            for a in li.find_class("backlinks")[0].iter("a"):
                assert re.fullmatch(r"Back to citation \d+[a-z]+", a.get("aria-label")), a.get("aria-label")


def test_ids_are_unique_on_every_page(pages):
    for name, root in pages.items():
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), f"{name}: repeated ids {sorted({i for i in ids if ids.count(i) > 1})}"


def cited_keys_in_sources() -> dict[str, set[str]]:
    found = {}
    for path in sorted(CONTENT.rglob("*.md")):
        for piece in syntax.split(path.read_text(encoding="utf-8")):
            if not isinstance(piece, str):
                for cite in piece[1]:
                    found.setdefault(cite.key, set()).add(path)
    return found


def test_site_wide_list_is_exactly_the_cited_keys(pages, site):
    listing = pages["references.html"]
    entries = listing.xpath("//ul[@class='reference-index']/li")
    assert {li.get("id").removeprefix("source-") for li in entries} == set(cited_keys_in_sources())
    for li in entries:
        for a in li.find_class("cited-in")[0].iter("a"):
            target = site / a.get("href")
            assert target.is_file(), a.get("href")
            key = li.get("id").removeprefix("source-")
            text = li.find_class("reference")[0].text_content()
            cited = lxml.html.parse(str(target)).getroot()
            assert any(e.text_content() == text for e in cited.find_class("reference")), f"{target} does not list {key}"


def test_site_wide_list_is_sorted_by_first_author(pages):
    """By the first author's family name; a web page with no author by the website's name."""
    references = bibliography.load(CONTENT / "references.bib")
    keys = [li.get("id").removeprefix("source-")
            for li in pages["references.html"].xpath("//ul[@class='reference-index']/li")]
    names = [references[k].authors[0].family if references[k].authors else references[k].container for k in keys]
    assert names == sorted(names, key=str.casefold)
    for key in keys:  # and the name leads the entry as shown
        text = pages["references.html"].get_element_by_id("source-" + key).text_content()
        assert references[key].authors == () or text.startswith(references[key].authors[0].family)


def test_references_page_is_linked_from_the_footer(pages):
    assert "./references.html" in {a.get("href") for a in pages["index.html"].xpath("//footer//a")}
    # about.md links it by its file ({filename}), which Pelican writes as ./references.html
    assert "./references.html" in {a.get("href") for a in pages["about.html"].xpath("//main//a")}


def test_preview_shows_the_full_reference_without_script(pages):
    root = pages["treatments/hai-pump.html"]
    sup = root.find_class("citation")[0]
    preview = sup.find_class("citation-preview")[0]
    number = sup.xpath("./a")[0].text
    entry = root.get_element_by_id(f"ref-{number}").find_class("reference")[0].text_content()
    assert preview.text_content() == f"{number}. {entry}"
    assert sup.xpath("./a")[0].get("aria-describedby") == preview.get("id")
    assert not root.xpath("//script[not(@src)]") and not root.xpath("//*[@style]")


# --- bad input stops the build ------------------------------------------------------------

# A real article's metadata, so only the citation or the .bib can be wrong.
HEADER = (CONTENT / "articles" / "07-hai-pump.md").read_text().split("\n\n")[0].replace("Slug: hai-pump", "Slug: t")
ARTICLE = HEADER + "\n\nFirst.\n\n{body}\n" + ENDING  # and what every article needs
BODY_LINE = HEADER.count("\n") + 5


def small_site(tmp_path: Path, body: str = "A claim [@kemeny1999].", bib: str | None = None) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    shutil.copy(CONTENT / "pages" / "references.md", content / "pages")
    (content / "references.bib").write_text(bib if bib is not None else (CONTENT / "references.bib").read_text())
    (content / "articles" / "t.md").write_text(ARTICLE.format(body=body))
    return content


BIB = (CONTENT / "references.bib").read_text()


def line_in(text: str, needle: str, occurrence: int = 1) -> int:
    position = -1
    for _ in range(occurrence):
        position = text.index(needle, position + 1)
    return text.count("\n", 0, position) + 1


DUPLICATE = BIB + "\n@article{kemeny1999,\n title={x}}\n"
BROKEN = BIB + "\n@article{broken,\n title = {x\n"
NO_JOURNAL = BIB.replace("  journal = {N Engl J Med},\n  year    = {1999},", "  year    = {1999},")
BAD_DOI = BIB.replace("doi     = {10.1200/JCO.2005.03.8166}", "doi     = {JCO.2005.03.8166}")
BAD_PMID = BIB.replace("pmid    = {10615075}", "pmid    = {0615075x}")
BAD_PMCID = BIB.replace("pmcid   = {PMC2731015}", "pmcid   = {2731015}")


@pytest.mark.parametrize("body, bib, message", [
    ("A [@kemeny1998].", None, f"articles/t.md:{BODY_LINE}: unknown citation key 'kemeny1998' (did you mean 'kemeny1999'?)"),
    ("A [see @kemeny1999].", None, f"articles/t.md:{BODY_LINE}: malformed citation '[see @kemeny1999]'"),
    ("A [@kemeny1999].", DUPLICATE,
     f"references.bib:{line_in(DUPLICATE, '@article{kemeny1999,', 2)}: duplicate citation key 'kemeny1999'"),
    ("A [@kemeny1999].", BROKEN, "references.bib:"),  # pybtex reports where the file ran out
    ("A [@kemeny1999].", NO_JOURNAL, f"references.bib:{line_in(NO_JOURNAL, '@article{kemeny1999,')}: entry 'kemeny1999' has no journal"),
    ("A [@kemeny1999].", BAD_DOI, f"references.bib:{line_in(BAD_DOI, '{JCO.2005')}: entry 'kemeny2006' has a malformed DOI"),
    ("A [@kemeny1999].", BAD_PMID, f"references.bib:{line_in(BAD_PMID, '{0615075x}')}: entry 'kemeny1999' has a malformed PMID"),
    ("A [@kemeny1999].", BAD_PMCID, f"references.bib:{line_in(BAD_PMCID, '{2731015}')}: entry 'jarnagin2009' has a malformed PMCID"),
])
def test_bad_input_stops_the_build(tmp_path, body, bib, message):
    proc = build(tmp_path / "out", content=small_site(tmp_path, body, bib), check=False)
    assert proc.returncode != 0
    # Pelican's console wraps long lines; compare without the wrapping.
    output = "".join((proc.stdout + proc.stderr).split())
    assert "".join(message.split()) in output, proc.stdout + proc.stderr
    if bib is BROKEN:
        assert "malformedBibTeX" in output


def test_unused_entries_are_noted_without_failing(tmp_path):
    proc = build(tmp_path / "out", content=small_site(tmp_path))
    assert re.search(r"note: .*references\.bib:\d+: 'tomlinson2007' is not cited anywhere", proc.stderr)
    assert "'kemeny1999' is not cited" not in proc.stderr


# --- content cache -------------------------------------------------------------------------

def test_editing_the_bibliography_shows_with_the_content_cache_on(tmp_path):
    content = small_site(tmp_path)
    cache = ["-e", "CACHE_CONTENT=true", "-e", "LOAD_CONTENT_CACHE=true", "-e", f'CACHE_PATH="{tmp_path / "cache"}"']
    page = tmp_path / "out" / "treatments" / "t.html"
    build(tmp_path / "out", content=content, extra=cache)
    assert "Hepatic arterial infusion of chemotherapy after resection" in page.read_text()
    assert any(p.name.endswith("-Readers") for p in (tmp_path / "cache").iterdir()), "the cache was not written"

    bib = content / "references.bib"
    bib.write_text(bib.read_text().replace("Hepatic arterial infusion of chemotherapy after resection",
                                           "Edited title after resection"))
    build(tmp_path / "out", content=content, extra=cache)
    assert "Edited title after resection" in page.read_text()

    bib.write_text(bib.read_text().replace("@article{kemeny1999,", "@article{kemeny1999x,"))
    proc = build(tmp_path / "out", content=content, extra=cache, check=False)
    assert proc.returncode != 0 and "unknown citation key 'kemeny1999'" in proc.stdout + proc.stderr
