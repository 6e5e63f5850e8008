"""The guide's content: every topic has its article, and every article is complete, cited and
plain enough for patients to read."""
from __future__ import annotations

import datetime
import re
import subprocess
import sys

import pytest
from pelican.settings import get_settings_from_file, read_settings

from liverguide.checks.readability import measure
from liverguide.reader import GuideReader
from tests.helpers import ROOT

ARTICLES = ROOT / "content" / "articles"
PAGES = ROOT / "content" / "pages"

# The reading order the guide promises (issue 3), as slug: words the article must be about.
# Issue 17 added symptoms and urgent help, tumor tests, and what comes after standard treatment,
# and asked each topic to carry the current evidence named here.
TOPICS = {
    "what-are-liver-metastases": ["colon", "rectum", "primary liver cancer", "stage IV"],
    "symptoms": ["jaundice", "fever", "24-hour line", "care-card urgent"],
    "choosing-a-treatment": ["KRAS", "resect", "ablation"],
    "tumor-tests": ["KRAS", "NRAS", "BRAF", "MSI", "HER2", "pembrolizumab", "left side"],
    "surgery": ["resection", "laparoscopic", "robotic", "two-stage", "ALPPS", "risks"],
    "systemic-chemotherapy": ["oxaliplatin", "irinotecan", "fluoropyrimidine", "antimetabolite",
                              "care-card urgent", "cold"],
    "hai-pump": ["hepatic artery", "pump", "refill", "bile duct", "What can go wrong"],
    "biologic-drugs": ["bevacizumab", "cetuximab", "panitumumab", "KRAS"],
    "ablation": ["radiofrequency", "microwave", "cryoablation", "NanoKnife", "COLLISION"],
    "radiation-therapy": ["IMRT", "stereotactic"],
    "radioembolization": ["SIRT", "yttrium-90", "did not help people live longer"],
    "liver-transplant": ["transplant", "TransMet", "intention to treat", "per protocol"],
    "after-standard-treatment": ["fruquintinib", "trifluridine", "clinical trial"],
    "palliative-care": ["hospice", "fluid"],
    "clinical-trials": ["trial"],
}
# Views of the old source pages that current evidence overturned (issue 17): no page may repeat them.
OUTDATED = [
    "cannot cure the cancer", "few and small", "rarely cured", "rarely be cured", "what little is known",
    "cut off the tumor", "cuts off the tumor", "limit the blood that reaches", "as if it were food",
    "Researchers are testing drugs that may work for people with this mutation",
    "liver's main artery", "main blood vessel that brings blood to the liver",
]
REQUIRED = ["title", "slug", "summary", "category", "order", "date", "modified",
            "last_reviewed", "next_review", "keywords"]
# Pages that make clinical claims are held to the articles' rules (issue 17).
CLINICAL_PAGES = [PAGES / "compare.md", PAGES / "questions.md"]
SETTINGS = get_settings_from_file(str(ROOT / "pelicanconf.py"))
GRADE_LIMIT = SETTINGS["READING_GRADE_LIMIT"]


def front_matter(path):
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    return fields, body


def all_articles():
    return sorted(ARTICLES.glob("*.md"))


@pytest.fixture(scope="module")
def by_slug():
    return {front_matter(p)[0]["slug"]: p for p in all_articles()}


def test_every_topic_has_its_article_in_reading_order(by_slug):
    for position, slug in enumerate(TOPICS, start=1):
        assert slug in by_slug, f"no article for topic {slug!r}"
        fields, body = front_matter(by_slug[slug])
        assert int(fields["order"]) == position, f"{slug}: order {fields['order']}, expected {position}"
        for word in TOPICS[slug]:
            assert word.lower() in body.lower(), f"{slug}: never mentions {word!r}"


@pytest.mark.parametrize("path", all_articles(), ids=lambda p: p.name)
def test_article_metadata_is_complete(path):
    fields, _ = front_matter(path)
    missing = [name for name in REQUIRED if not fields.get(name)]
    assert not missing, f"{path.name}: missing {missing}"
    assert len(fields["summary"]) <= 160, f"{path.name}: summary is {len(fields['summary'])} characters"
    reviewed = datetime.date.fromisoformat(fields["last_reviewed"])
    due = datetime.date.fromisoformat(fields["next_review"])
    assert due > reviewed, f"{path.name}: next review is not after the last review"
    assert fields["category"] in {"Understanding", "Treatments", "Support"}


def test_the_build_holds_articles_to_the_guides_length_and_shape():
    """The rules live in the build (liverguide/checks/structure.py: words, `##` sections, a
    citation, the care-team ending, no second `#` title); here only that it still asks what the
    guide promises readers."""
    assert SETTINGS["ARTICLE_MIN_WORDS"] >= 400
    assert SETTINGS["ARTICLE_MIN_SECTIONS"] >= 3
    assert SETTINGS["ARTICLE_LAST_SECTION_MENTIONS"] == "care team"


@pytest.fixture(scope="module")
def reader():
    return GuideReader(read_settings(str(ROOT / "pelicanconf.py")))


@pytest.mark.parametrize("path", all_articles(), ids=lambda p: p.name)
def test_every_article_is_published_and_passes_the_builds_rules(path, reader):
    _, metadata = reader.read(str(path))  # raises ContentError at the first rule broken
    assert metadata.get("status", "published") == "published", f"{path.name} is a draft: the guide would lack it"


@pytest.mark.parametrize("path", [*all_articles(), *CLINICAL_PAGES, ROOT / "content" / "glossary.yaml"],
                         ids=lambda p: p.name)
def test_no_outdated_view_is_repeated(path):
    text = " ".join(path.read_text(encoding="utf-8").split()).lower()
    repeated = [phrase for phrase in OUTDATED if phrase.lower() in text]
    assert not repeated, f"{path.name} repeats an outdated view: {repeated}"


def test_reading_grade_per_article(capsys):
    rows = []
    for path in all_articles():
        r = measure(path.read_text(encoding="utf-8"))
        rows.append((path.name, r.grade, r.smog, r.words, r.sentences))
    with capsys.disabled():
        print("\n  article                                   FK grade   SMOG   words  sentences")
        for name, grade, smog, words, sentences in rows:
            print(f"  {name:<42}{grade:>8}{smog:>7}{words:>8}{sentences:>11}")
    too_hard = [(name, grade) for name, grade, *_ in rows if grade > GRADE_LIMIT]
    assert not too_hard, f"above reading grade {GRADE_LIMIT}: {too_hard}"


# --- Every sentence that gives a number cites its source in that sentence (issue 17) ---------
CITE_MARK = re.compile(r"\[(?:[^\[\]]*?;\s*)?-?@[\w:.-]+[^\[\]]*\]")
# Names that hold digits but state no quantity: drugs, genes, trials, guidance codes, and the
# care team's "24-hour line" (a kind of phone line, not a figure). Anything else with a digit
# counts, hyphenated figures included ("a 3-cm tumor", "90-day deaths").
NAMES = re.compile(r"\b(?:5-FU|[Yy]ttrium-90|Y-90|24-hour line|KEYNOTE-177|FRESCO-2|CALGB 9481|EORTC 40983"
                   r"|[A-Z]+[a-z]*[0-9]+[A-Z0-9]*)(?![\w-])")  # HER2, V600E, G12C, FOLFOX4, TA100, CG151
WORD_NUMBER = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
               r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)")
# Spelled-out figures: "one in six", "nine out of ten", "a third", "half of", "five years".
# Lone counting words ("one way", "two kinds") are ordinary words, not figures, and are left out.
SPELLED = re.compile(
    rf"\b(?:{WORD_NUMBER}|a|an)\s+(?:in|out of)\s+(?:every\s+)?(?:{WORD_NUMBER}|[0-9]+)\b"
    rf"|\b(?:a|one|two)\s+(?:third|quarter|fifth)s?\b|\bhalf\b|\btwice\b|\bper ?cent\b"
    rf"|\b{WORD_NUMBER}(?:[ -]{WORD_NUMBER})?[ -](?:years?|months?|weeks?|days?|hours?)\b"
    rf"|\b(?:hundreds|thousands|millions)\b", re.I)
SENTENCE = re.compile(r"(?<=[.!?])[\"')]*\s+(?=[A-Z0-9\"'(*])")


def number_sentences(text: str):
    """(line, sentence) for each sentence of a Markdown file's body that states a figure.

    Headings (labels such as "A 1999 trial"), a diagram's Alt text (it describes the drawing),
    link targets, list numbering and the front matter are not sentences of the text. Each list
    item and table cell is a sentence of its own, so a citation in one never covers another."""
    head, _, body = text.partition("\n\n")
    first = head.count("\n") + 3
    in_alt = False
    for number, line in enumerate(body.splitlines(), first):
        stripped = line.strip()
        if stripped.startswith(":::"):
            in_alt = False
            continue
        if re.match(r"(?i)alt\s*:", stripped):
            in_alt = True
            continue
        if re.match(r"(?i)(caption|title)\s*:", stripped):
            in_alt = False
            stripped = stripped.split(":", 1)[1]
        if in_alt or stripped.startswith("#") or re.fullmatch(r"[|:\s-]*", stripped):
            continue
        stripped = re.sub(r"\]\([^)]*\)", "]", stripped)           # link targets
        stripped = re.sub(r"^(?:[-*+]|[0-9]+[.)])\s+", "", stripped)  # list markers
        # A citation may hold ". " (a page number): mark it before splitting into sentences.
        stripped = CITE_MARK.sub(" CITED ", stripped)
        for cell in stripped.split("|"):
            for sentence in SENTENCE.split(cell):
                plain = NAMES.sub(" ", sentence)
                if re.search(r"[0-9]", plain) or SPELLED.search(plain):
                    yield number, sentence.strip()


@pytest.mark.parametrize("path", [*all_articles(), *CLINICAL_PAGES], ids=lambda p: p.name)
def test_every_sentence_with_a_number_cites_its_source(path):
    uncited = [f"{path.name}:{line}: {sentence}" for line, sentence in number_sentences(path.read_text(encoding="utf-8"))
               if "CITED" not in sentence]
    assert not uncited, "a sentence with a number and no citation of its own:\n" + "\n".join(uncited)


@pytest.mark.parametrize("sentence, counts", [
    ("About 60 to 70 out of every 100 people get a tumor in the liver.", True),
    ("Carefully chosen people have at least a one in six chance of cure.", True),
    ("About a third of them later died of cancer.", True),
    ("She lived five years after surgery.", True),
    ("Deaths within 90 days were 8.3%.", True),
    ("Serious problems within a 90-day period were rare.", True),
    ("Tumors of 3 cm or less.", True),
    ("Call your team's 24-hour line straight away.", False),
    ("Fluorouracil (5-FU) is a drug.", False),
    ("Tests look for BRAF V600E, HER2 and KRAS G12C.", False),
    ("One way to give the drug is through a pump.", False),
    ("There are two kinds of ablation.", False),
    ("Cancer that has spread is stage IV.", False),
])
def test_what_counts_as_a_number(sentence, counts):
    text = "Title: t\n\n" + sentence + "\n"
    assert bool(list(number_sentences(text))) is counts


def test_a_citation_in_the_next_sentence_does_not_cover_a_number():
    text = "Title: t\n\nTwo years later, 86 were alive. That was more than before [@kemeny1999].\n"
    assert [s for _, s in number_sentences(text) if "CITED" not in s] == ["Two years later, 86 were alive."]


@pytest.mark.parametrize("path", CLINICAL_PAGES, ids=lambda p: p.name)
def test_reading_grade_of_clinical_pages(path):
    r = measure(path.read_text(encoding="utf-8"))
    assert r.grade <= GRADE_LIMIT, f"{path.name}: grade {r.grade} (SMOG {r.smog}), above {GRADE_LIMIT}"


def test_no_wording_shared_with_the_source_pages():
    tool = ROOT.parent / "shared" / "tools" / "seed_overlap.py"
    if not tool.exists():
        pytest.skip("the source pages (../shared) are not beside this checkout")
    proc = subprocess.run([sys.executable, str(tool), str(ROOT / "content")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_pages_exist():
    for name in ["about", "questions", "compare", "offline", "medical-notice"]:
        assert (PAGES / f"{name}.md").is_file(), f"no page {name}.md"
    # The review status must be stated honestly: this guide has no clinical reviewer to name.
    about = (PAGES / "about.md").read_text(encoding="utf-8")
    assert "No named doctor, nurse or other clinician has reviewed this guide" in about
    # ...and what was checked, and when (issue 17).
    assert "On 1 December 2026, the editors checked every article" in about
