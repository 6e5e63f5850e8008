"""`make booklet`: the whole guide as one PDF, read back with pypdf.

What a clinic hands out must hold every article and the references, send a reader to the right
page from the contents and from every cross reference, work with a screen reader (tag tree,
language, title, alt text), and be the same bytes every time it is built from the same sources.
"""
from __future__ import annotations

import datetime
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, IndirectObject

from tests.helpers import ROOT, build

PDF_NAME = "liver-metastases-guide.pdf"
SITENAME = "Liver Metastases: A Treatment Guide"
MAX_BYTES = 2_000_000
# PDF points (1/72 inch), upright.
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
# Parts printed before and after the articles (bookletconf.py).
BEFORE = ["Medical information notice"]
AFTER = ["Questions to ask your care team", "Compare treatments", "Glossary", "References", "About this guide"]


# ---- Building and reading ----------------------------------------------------------------------

def build_booklet(folder: Path, extra: list[str] | None = None, env: dict[str, str] | None = None) -> Path:
    """Build with bookletconf.py as `make booklet` does (liverguide.build, warnings fatal); the PDF."""
    site = folder / "site"
    build(site, settings="bookletconf.py", extra=extra, env=env)
    assert not (site / "booklet").exists(), "the intermediate HTML document was left in the output"
    return site / PDF_NAME


class Booklet:
    """A built booklet, read once: its pages' text and its tag tree."""

    def __init__(self, path: Path):
        self.path = path
        self.reader = PdfReader(path)
        self.texts = [page.extract_text() for page in self.reader.pages]
        self.flat = [" ".join(text.split()) for text in self.texts]

    def text(self) -> str:
        return " ".join(self.flat)

    def contents(self) -> list[tuple[str, int]]:
        """(title, page number) for each line of the contents page."""
        page = next(text for text in self.texts if text.lstrip().startswith("Contents"))
        entries = []
        for line in page.splitlines():
            found = re.match(r"^\s*(.+?)\s*(?:\.\s*){3,}(\d+)\s*$", line)
            if found:
                entries.append((found[1].strip(), int(found[2])))
        return entries

    def headings(self, points: float = 19) -> list[str]:
        """Per page, the text set at `points` or larger (the parts' titles are 20 pt, the
        cover's 30 pt, the rest at most 14 pt), in the order it is drawn."""
        found = []
        for page in self.reader.pages:
            pieces = []

            def visit(text, cm, tm, font, size, pieces=pieces):
                if size * abs(cm[3] * tm[3]) >= points:
                    pieces.append(text)

            page.extract_text(visitor_text=visit)
            found.append(squeeze(" ".join(pieces)))
        return found

    def struct_elements(self) -> list[DictionaryObject]:
        """Every element of the tag tree, in document order."""
        root = self.reader.trailer["/Root"]["/StructTreeRoot"].get_object()
        found = []

        def walk(node):
            node = node.get_object() if isinstance(node, IndirectObject) else node
            if not isinstance(node, DictionaryObject):
                return  # a marked-content id: the leaves of the tree
            if node.get("/Type") == "/StructElem":
                found.append(node)
            kids = node.get("/K")
            kids = kids.get_object() if isinstance(kids, IndirectObject) else kids
            for kid in (kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []):
                walk(kid)

        walk(root)
        return found

    def page_of(self, element: DictionaryObject) -> int:
        """1-based number of the page an element of the tag tree is on."""
        return self.reader.get_page_number(element["/Pg"].get_object()) + 1


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def booklet_pdf(tmp_path_factory) -> Path:
    return build_booklet(tmp_path_factory.mktemp("booklet"))


@pytest.fixture(scope="session")
def booklet(booklet_pdf) -> Booklet:
    return Booklet(booklet_pdf)


@pytest.fixture(scope="session")
def letter_booklet(tmp_path_factory) -> Booklet:
    """US Letter, with a clinic's details filled in."""
    folder = tmp_path_factory.mktemp("booklet-letter")
    clinic = folder / "clinic.ini"
    clinic.write_text("[clinic]\nname = Riverside Liver Clinic\nphone = +44 20 7946 0000\n"
                      "address = 1 River Road, London\nwebsite = https://www.example.org/liver\n", encoding="utf-8")
    return Booklet(build_booklet(folder, extra=["-e", "BOOKLET_PAPER=letter"], env={"CLINIC_FILE": str(clinic)}))


def article_sources() -> list[dict[str, str]]:
    """Each article's metadata, read from its Markdown file, in reading order."""
    found = []
    for path in sorted((ROOT / "content" / "articles").glob("*.md")):
        head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        found.append({key.strip().lower(): value.strip() for key, _, value in
                      (line.partition(":") for line in head.splitlines())})
    return sorted(found, key=lambda meta: int(meta["order"]))


def start_pages(booklet: Booklet) -> dict[str, int]:
    return dict(booklet.contents())


# ---- What is in it -----------------------------------------------------------------------------

def test_every_article_title_and_the_references_heading_are_in_it(booklet):
    text = booklet.text()
    for meta in article_sources():
        assert squeeze(meta["title"]) in text, meta["title"]
    assert "References" in booklet.headings()


def test_contents_lists_every_part_in_reading_order(booklet):
    titles = [title for title, _ in booklet.contents()]
    assert titles == BEFORE + [meta["title"] for meta in article_sources()] + AFTER
    numbers = [number for _, number in booklet.contents()]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_contents_page_numbers_match_the_pages_the_headings_are_on(booklet):
    tagged = {booklet.page_of(e) for e in booklet.struct_elements() if e["/S"] == "/H1"}
    headings = booklet.headings()
    for title, number in booklet.contents():
        assert number in tagged, f"{title}: no heading in the tag tree on page {number}"
        on = [page for page, text in enumerate(headings, start=1) if text == squeeze(title)]
        assert on == [number], f"{title}: contents say page {number}, its heading is on {on}"


def test_cross_references_print_the_page_they_lead_to(booklet):
    """'Cited in: HAI pump chemotherapy (page 18)' on the references page, and the like in the
    text: every '<title> (page N)' names the page that part starts on."""
    starts = start_pages(booklet)
    text = booklet.text()
    checked = 0
    for title, number in starts.items():
        for found in re.finditer(re.escape(squeeze(title)) + r" \(page (\d+)\)", text):
            assert int(found[1]) == number, f"{title}: printed as page {found[1]}, starts on {number}"
            checked += 1
    assert checked >= 20
    assert "(page 0)" not in text and "(page )" not in text


def test_each_article_has_its_review_dates_and_its_own_reference_list(booklet):
    starts = sorted(start_pages(booklet).items(), key=lambda item: item[1])
    ends = {title: next_start for (title, _), (_, next_start) in zip(starts, starts[1:])}
    for meta in article_sources():
        first = start_pages(booklet)[meta["title"]]
        part = " ".join(booklet.flat[first - 1:ends[meta["title"]] - 1])
        lines = {line.strip() for text in booklet.texts[first - 1:ends[meta["title"]] - 1] for line in text.splitlines()}
        reviewed = datetime.date.fromisoformat(meta["last_reviewed"])
        due = datetime.date.fromisoformat(meta["next_review"])
        assert (f"Last reviewed {reviewed.day} {reviewed:%B %Y} · Next review due {due.day} {due:%B %Y}"
                in part), meta["title"]
        assert "References" in lines, f"{meta['title']}: no reference list"


def test_citations_are_numbers_not_keys(booklet):
    text = booklet.text()
    keys = re.findall(r"@\w+\{([\w-]+),", (ROOT / "content" / "references.bib").read_text(encoding="utf-8"))
    assert keys
    leaked = [key for key in keys if f"@{key}" in text]
    assert not leaked, leaked


def test_web_addresses_and_dois_are_printed_in_full(booklet, pages):
    """Paper has no links: every DOI and web address the site's references page links is
    printed whole (lines may wrap inside one, so spaces are ignored)."""
    text = re.sub(r"\s+", "", booklet.text())
    reference_index = pages["references.html"]
    identifiers = [link.text_content() for link in reference_index.xpath("//span[@class='reference']//a")]
    dois = [value for value in identifiers if value.startswith("10.")]
    assert dois, "the references page links no DOI any more: this test checks nothing"
    for value in identifiers:
        assert re.sub(r"\s+", "", value) in text, value
    for doi in dois:
        assert "doi:" + doi in text, doi


def test_cover_has_title_review_dates_and_the_neutral_care_team_box(booklet):
    cover = booklet.flat[0]
    assert cover.startswith(SITENAME)
    metas = article_sources()
    newest = max(datetime.date.fromisoformat(m["last_reviewed"]) for m in metas)
    assert f"Last reviewed {newest.day} {newest:%B %Y}" in cover
    assert "Contact your care team" in cover and "Phone:" not in cover  # clinic.ini is empty


def test_cover_shows_the_clinics_details_from_clinic_ini(letter_booklet):
    cover = letter_booklet.flat[0]
    for detail in ("Contact your care team at Riverside Liver Clinic", "+44 20 7946 0000",
                   "1 River Road, London", "https://www.example.org/liver"):
        assert detail in cover, detail


def test_footer_has_the_page_number_and_the_guides_title_after_the_cover(booklet):
    total = len(booklet.reader.pages)
    assert SITENAME not in booklet.flat[0][len(SITENAME):], "the cover has a footer"
    for number, text in enumerate(booklet.flat[1:], start=2):
        assert f"Page {number} of {total}" in text, f"page {number}"
        assert SITENAME in text, f"page {number}"


# ---- Paper ---------------------------------------------------------------------------------

def page_sizes(booklet: Booklet) -> set[tuple[float, float]]:
    return {tuple(sorted(round(float(v), 2) for v in page.mediabox.upper_right)) for page in booklet.reader.pages}


def test_a4_by_default(booklet):
    assert page_sizes(booklet) == {A4}
    # The comparison page (its table and its references) is printed across the paper, every
    # other page upright.
    wide = [n for n, page in enumerate(booklet.reader.pages, 1) if page.mediabox.width > page.mediabox.height]
    starts = booklet.contents()
    index = next(i for i, (title, _) in enumerate(starts) if title == "Compare treatments")
    assert wide == list(range(starts[index][1], starts[index + 1][1])), (wide, starts[index:index + 2])


def test_us_letter_by_a_setting(letter_booklet):
    assert page_sizes(letter_booklet) == {LETTER}


def test_a_paper_size_it_does_not_know_stops_the_build(tmp_path):
    proc = build(tmp_path / "site", settings="bookletconf.py", extra=["-e", "BOOKLET_PAPER=a5"], check=False)
    assert proc.returncode == 1
    assert re.search(r"^bookletconf\.py:\d+: BOOKLET_PAPER 'a5' is not a paper size", proc.stdout, re.M), proc.stdout


def test_a_page_the_settings_name_but_no_page_has_stops_the_build(tmp_path):
    proc = build(tmp_path / "site", settings="bookletconf.py", extra=["-e", 'BOOKLET_PAGES_AFTER=["glosary"]'],
                 check=False)
    assert proc.returncode == 1
    assert re.search(r"^bookletconf\.py:\d+: BOOKLET_PAGES_AFTER names 'glosary'", proc.stdout, re.M), proc.stdout


# ---- Accessible ----------------------------------------------------------------------------

def test_tag_tree_with_language_title_and_headings_in_reading_order(booklet):
    catalog = booklet.reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert booklet.reader.metadata.title == SITENAME
    assert booklet.reader.xmp_metadata.dc_title["x-default"] == SITENAME
    elements = booklet.struct_elements()
    kinds = {str(e["/S"]) for e in elements}
    assert {"/Document", "/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure", "/Link"} <= kinds
    # Headings come in the order of the pages they are on.
    h1_pages = [booklet.page_of(e) for e in elements if e["/S"] == "/H1"]
    assert h1_pages == sorted(h1_pages)
    assert len(h1_pages) == 2 + len(booklet.contents())  # the cover's title, "Contents", each part


def test_every_diagram_is_a_figure_with_the_sites_alt_text(booklet, pages):
    figures = [e for e in booklet.struct_elements() if e["/S"] == "/Figure"]
    site_alts = {img.get("alt") for root in pages.values() for img in root.xpath("//figure[@class='diagram']/img")}
    assert site_alts and {str(f.get("/Alt", "")) for f in figures} == site_alts
    assert all(str(f.get("/Alt", "")).strip() for f in figures)


def test_diagrams_are_vectors(booklet):
    """No picture in the PDF is made of pixels: the SVG drawings are drawn as paths and text."""
    def images(resources) -> int:
        xobjects = resources.get("/XObject", {}) if resources else {}
        count = 0
        for ref in xobjects.values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                count += 1
            elif xobject.get("/Subtype") == "/Form":
                count += images(xobject.get("/Resources"))
        return count

    assert sum(images(page.get("/Resources")) for page in booklet.reader.pages) == 0
    assert len([e for e in booklet.struct_elements() if e["/S"] == "/Figure"]) >= 4


# ---- Reproducible, small, no network ---------------------------------------------------------

def test_two_builds_are_byte_identical(booklet_pdf, tmp_path):
    """`python -m liverguide.booklet` (what `make booklet` runs), in a process of its own, gives the same bytes."""
    again = tmp_path / PDF_NAME
    proc = subprocess.run([sys.executable, "-m", "liverguide.booklet", "--output", str(again)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert again.read_bytes() == booklet_pdf.read_bytes()


def test_dates_come_from_the_content_not_the_clock(booklet):
    newest = max(datetime.date.fromisoformat(m["modified"]) for m in article_sources())
    for name in ("/CreationDate", "/ModDate"):
        assert booklet.reader.metadata[name].startswith(f"D:{newest:%Y%m%d}000000"), name
    trailer_id = booklet.reader.trailer["/ID"]
    assert trailer_id[0] and trailer_id[0] == trailer_id[1]


def test_source_date_epoch_wins_over_the_content():
    from liverguide.booklet.dates import source_date

    modified = [datetime.date(2026, 11, 23), datetime.date(2026, 1, 2)]
    assert source_date(modified, {}) == datetime.datetime(2026, 11, 23, tzinfo=datetime.timezone.utc)
    assert source_date(modified, {"SOURCE_DATE_EPOCH": "1700000000"}) == \
        datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.timezone.utc)
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        source_date(modified, {"SOURCE_DATE_EPOCH": "yesterday"})


def test_booklet_is_at_most_2_mb(booklet_pdf):
    size = booklet_pdf.stat().st_size
    print(f"\nbooklet {booklet_pdf.name}: {size} bytes ({size / 1024:.0f} KiB)")
    assert size <= MAX_BYTES


@pytest.mark.parametrize("html", [
    '<link rel="stylesheet" href="https://example.org/style.css">',
    '<img alt="x" src="http://127.0.0.1:9/picture.png">',
    '<img alt="x" src="no-such-drawing.svg">',
], ids=["remote-stylesheet", "remote-image", "missing-file"])
def test_nothing_is_fetched_but_local_files_and_a_missing_one_stops_it(html, tmp_path):
    from weasyprint.urls import FatalURLFetchingError

    from liverguide.booklet.render import write_pdf

    document = f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{html}<p>text</p></body></html>'
    with pytest.raises(FatalURLFetchingError):
        write_pdf(document, tmp_path / "guide.html", tmp_path / "out.pdf", "a4",
                  datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))


# ---- The HTML assembly -----------------------------------------------------------------------

def test_assembly_makes_ids_unique_and_links_internal():
    from liverguide.booklet.assemble import assemble

    part = ('<section class="part" id="part-{slug}" data-slug="{slug}" data-url="{url}" data-modified="2026-01-0{n}"'
            ' aria-labelledby="part-{slug}-title"><h1 id="part-{slug}-title">T</h1>'
            '<p>See <a href="#ref-1">1</a>, <a href="../b.html#sec">b</a>, <a href="../glossary.html#term-x" '
            'class="glossary-term">x</a>, <a href="../about.html">about</a>, <a href="https://example.org/">web</a>.</p>'
            '<h2 id="sec">S</h2><li id="ref-1">r</li>{extra}</section>')
    html = ("<!DOCTYPE html><html><body>"
            + part.format(slug="a", url="a.html", n=1, extra='<div data-links-from="a.html"><a href="b.html">b</a></div>')
            + part.format(slug="b", url="b.html", n=2, extra="")
            + part.format(slug="glossary", url="glossary.html", n=3, extra='<dt id="term-x">x</dt>')
            + "</body></html>")
    out, parts = assemble(html, "booklet/guide.html")
    root = lxml.html.document_fromstring(out)
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    a = root.get_element_by_id("part-a")
    hrefs = [link.get("href") for link in a.iter("a")]
    assert hrefs == ["#part-a--ref-1", "#part-b--sec", "#part-glossary--term-x", "https://example.org/", "#part-b"]
    assert a.get("aria-labelledby") == "part-a--part-a-title"
    # Only links to another part get their page printed; the glossary's terms do not.
    assert [link.get("class") for link in a.iter("a")] == [None, "booklet-xref", "glossary-term", None, "booklet-xref"]
    # A page the booklet does not hold: the words stay, the link goes.
    assert "about" in a.text_content() and not a.xpath(".//a[contains(@href, 'about')]")
    assert [p.slug for p in parts] == ["a", "b", "glossary"]
    assert max(p.modified for p in parts) == datetime.date(2026, 1, 3)


# ---- Inside the offline bundle -------------------------------------------------------------

def test_offline_bundle_holds_the_booklet_linked_from_its_home_page(offline_site, booklet_pdf):
    home = lxml.html.parse(str(offline_site / "index.html")).getroot()
    links = [a.get("href") for a in home.iter("a") if (a.get("href") or "").endswith(".pdf")]
    assert links == [f"./{PDF_NAME}"], links
    assert (offline_site / PDF_NAME).read_bytes() == booklet_pdf.read_bytes()
    assert not (offline_site / "booklet").exists()


def test_editors_build_has_no_booklet_link(pages):
    assert not [a for a in pages["index.html"].iter("a") if (a.get("href") or "").endswith(".pdf")]
