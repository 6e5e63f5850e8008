"""The site's diagrams: every drawing in content/diagrams/ is small, self-contained and drawn in
the site's palette; articles place each one in a figure with a caption and a text alternative;
the built pages show them (also opened from disk) and pass axe; editors' mistakes in the
`::: diagram` block stop the build with one line naming file and line."""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.helpers import ROOT
from tests.helpers import BODY, GOOD, S, article, run, write

DIAGRAMS = ROOT / "content" / "diagrams"
SVGS = sorted(DIAGRAMS.glob("*.svg"))
SIZE_BUDGET = 15 * 1024
SVG = "{http://www.w3.org/2000/svg}"
OPENING = re.compile(r"^:::[ \t]*diagram[ \t]+(\S+)", re.M)
# Drawing elements only: anything that could run code, load a file or style the page is out.
ALLOWED_ELEMENTS = {"svg", "title", "desc", "defs", "g", "path", "rect", "circle", "ellipse", "line",
                    "polyline", "polygon", "text", "tspan", "marker", "pattern", "use"}
COLOUR_ATTRIBUTES = ("fill", "stroke")
NEUTRAL = {"none", "#ffffff", "currentcolor"}


def palette() -> set[str]:
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    root_block = re.search(r":root\s*\{(.*?)\}", css, re.S).group(1)
    return {colour.lower() for colour in re.findall(r"#[0-9a-fA-F]{6}\b", root_block)}


def placements() -> dict[str, list[str]]:
    """Diagram file name -> the articles whose Markdown places it."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "content" / "articles").glob("*.md")):
        for name in OPENING.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, []).append(path.name)
    return found


def diagram_figures(pages):
    """(page name, figure element) for every diagram figure in the built site."""
    return [(name, figure) for name, root in pages.items() for figure in root.iterfind(".//figure[@class='diagram']")]


def test_there_are_diagrams():
    assert len(SVGS) >= 4, [p.name for p in SVGS]


@pytest.mark.parametrize("svg", SVGS, ids=lambda p: p.name)
def test_diagram_is_small_and_self_contained(svg):
    assert svg.stat().st_size < SIZE_BUDGET, f"{svg.name}: {svg.stat().st_size} bytes, budget {SIZE_BUDGET}"
    root = etree.parse(svg).getroot()
    assert root.tag == f"{SVG}svg" and root.get("viewBox"), f"{svg.name}: not an SVG with a viewBox"
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        assert tag in ALLOWED_ELEMENTS, f"{svg.name}: <{tag}> is not allowed in a diagram"
        for name, value in element.attrib.items():
            name = name.split("}")[-1]
            assert name != "style" and not name.startswith("on"), f"{svg.name}: {name}= on <{tag}>"
            if name == "href":
                assert value.startswith("#"), f"{svg.name}: <{tag}> refers outside the file: {value}"
            for url in re.findall(r"url\(([^)]*)\)", value):
                assert url.startswith("#"), f"{svg.name}: url({url}) outside the file"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text.strip(), f"{svg.name}: no <title>"
    assert desc is not None and len(desc.text.split()) >= 10, f"{svg.name}: no real <desc>"


@pytest.mark.parametrize("svg", SVGS, ids=lambda p: p.name)
def test_diagram_uses_the_site_palette(svg):
    colours = palette() | NEUTRAL
    for element in etree.parse(svg).getroot().iter():
        for name in COLOUR_ATTRIBUTES:
            value = (element.get(name) or "").lower()
            if value and not value.startswith("url(#"):
                assert value in colours, f"{svg.name}: {name}={value!r} is not a colour of site.css"


@pytest.mark.parametrize("svg", SVGS, ids=lambda p: p.name)
def test_diagram_text_is_large_enough_for_a_narrow_screen(svg):
    """At 320 px the content column is 288 px wide; text must stay at least 13 px there."""
    root = etree.parse(svg).getroot()
    width = float(root.get("viewBox").split()[2])
    for text in root.iter(f"{SVG}text"):
        size = next(float(e.get("font-size")) for e in [text, *_ancestors(root, text)] if e.get("font-size"))
        assert size * 288 / width >= 13, f"{svg.name}: text {text.text!r} is {size} units in a {width}-wide drawing"


def _ancestors(root, element):
    parents = {child: parent for parent in root.iter() for child in parent}
    while element in parents:
        element = parents[element]
        yield element


def test_every_diagram_is_placed_in_an_article():
    placed = placements()
    for svg in SVGS:
        assert svg.name in placed, f"{svg.name} is not placed in any article"


def test_every_diagram_appears_in_the_built_articles(articles):
    shown = {Path(unquote(f.find("img").get("src"))).name for _, f in diagram_figures(articles)}
    assert shown == {svg.name for svg in SVGS}


def test_figures_have_alt_caption_and_a_file_that_exists(site, pages):
    figures = diagram_figures(pages)
    assert figures
    for name, figure in figures:
        img = figure.find("img")
        assert img is not None, f"{name}: diagram figure without an image"
        alt = (img.get("alt") or "").strip()
        assert len(alt.split()) >= 8, f"{name}: alt text {alt!r} does not say what the picture shows"
        caption = figure.find("figcaption")
        assert caption is not None and caption.text_content().strip(), f"{name}: diagram without a caption"
        target = (site / name).parent / unquote(img.get("src"))
        assert target.resolve().is_file(), f"{name}: {img.get('src')} is not in the built site"
        assert img.get("width") and img.get("height"), f"{name}: image has no size to reserve its space"


def test_hosted_build_serves_the_diagrams(tmp_path):
    """The hosted build (absolute URLs) links every diagram under SITEURL/diagrams/ and copies it."""
    from tests.helpers import build
    import lxml.html

    out = tmp_path / "hosted"
    build(out, settings="publishconf.py")
    default = re.search(r'SITEURL = os.environ.get\("SITEURL", "([^"]+)"\)',
                        (ROOT / "publishconf.py").read_text(encoding="utf-8")).group(1)
    siteurl = os.environ.get("SITEURL", default)
    seen = set()
    for page in out.rglob("*.html"):
        for img in lxml.html.parse(str(page)).getroot().iterfind(".//figure[@class='diagram']/img"):
            src = img.get("src")
            assert src.startswith(f"{siteurl}/diagrams/"), f"{page.name}: {src}"
            assert (out / src.removeprefix(siteurl + "/")).is_file(), src
            seen.add(Path(src).name)
    assert seen == {svg.name for svg in SVGS}


# --- Editors' mistakes ---------------------------------------------------------------------

SVG_FILE = (DIAGRAMS / "hai-pump.svg").read_text(encoding="utf-8") if (DIAGRAMS / "hai-pump.svg").exists() else ""
GOOD_BLOCK = "::: diagram pump.svg\nAlt: A small pump under the skin sends the drug to the liver.\nCaption: The pump.\n:::\n"


def block_article(block: str) -> str:
    return article(body=BODY + "\nSome words first.\n\n" + block + "\nSome words after.\n")


@pytest.fixture
def output(tmp_path) -> Path:
    return tmp_path / "output"


@pytest.mark.parametrize("block, says", [
    (GOOD_BLOCK.replace("pump.svg", "pmup.svg"), "diagram file content/diagrams/pmup.svg does not exist"),
    (GOOD_BLOCK.replace("Alt: A small pump under the skin sends the drug to the liver.\n", ""), "has no 'Alt:' text"),
    (GOOD_BLOCK.replace("Alt: A small pump under the skin sends the drug to the liver.", "Alt:"), "has no 'Alt:' text"),
    (GOOD_BLOCK.replace("Caption: The pump.\n", ""), "has no 'Caption:'"),
    (GOOD_BLOCK.rsplit(":::", 1)[0], "never closed"),
    (GOOD_BLOCK.replace("pump.svg", "../pump.svg"), "must be a plain .svg file name"),
    (GOOD_BLOCK.replace("::: diagram pump.svg", "::: diagram"), "needs a file name"),
], ids=["missing-file", "no-alt-line", "empty-alt", "no-caption", "not-closed", "path-outside", "no-name"])
def test_diagram_mistake_stops_the_build_with_file_and_line(block, says, tmp_path, output, capsys):
    content = tmp_path / "content"
    write(content, {**GOOD, S: block_article(block), "diagrams/pump.svg": SVG_FILE})
    status, lines = run(content, output, capsys)
    assert status != 0
    assert len(lines) == 1, lines
    # Front matter (10 lines), blank, heading, blank, paragraph, blank, "Some words first.", blank.
    assert lines[0].startswith(f"{content / S}:18: "), lines[0]
    assert says in lines[0], lines[0]


def test_second_diagram_on_a_page_is_named_by_its_own_line(tmp_path, output, capsys):
    content = tmp_path / "content"
    bad = GOOD_BLOCK.replace("Caption: The pump.\n", "")
    write(content, {**GOOD, S: block_article(GOOD_BLOCK + "\nBetween.\n\n" + bad), "diagrams/pump.svg": SVG_FILE})
    status, lines = run(content, output, capsys)
    assert status != 0 and len(lines) == 1, lines
    assert lines[0].startswith(f"{content / S}:25: "), lines[0]


def test_good_block_builds_a_figure_even_with_blank_lines_and_wrapped_text(tmp_path, output, capsys):
    content = tmp_path / "content"
    block = ("::: diagram pump.svg\nAlt: A small pump under the skin\nsends the drug to the liver.\n\n"
             "Caption: The *pump*.\n:::\n")
    write(content, {**GOOD, S: block_article(block), "diagrams/pump.svg": SVG_FILE})
    status, lines = run(content, output, capsys)
    assert status == 0, lines
    html = (output / "treatments" / "surgery.html").read_text(encoding="utf-8")
    assert ('<figure class="diagram"><img alt="A small pump under the skin sends the drug to the liver." '
            'height="1110" src="../diagrams/pump.svg" width="360"><figcaption>The <em>pump</em>.</figcaption>') in html
    assert "<p>Some words after.</p>" in html


# --- In the browser ------------------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def chromium(browser):
    """The session's one Chromium (tests/conftest.py): Playwright's sync API allows only one
    running instance per process."""
    return browser


def pages_with_diagrams(pages) -> list[str]:
    return sorted({name for name, _ in diagram_figures(pages)})


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("which", ["site", "offline_site"], ids=["editors-build", "offline-bundle"])
def test_diagrams_load_and_fit_when_opened_from_disk(request, chromium, which, width):
    built = request.getfixturevalue(which)
    names = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html")
                   if 'class="diagram"' in p.read_text(encoding="utf-8"))
    assert len(names) >= 4, names
    shown = set()
    for name in names:
        page = chromium.new_page(viewport={"width": width, "height": 900})
        page.goto((built / name).as_uri())
        for img in page.locator("figure.diagram img").all():
            img.scroll_into_view_if_needed()
            img.evaluate("i => i.complete || new Promise(r => { i.onload = r; i.onerror = r; })")
            assert img.evaluate("i => i.naturalWidth") > 0, f"{name}: {img.get_attribute('src')} did not load"
            box = img.bounding_box()
            assert box["width"] > 100 and box["height"] > 100, f"{name}: {img.get_attribute('src')} shown at {box}"
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{name}: diagram wider than the screen"
            shown.add(Path(img.get_attribute("src")).name)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name}: page scrolls sideways"
        page.close()
    assert shown == {svg.name for svg in SVGS}


@pytest.mark.browser
def test_pages_with_diagrams_pass_axe(site, pages, chromium):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    names = pages_with_diagrams(pages)
    assert names
    for name in names:
        page = chromium.new_page()
        page.goto((site / name).as_uri())
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = results.response["violations"]
        assert not violations, f"{name}:\n{results.generate_report()}"
        page.close()
