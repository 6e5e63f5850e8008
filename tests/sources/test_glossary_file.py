"""liverguide.sources.glossary_file: content/glossary.yaml read and checked, and the scan that
finds its terms in text."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from liverguide.checks.readability import measure
from liverguide.errors import ContentError, display_path
from liverguide.sources import glossary_file
from tests.helpers import ROOT, build

GRADE_LIMIT = 8.0
MIN_TERMS = 40


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
    assert str(error).startswith(f"{display_path(path)}:{line}: {message}"), str(error)
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


