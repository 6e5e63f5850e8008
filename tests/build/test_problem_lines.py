"""What the bad-input catalogue cannot plant with plain files: a symbolic link out of the content
folder, a theme template that fails while rendering; and how problems become lines (one line
per mistake, notes only after a build that succeeded)."""
from __future__ import annotations

import os

import pytest

from liverguide.build import one_line_per_mistake
from liverguide.build.problems import Problem
from tests.helpers import GOOD, ROOT, S, article, run, write
from tests.build.test_bad_inputs import BIB


def test_a_symbolic_link_out_of_the_content_folder_stops_the_build(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("the build machine's own file", encoding="utf-8")
    content = tmp_path / "content"
    write(content, GOOD)
    (content / "images").mkdir()
    try:
        os.symlink(secret, content / "images" / "scan.png")
    except (OSError, NotImplementedError):
        pytest.skip("this system cannot make symbolic links")
    status, lines = run(content, tmp_path / "output", capsys)
    assert status == 1
    assert lines == [f"{content / 'images' / 'scan.png'}:1: leads to {secret}, outside the content folder: "
                     "put the file itself in content/"]


def test_a_template_failing_while_rendering_names_its_own_line(tmp_path, capsys):
    overrides = tmp_path / "templates"
    overrides.mkdir()
    template = (ROOT / "theme" / "templates" / "article.html").read_text(encoding="utf-8")
    assert "{{ article.position }}" in template
    broken = template.replace("{{ article.position }}", "{{ article.position.nope.deeper }}", 1)
    (overrides / "article.html").write_text(broken, encoding="utf-8")
    line = broken[:broken.index("nope")].count("\n") + 1
    content = tmp_path / "content"
    write(content, GOOD)
    from liverguide.build.__main__ import main
    status = main(["--settings", str(ROOT / "pelicanconf.py"), "--output", str(tmp_path / "output"),
                   "--content", str(content), "-e", f'THEME_TEMPLATES_OVERRIDES=["{overrides}"]'])
    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    assert lines == [f"{overrides / 'article.html'}:{line}: UndefinedError: 'int object' has no attribute 'nope'"]


def test_one_message_in_many_files_is_one_line_and_echoes_are_dropped():
    problems = [
        Problem("c/b.md", 4, "unknown citation key 'x'"),
        Problem("c/a.md", 9, "unknown citation key 'x'"),
        Problem("c/d.md", 2, "links to '{filename}/a.md', which does not exist", consequence=True),
        Problem("c/c.md", 1, "unknown citation key 'x'"),
        Problem("c/a.md", 3, "'summary' is empty"),
    ]
    assert one_line_per_mistake(problems) == [
        "c/a.md:3: 'summary' is empty",
        "c/a.md:9: unknown citation key 'x' (and in 2 other places)",
    ]
    only_echo = [Problem("c/d.md", 2, "links to 'a.md', which does not exist", consequence=True)]
    assert one_line_per_mistake(only_echo) == ["c/d.md:2: links to 'a.md', which does not exist"]


def test_notes_are_shown_after_a_build_that_succeeded_only(tmp_path, capsys):
    """An entry nothing cites is a note; after a failed build such notes are mostly echoes of the
    failure (the pages citing it were not read), so they are held back."""
    content = tmp_path / "content"
    uncited = BIB.replace("kemeny1999", "kemeny2005")
    write(content, {**GOOD, "references.bib": GOOD["references.bib"] + uncited})
    line = GOOD["references.bib"].count("\n") + 1
    assert build_messages(content, tmp_path, capsys) == (0, [f"note: {content / 'references.bib'}:{line}: "
                                                             "'kemeny2005' is not cited anywhere"])
    write(content, {S: article(Next_review="2027-13-01")})
    status, notes = build_messages(content, tmp_path, capsys)
    assert status == 1 and notes == []


def build_messages(content, tmp_path, capsys) -> tuple[int, list[str]]:
    from liverguide.build.__main__ import main
    status = main(["--settings", str(ROOT / "pelicanconf.py"), "--output", str(tmp_path / "output"),
                   "--content", str(content)])
    return status, [line for line in capsys.readouterr().err.splitlines() if line.startswith("note:")]
