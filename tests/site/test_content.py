"""The guide's content: every topic has its article, and every article is complete, cited and
plain enough for patients to read."""
from __future__ import annotations

import datetime
import re
import subprocess
import sys

import pytest
from pelican.settings import get_settings_from_file

from liverguide.checks.readability import measure, plain_text
from tests.helpers import ROOT

ARTICLES = ROOT / "content" / "articles"
PAGES = ROOT / "content" / "pages"

# The reading order the guide promises (issue 3), as slug: words the article must be about.
TOPICS = {
    "what-are-liver-metastases": ["colon", "rectum", "primary liver cancer", "stage IV"],
    "choosing-a-treatment": ["KRAS", "resect"],
    "surgery": ["resection", "laparoscopic", "robotic"],
    "systemic-chemotherapy": ["oxaliplatin", "irinotecan", "fluoropyrimidine"],
    "hai-pump": ["hepatic artery", "pump", "refill"],
    "biologic-drugs": ["bevacizumab", "cetuximab", "panitumumab", "KRAS"],
    "ablation": ["radiofrequency", "microwave", "cryoablation", "NanoKnife"],
    "radiation-therapy": ["IMRT", "stereotactic"],
    "radioembolization": ["SIRT", "yttrium-90"],
    "liver-transplant": ["transplant"],
    "palliative-care": ["hospice", "fluid"],
    "clinical-trials": ["trial"],
}
REQUIRED = ["title", "slug", "summary", "category", "order", "date", "modified",
            "last_reviewed", "next_review", "keywords"]
GRADE_LIMIT = get_settings_from_file(str(ROOT / "pelicanconf.py"))["READING_GRADE_LIMIT"]
CITATION = re.compile(r"\[-?@[\w-]+")


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


@pytest.mark.parametrize("path", all_articles(), ids=lambda p: p.name)
def test_article_is_long_enough_cited_and_points_to_the_care_team(path):
    fields, body = front_matter(path)
    words = len(plain_text(body).split())
    assert words >= 400, f"{path.name}: {words} words"
    assert CITATION.search(body), f"{path.name}: cites nothing"
    headings = re.findall(r"^## (.+)$", body, re.M)
    assert len(headings) >= 3, f"{path.name}: too few headings to scan"
    assert "care team" in headings[-1].lower(), f"{path.name}: last section is {headings[-1]!r}, not a care-team pointer"
    assert not re.search(r"^# ", body, re.M), f"{path.name}: a second h1 in the body"


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
