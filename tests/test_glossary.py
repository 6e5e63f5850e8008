"""The glossary (issue 10): content/glossary.yaml is checked line by line, the first use of each
term in a page links to its definition on the A–Z glossary page, never inside headings, links,
code, citations or another term, and the definitions are plain enough to read."""
from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import lxml.html
import markdown
import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT, build

sys.path.insert(0, str(ROOT / "plugins"))
from content_errors import ContentError  # noqa: E402
from glossary import glossary_file  # noqa: E402
from glossary.markdown_terms import GlossaryExtension  # noqa: E402
from readability.measure import measure  # noqa: E402

GLOSSARY = ROOT / "content" / "glossary.yaml"
GRADE_LIMIT = 8.0
MIN_TERMS = 40
EXCLUDED = ("a", "sup", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6")


@pytest.fixture(scope="module")
def glossary():
    return glossary_file.load(GLOSSARY)


# --- The glossary file -------------------------------------------------------------------------

def test_glossary_has_the_terms_the_issue_names(glossary):
    assert len(glossary.entries) >= MIN_TERMS, f"only {len(glossary.entries)} terms"
    names = {name.casefold() for entry in glossary.entries for name in entry.names}
    for word in ["resection", "ablation", "adjuvant", "neoadjuvant", "hepatic artery", "floxuridine",
                 "KRAS", "EGFR", "metastasis", "palliative", "HAI", "hepatic arterial infusion"]:
        assert word.casefold() in names, f"no glossary entry for {word!r}"


def test_definitions_are_at_reading_grade_8_or_lower(glossary, capsys):
    text = "\n".join(entry.definition for entry in glossary.entries)
    reading = measure(text)
    with capsys.disabled():
        print(f"\n  glossary definitions: FK grade {reading.grade}, SMOG {reading.smog}, "
              f"{reading.words} words, {reading.sentences} sentences")
    assert reading.grade <= GRADE_LIMIT, f"glossary reads at grade {reading.grade}; " \
                                         f"shorten these: {reading.long_sentences[:3]}"
    hardest = [(e.term, measure(e.definition).grade) for e in glossary.entries]
    too_hard = [(term, grade) for term, grade in hardest if grade > 12]
    assert not too_hard, f"definitions far above the guide's level: {too_hard}"


def test_definitions_share_no_wording_with_the_source_pages(glossary, tmp_path):
    tool = next((p for p in (ROOT.parent / "shared" / "tools" / "seed_overlap.py",
                             ROOT.parent.parent / "shared" / "tools" / "seed_overlap.py") if p.exists()), None)
    if tool is None:
        pytest.skip("the source pages (../shared) are not beside this checkout")
    # The tool reads Markdown and text files only, so it is shown the definitions as text.
    (tmp_path / "glossary.txt").write_text(
        "\n\n".join(f"{e.term}. {e.definition}" for e in glossary.entries), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(tool), str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(path: Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        glossary_file.load(path)
    return caught.value


GOOD = """\
- term: resection
  aliases: [hepatic resection]
  definition: Surgery to cut out a tumor.
  related: [ablation]

- term: ablation
  definition: Killing a tumor in place.
"""


def test_a_good_file_loads(tmp_path):
    loaded = glossary_file.load(write(tmp_path, GOOD))
    assert [e.term for e in loaded.entries] == ["ablation", "resection"]
    assert loaded.by_term["resection"].anchor == "term-resection"


@pytest.mark.parametrize("text, line, message", [
    (GOOD + "\n- term: stent\n  aliases: [tube]\n", 9, "glossary term 'stent' has no definition"),
    (GOOD + "\n- term: stent\n  definition: '   '\n", 10, "glossary term 'stent' has no definition"),
    (GOOD + "\n- term: Ablation\n  definition: Again.\n", 9,
     "duplicate glossary term or alias 'Ablation' (already used by 'ablation' on line 6)"),
    (GOOD + "\n- term: liver surgery\n  aliases:\n    - surgery\n    - Hepatic Resection\n  definition: x.\n", 12,
     "duplicate glossary term or alias 'Hepatic Resection' (already used by 'resection' on line 2)"),
    (GOOD.replace("related: [ablation]", "related: [ablaton]"), 4,
     "related term 'ablaton' is not in the glossary (did you mean 'ablation'?)"),
    (GOOD.replace("  definition: Killing", "  defintion: Killing"), 7,
     "unknown field 'defintion' (did you mean 'definition'?)"),
    (GOOD + "\n- term: stent\n  definition: [a, b\n", 11, "not valid YAML"),
    ("term: resection\ndefinition: x\n", 1, "the glossary must be a list of entries"),
])
def test_mistakes_name_the_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, text)
    error = error_for(path)
    assert error.line == line, str(error)
    assert str(error).startswith(f"{os.path.relpath(path)}:{line}: {message}"), str(error)
    assert "\n" not in str(error)


def test_a_bad_glossary_stops_the_build_with_one_clear_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    text = (content / "glossary.yaml").read_text(encoding="utf-8")
    text = text.replace("  related: [neoadjuvant therapy]", "  related: [neoadjuvant therapie]", 1)
    (content / "glossary.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("  related: [neoadjuvant therapie]") + 1
    proc = build(tmp_path / "out", content=content, check=False)
    assert proc.returncode != 0
    expected = f"glossary.yaml:{line}: related term 'neoadjuvant therapie' is not in the glossary " \
               f"(did you mean 'neoadjuvant therapy'?)"
    assert expected in " ".join((proc.stdout + proc.stderr).split()), proc.stdout + proc.stderr


# --- Linking, on Markdown -----------------------------------------------------------------------

LINKING = """\
- term: resection
  aliases: [resections, hepatic resection]
  definition: Surgery to cut out a tumor.
- term: KRAS
  definition: The name of a gene.
- term: hepatic arterial infusion
  aliases: [HAI]
  definition: Chemotherapy sent into the liver's artery.
- term: infusion
  definition: Giving a drug slowly as a liquid.
- term: citation
  definition: A pointer to a source.
"""


def render(tmp_path, text: str, **meta) -> str:
    extension = GlossaryExtension(page="pages/glossary.md")
    extension.glossary = glossary_file.load(write(tmp_path, LINKING))
    md = markdown.Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.toc",
                                       "markdown.extensions.smarty", "markdown.extensions.meta",
                                       extension], output_format="html5")
    head = "".join(f"{key}: {value}\n" for key, value in meta.items())
    return md.convert(head + "\n" + text if head else text)


def linked(html: str) -> list[str]:
    return re.findall(r'<a aria-describedby="[^"]+" class="glossary-term" href="[^"]+">([^<]+)<span class="visually-hidden"> \(glossary\)</span></a>', html)


def test_first_use_only_and_whole_words(tmp_path):
    html = render(tmp_path, "Resection is one choice. A resection again. KRAS, kras and KRASX and subKRAS.\n\n"
                            "Another resection and KRAS in a new paragraph.")
    assert linked(html) == ["Resection", "KRAS"]
    assert html.count('href="{filename}/pages/glossary.md#term-resection"') == 1


def test_case_aware_matching(tmp_path):
    assert linked(render(tmp_path, "Kras is not KRAS written wrong.")) == ["KRAS"]
    assert linked(render(tmp_path, "RESECTION is shouting.")) == []
    assert linked(render(tmp_path, "Hai is not HAI.")) == ["HAI"]


def test_longest_name_first_and_names_over_line_breaks(tmp_path):
    html = render(tmp_path, "We use hepatic\narterial infusion, then an infusion.")
    assert linked(html) == ["hepatic\narterial infusion", "infusion"]
    assert 'href="{filename}/pages/glossary.md#term-hepatic-arterial-infusion"' in html
    # "hepatic resection" is not a whole word in "hepatic resections"; the plural is.
    assert linked(render(tmp_path, "Two hepatic resections.")) == ["resections"]


def test_excluded_places_stay_untouched(tmp_path):
    text = ("## Resection and KRAS\n\n"
            "See [resection and KRAS](other.html), `KRAS` and *KRAS*{: .citation-ref} [@kras2020].\n\n"
            "A footnote[^HAI] and <sup>HAI</sup> here.\n\n"
            "    resection in code\n\n"
            "[^HAI]: The note.\n\n"
            "Finally: resection, KRAS, HAI.\n")
    html = render(tmp_path, text)
    assert linked(html) == ["resection", "KRAS", "HAI"], html
    body = html.split("Finally:")[0]
    assert "glossary" not in body, body
    assert "[@kras2020]" in html


def _pieces(glossary):
    names = sorted({name for entry in glossary.entries for name in entry.names})
    variants = [v for name in names for v in (name, name[:1].upper() + name[1:], name.upper(), name.replace(" ", "\n"))]
    # Whatever may sit next to a name: word parts that extend it, hyphens, punctuation, the
    # citations and stored-HTML placeholders the pattern skips (and ones left open).
    others = [" ", "  ", "\n", "-", "s", "es", "sub", "x", "5", ".", ",", "(", ")", "'", "é", "[@key]", "[-@a; @b]",
              "[@open", "]", "[", "\x02wzxhzdk:3\x03", "\x02", "\x03", "and", "the"]
    return st.lists(st.sampled_from(variants) | st.sampled_from(others), max_size=40).map("".join)


@settings(max_examples=1000, deadline=None)
@given(data=st.data())
def test_scan_finds_what_the_pattern_finds(glossary, data):
    """scan() tries names only where a word starts; it must give the big pattern's matches, or
    nothing when none of them is a placeholder or a term not linked yet (nothing to act on)."""
    text = data.draw(_pieces(glossary))
    linked = data.draw(st.sets(st.sampled_from(sorted(glossary.by_term))))
    expected = [(m.start(), m.end(), m.group("skip"), m.group("name")) for m in glossary.pattern.finditer(text)]
    found = list(glossary.scan(text, linked))
    if any(name and glossary.entry_for(name).term not in linked or skipped and skipped[0] == "\x02"
           for _, _, skipped, name in expected):
        assert found == expected
    else:
        assert found in ([], expected)


def test_scan_on_every_paragraph_of_the_site(glossary):
    for path in sorted((ROOT / "content").rglob("*.md")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            expected = [(m.start(), m.end(), m.group("skip"), m.group("name")) for m in glossary.pattern.finditer(paragraph)]
            assert list(glossary.scan(paragraph)) in ([], expected), (path, paragraph)
            if any(name for *_, name in expected):
                assert list(glossary.scan(paragraph)) == expected, (path, paragraph)


def test_no_term_inside_another_term(tmp_path):
    html = render(tmp_path, "The hepatic arterial infusion with its infusion and citation.")
    # "citation" is a term, but the definition text of a linked term is never searched.
    assert linked(html) == ["hepatic arterial infusion", "infusion", "citation"]
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    assert len(tree.findall(".//span[@class='glossary']")) == 3
    for tip in tree.findall(".//span[@class='glossary-tip']"):
        assert len(tip) == 0, "markup inside a definition"


def test_summary_and_other_metadata_are_not_linked(tmp_path):
    extension = GlossaryExtension(page="pages/glossary.md")
    extension.glossary = glossary_file.load(write(tmp_path, LINKING))
    md = markdown.Markdown(extensions=[extension])
    assert "glossary-term" in md.convert("About resection.")
    # Pelican converts metadata such as Summary with the same instance after the body.
    assert "glossary-term" not in md.reset().convert("About resection.")


def test_the_glossary_page_does_not_link_to_itself(tmp_path):
    assert linked(render(tmp_path, "About resection.", slug="glossary")) == []
    assert linked(render(tmp_path, "About resection.", slug="surgery")) == ["resection"]


# --- Linking, in the built site -----------------------------------------------------------------

def glossary_links(root):
    return root.findall(".//a[@class='glossary-term']")


def test_every_glossary_link_resolves_and_describes_its_term(site, pages, glossary):
    definitions = {entry.anchor: entry.definition for entry in glossary.entries}
    total = 0
    for name, root in pages.items():
        for link in glossary_links(root):
            total += 1
            href = link.get("href")
            path, _, fragment = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
            assert target == "glossary.html", f"{name}: {href} does not point at the glossary page"
            assert pages[target].get_element_by_id(fragment, None) is not None, f"{name}: {href} has no target"
            tip = root.get_element_by_id(link.get("aria-describedby"), None)
            assert tip is not None, f"{name}: {link.text}: aria-describedby points at nothing"
            assert tip.get("role") == "tooltip" and tip.get("hidden") is not None
            assert tip.text_content() == definitions[fragment], f"{name}: {link.text}: wrong definition"
            assert link.getparent().get("class") == "glossary" and tip.getparent() is link.getparent()
    assert total >= 40, f"only {total} glossary links in the whole site"


def test_first_use_only_in_each_page(pages):
    for name, root in pages.items():
        hrefs = [link.get("href") for link in glossary_links(root)]
        repeated = {href for href in hrefs if hrefs.count(href) > 1}
        assert not repeated, f"{name}: linked more than once: {repeated}"
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), f"{name}: duplicate ids"


def test_no_term_inside_links_headings_code_citations_or_other_terms(pages):
    for name, root in pages.items():
        for term in root.findall(".//span[@class='glossary']"):
            for ancestor in term.iterancestors():
                assert ancestor.tag not in EXCLUDED, f"{name}: term {term.text_content()!r} inside <{ancestor.tag}>"
                classes = ancestor.get("class", "")
                assert "citation" not in classes and "glossary" not in classes.split(), \
                    f"{name}: term inside {ancestor.tag}.{classes}"
            assert len(term.findall(".//a")) == 1, f"{name}: a link nested in a term"


def test_summaries_and_the_glossary_page_body_have_no_term_markup(pages):
    for name, root in pages.items():
        for meta in root.iter("meta"):
            assert "glossary" not in (meta.get("content") or ""), name
        summary = root.find(".//p[@class='summary']")
        if summary is not None:
            assert summary.find(".//a") is None, name
    assert not glossary_links(pages["glossary.html"])


def test_every_term_is_used_somewhere(pages, glossary):
    used = {link.get("href").partition("#")[2] for root in pages.values() for link in glossary_links(root)}
    unused = [entry.term for entry in glossary.entries if entry.anchor not in used]
    if unused:
        warnings.warn(f"glossary terms no page uses: {', '.join(unused)}")


# --- The glossary page --------------------------------------------------------------------------

def test_glossary_page_lists_every_term_a_to_z_with_letters(pages, glossary):
    page = pages["glossary.html"]
    terms = page.findall(".//dl[@class='glossary-list']//dt")
    assert [dt.get("id") for dt in terms] == [e.anchor for e in glossary.entries]
    shown = [dt.text_content().casefold() for dt in terms]
    assert shown == sorted(shown), "terms are not in A–Z order"
    letters = page.find(".//nav[@class='glossary-letters']")
    jumps = [(a.text_content(), a.get("href")) for a in letters.iter("a")]
    expected = sorted({e.term[0].upper() for e in glossary.entries})
    assert [label for label, _ in jumps] == expected, "a letter without terms, or a letter missing"
    for label, href in jumps:
        section = page.get_element_by_id(href[1:], None)
        assert section is not None and section.tag == "h2", f"jump link {href} has no heading"
        first = section.getparent().find(".//dt")
        assert first.text_content()[0].upper() == label
    for entry in glossary.entries:
        for related in entry.related:
            assert page.get_element_by_id(glossary.by_term[related].anchor, None) is not None


def test_glossary_page_is_linked_from_every_page(pages):
    for name, root in pages.items():
        targets = {posixpath.normpath(posixpath.join(posixpath.dirname(name), a.get("href", "")))
                   for a in root.iter("a")}
        assert "glossary.html" in targets, f"{name}: no link to the glossary"


# --- The content cache --------------------------------------------------------------------------

def test_an_edited_definition_shows_on_the_next_build_with_the_cache_on(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = ["-e", "CACHE_CONTENT=true", "-e", "LOAD_CONTENT_CACHE=true", "-e", f"CACHE_PATH={tmp_path / 'cache'}"]
    build(tmp_path / "one", content=content, extra=cache)
    assert 'role="tooltip">A change in a gene.</span>' in (tmp_path / "one" / "treatments" / "biologic-drugs.html").read_text()
    assert (tmp_path / "cache" / "glossary.fingerprint").is_file()

    text = (content / "glossary.yaml").read_text(encoding="utf-8")
    edited = text.replace("definition: A change in a gene.", "definition: A change in a gene, like a typo.")
    assert edited != text
    (content / "glossary.yaml").write_text(edited, encoding="utf-8")
    build(tmp_path / "two", content=content, extra=cache)
    tip = 'role="tooltip">A change in a gene'
    assert f"{tip}, like a typo.</span>" in (tmp_path / "two" / "treatments" / "biologic-drugs.html").read_text()
    # Pages the edit does not touch still come from the cache, and are still right.
    assert (tmp_path / "one" / "about.html").read_text() == (tmp_path / "two" / "about.html").read_text()


# --- In the browser -----------------------------------------------------------------------------

# `browser` is the session's one Chromium (tests/conftest.py): Playwright's sync API allows
# only one running instance per process.


@pytest.mark.browser
def test_definition_shows_on_hover_and_keyboard_focus_and_is_the_description(site, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto((site / "treatments" / "hai-pump.html").as_uri())
    term = page.locator("a.glossary-term[href$='#term-hepatic-artery']")
    tip = page.locator("#glossary-tip-hepatic-artery")
    expect(tip).to_be_hidden()
    expect(term).to_have_accessible_description(re.compile(r"^One of the blood vessels that bring blood to the liver"))

    term.hover()
    expect(tip).to_be_visible()
    box, viewport = tip.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], "definition runs off the screen"
    assert box["y"] >= term.bounding_box()["y"] + term.bounding_box()["height"] - 1, "definition covers its term"
    tip.hover()  # moving onto the definition keeps it open
    expect(tip).to_be_visible()
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()

    term.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(term).to_be_focused()
    expect(tip).to_be_visible()
    page.keyboard.press("Tab")
    expect(tip).to_be_hidden()

    page.emulate_media(media="print")
    expect(tip).to_be_visible()
    page.close()


@pytest.mark.browser
def test_following_a_term_lands_on_its_glossary_entry(site, browser):
    page = browser.new_page()
    page.goto((site / "treatments" / "surgery.html").as_uri())
    page.locator("a.glossary-term[href$='#term-resection']").click()
    assert page.url.endswith("glossary.html#term-resection")
    assert page.evaluate("document.querySelector(':target').id") == "term-resection"
    page.close()
