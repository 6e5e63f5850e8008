"""The editors' commands: `make review`, `make readability`, `make new-article` (the devserver's
tests are in tests/build/test_devserver.py and tests/browser/test_devserver.py)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from liverguide.build import build
from liverguide.editors import new_article, readability, review
from tests.helpers import BIB, BODY, ENDING, GOOD, ROOT, article, write


def settings_for(tmp_path: Path, content: Path, **extra) -> Path:
    """A settings file that is pelicanconf.py with another content folder and `extra` settings."""
    lines = ["from pelican.settings import get_settings_from_file",
             f"globals().update(get_settings_from_file({str(ROOT / 'pelicanconf.py')!r}))",
             f"PATH = {str(content)!r}", *(f"{k} = {v!r}" for k, v in extra.items())]
    path = tmp_path / "settings.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_review_marks_overdue_and_due_soon(tmp_path, capsys):
    content = tmp_path / "content"
    write(content, {
        **GOOD,
        "articles/02-late.md": article(Slug="late", Order="2", Last_reviewed="2025-01-01", Next_review="2026-01-01"),
        "articles/03-soon.md": article(Slug="soon", Order="3", Next_review="2026-07-10"),
        "articles/04-edge.md": article(Slug="edge", Order="4", Next_review="2026-07-31"),
        "articles/05-later.md": article(Slug="later", Order="5", Next_review="2026-08-01"),
    })
    assert review.main(["--settings", str(settings_for(tmp_path, content)), "--today", "2026-06-01"]) == 0
    rows = {line.split()[1].rsplit("/", 1)[-1]: line for line in capsys.readouterr().out.splitlines()
            if line.strip()[:2].strip().isdigit()}
    assert "OVERDUE by 151 days" in rows["02-late.md"]
    assert "DUE SOON (in 39 days)" in rows["03-soon.md"]
    assert "DUE SOON (in 60 days)" in rows["04-edge.md"]
    assert "DUE" not in rows["05-later.md"] and "OVERDUE" not in rows["01-overview.md"]


def test_review_shows_the_newest_cited_study_and_marks_old_evidence_and_drafts(tmp_path, capsys):
    newer = BIB.replace("kemeny1999", "chow2019").replace("{1999}", "{2019}")
    content = tmp_path / "content"
    write(content, {
        **GOOD,
        "references.bib": BIB + newer,
        "articles/02-new.md": article(Slug="new", Order="2", ending=ENDING.replace("[@kemeny1999]", "[@kemeny1999; @chow2019]")),
        "articles/03-draft.md": article(Slug="draft", Order="3", Status="draft"),
    })
    assert review.main(["--settings", str(settings_for(tmp_path, content)), "--today", "2026-06-01"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[1].rsplit("/", 1)[-1]: line for line in out.splitlines() if ".md " in line}
    newest = {name: row.split()[4] for name, row in rows.items()}  # the column after the review dates
    assert newest == {"01-overview.md": "1999", "02-new.md": "2019", "03-draft.md": "1999"}
    assert "OLD EVIDENCE (newest study 27 years old)" in rows["01-overview.md"]
    assert "OLD EVIDENCE" not in rows["02-new.md"]
    assert rows["03-draft.md"].endswith("; DRAFT")
    assert "3 articles: 0 overdue, 0 due soon, 2 on old evidence, 1 drafts." in out


def test_readability_names_each_long_sentence_by_its_line(tmp_path, capsys):
    content = tmp_path / "content"
    long = "This sentence has far more words in it than any sentence a patient should ever have to read in one go."
    write(content, {**GOOD, "articles/02-long.md": article(Slug="long", Order="2", body=BODY + "\nShort one. " + long + "\n")})
    readability.main(["--settings", str(settings_for(tmp_path, content)), "--show", "1"])
    out = capsys.readouterr().out
    assert f"content/articles/02-long.md:16: (21 words) {long}" in out


def test_review_reports_a_bad_date_as_one_line(tmp_path, capsys):
    content = tmp_path / "content"
    write(content, {**GOOD, "articles/02-x.md": article(Slug="x", Order="2", Next_review="2027-02-30")})
    assert review.main(["--settings", str(settings_for(tmp_path, content))]) == 1
    assert capsys.readouterr().out.strip().endswith("02-x.md:9: 'next_review' is not a date (got '2027-02-30'; write it as YYYY-MM-DD, such as 2027-01-31)")


def test_every_article_is_within_the_reading_grade_limit(capsys):
    status = readability.main(["--settings", str(ROOT / "pelicanconf.py")])
    report = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + report)
    assert status == 0, report
    for path in (ROOT / "content" / "articles").glob("*.md"):
        assert path.name in report


def test_readability_fails_above_the_limit(tmp_path, capsys):
    settings = settings_for(tmp_path, ROOT / "content", READING_GRADE_LIMIT=2)
    assert readability.main(["--settings", str(settings)]) == 1
    assert "ABOVE LIMIT" in capsys.readouterr().out


def three_categories(content: Path) -> None:
    """Understanding 1, Treatments 2, Support 3, each a complete article."""
    write(content, {**GOOD,
                   "articles/02-surgery.md": article(Slug="surgery", Order="2", Category="Treatments"),
                   "articles/03-help.md": article(Title="Help", Slug="help", Order="3", Category="Support")})


def test_new_article_is_a_draft_with_every_field_at_the_end_of_its_category(tmp_path, capsys, monkeypatch):
    # Built on the day it was written: a review date after the build's day stops the build.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1835395200")  # 2028-02-29
    content = tmp_path / "content"
    three_categories(content)
    settings = settings_for(tmp_path, content)
    args = ["--title", "Living with a stoma", "--category", "Treatments", "--settings", str(settings),
            "--today", "2028-02-29"]
    assert new_article.main(args) == 0
    created = content / "articles" / "03-living-with-a-stoma.md"
    text = created.read_text(encoding="utf-8")
    assert "Order: 3\n" in text and "Category: Treatments\n" in text and "Status: draft\n" in text
    assert "Last_reviewed: 2028-02-29\n" in text and "Next_review: 2029-02-28\n" in text
    # The Support article moved one place on; only its Order line changed.
    moved = (content / "articles" / "03-help.md").read_text(encoding="utf-8")
    assert moved == article(Title="Help", Slug="help", Order="4", Category="Support")
    out = capsys.readouterr().out
    assert "a draft at place 3" in out and "03-help.md" in out

    # A draft builds and is not published...
    assert build(settings, tmp_path / "out") == []
    assert not (tmp_path / "out" / "treatments" / "living-with-a-stoma.html").exists()
    # ...and with its Status line gone, its placeholder text stops the build at its line.
    created.write_text(text.replace("Status: draft\n", ""), encoding="utf-8")
    problems = build(settings, tmp_path / "out")
    assert len(problems) == 1 and problems[0].endswith(
        "03-living-with-a-stoma.md:3: placeholder text from make new-article is still here ('TODO one or two "
        "plain sentences about this …'): write the article's own words (or add "
        "'Status: draft' until it is ready)"), problems

    # Once written, the home page numbers every article once, in reading order.
    created.write_text(article(Title="Living with a stoma", Slug="living-with-a-stoma", Order="3"), encoding="utf-8")
    assert build(settings, tmp_path / "out") == []
    home = lxml.html.parse(str(tmp_path / "out" / "index.html")).getroot()
    numbered = [(int(li.get("value")), li.find("a").text) for li in home.xpath("//ol[@class='topic-list']/li")]
    assert numbered == [(1, "Overview"), (2, "Surgery to remove liver tumors"), (3, "Living with a stoma"), (4, "Help")]

    # A second time: refused, the file untouched.
    created.write_text(text + "Edited.\n", encoding="utf-8")
    assert new_article.main(args) == 1
    assert created.read_text(encoding="utf-8").endswith("Edited.\n")


def test_new_article_in_an_empty_category_goes_after_the_categories_before_it(tmp_path, capsys):
    content = tmp_path / "content"
    write(content, {**GOOD, "articles/02-help.md": article(Title="Help", Slug="help", Order="2", Category="Support")})
    settings = settings_for(tmp_path, content)
    assert new_article.main(["--title", "Surgery", "--settings", str(settings)]) == 0  # Treatments by default
    assert "Order: 2\n" in (content / "articles" / "02-surgery.md").read_text(encoding="utf-8")
    assert "Order: 3\n" in (content / "articles" / "02-help.md").read_text(encoding="utf-8")
    capsys.readouterr()


@pytest.mark.parametrize("title, says", [
    ("", "give the title"),
    ("   ", "give the title"),
    ("???", "has no letters or digits"),
])
def test_new_article_refuses_a_title_without_a_slug(tmp_path, capsys, title, says):
    content = tmp_path / "content"
    write(content, GOOD)
    assert new_article.main(["--title", title, "--settings", str(settings_for(tmp_path, content))]) == 1
    assert says in capsys.readouterr().out
    assert sorted(p.name for p in (content / "articles").iterdir()) == ["01-overview.md"]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_new_article_passes_the_title_as_it_is_never_through_the_shell(tmp_path):
    content = tmp_path / "content"
    write(content, GOOD)
    settings = settings_for(tmp_path, content)
    # Quotes, backticks and ; would end or run commands if the title went through the shell.
    title = 'Costs "and" `touch pwned`; it\'s fine'
    # BUILD_DEPS= : the shared .venv is used as it is, never reinstalled by a test.
    proc = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", "new-article", "BUILD_DEPS=",
                           f"PYTHON={sys.executable}", f"CONFFILE={settings}", f"TITLE={title}", "CATEGORY=Support"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    created = next((content / "articles").glob("02-*.md")).read_text(encoding="utf-8")
    assert f"Title: {title}\n" in created and "Category: Support\n" in created
    assert not (ROOT / "pwned").exists()


# Targets for the people who keep the code, not the content.
NOT_FOR_EDITORS = {"help", "bench"}


def test_the_editors_guide_names_every_make_target_and_rule_setting():
    guide = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):.*## ", makefile, re.M)) - NOT_FOR_EDITORS
    assert len(targets) >= 12
    assert not [t for t in targets if f"`make {t}" not in guide], "targets editing.md does not describe"
    from liverguide.checks import structure
    assert not [name for name in (*structure.SETTINGS, "EVIDENCE_MAX_AGE_YEARS", "READING_GRADE_LIMIT",
                                  "REVIEW_DUE_SOON_DAYS") if name not in guide]
