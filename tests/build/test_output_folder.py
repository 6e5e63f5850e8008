"""The output folder (liverguide/build/output_folder.py): never one that holds the sources, one
build at a time, and nothing a killed build left behind survives the next one.

The refusals are tried on a copy of the project in a temporary folder, so a regression deletes
nothing of the real one."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from liverguide.build import output_folder
from liverguide.build.__main__ import main as build_main
from tests.helpers import GOOD, ROOT, S, article, snapshot, write


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's settings and theme, with a small content folder."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pelicanconf.py", "clinic.ini"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "theme", project / "theme")
    write(project / "content", GOOD)
    (project / ".git").mkdir()
    return project


def run(project: Path, output: Path, capsys, *extra: str) -> tuple[int, list[str], str]:
    status = build_main(["--settings", str(project / "pelicanconf.py"), "--output", str(output),
                         "--content", str(project / "content"), "-e", f"CACHE_PATH={project.parent / 'cache'}",
                         *extra])
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


@pytest.mark.parametrize("where, says", [
    (".", "it is the project folder"),
    ("content", "it is the content folder"),
    ("theme", "it is the theme folder"),
    ("..", "it holds the project folder"),
    ("content/images", "it is inside the content folder"),
    ("theme/static/out", "it is inside the theme folder"),
])
def test_a_folder_holding_the_sources_is_refused_before_anything_is_touched(project, capsys, where, says):
    output = (project / where).resolve()
    before = snapshot(project.parent)
    status, lines, _ = run(project, output, capsys)
    assert status == 1
    assert len(lines) == 1 and "refused as the output folder" in lines[0] and says in lines[0], lines
    assert lines[0].endswith("choose a folder of its own, such as output/")
    assert snapshot(project.parent) == before, "something was changed"
    assert sorted(p.name for p in project.parent.iterdir()) == ["project"]


def test_a_folder_holding_the_repository_is_refused(tmp_path, project, capsys):
    site = project.parent / "repository" / "site"
    site.parent.mkdir()
    (site.parent / ".git").mkdir()
    shutil.move(project, site)
    (site / ".git").rmdir()
    status, lines, _ = run(site, site.parent, capsys)
    assert status == 1 and "refused as the output folder" in lines[0], lines


def test_leftovers_of_killed_builds_are_removed_and_ignored_by_git(project, capsys):
    output = project / "output"
    for leftover in (".output.building-k1ll3d", ".output.old-4242"):
        (project / leftover).mkdir()
        (project / leftover / "index.html").write_text("half a site", encoding="utf-8")
    (project / ".other.building-x").mkdir()  # another output folder's: not this build's business
    status, lines, _ = run(project, output, capsys)
    assert status == 0, lines
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == [".git", ".other.building-x"]
    for leftover in (".output.building-k1ll3d/", ".output-offline.old-1/"):
        ignored = subprocess.run(["git", "check-ignore", "--no-index", "-q", leftover], cwd=ROOT)
        assert ignored.returncode == 0, f"git does not ignore {leftover}"


def test_a_build_killed_between_the_two_renames_gets_its_site_back(project, capsys):
    """The output folder had been renamed away and the new one not yet renamed in: the next
    build puts the old site back first, so even a failed build leaves the last good site."""
    old = project / ".output.old-4242"
    old.mkdir()
    (old / "index.html").write_text("the last good site", encoding="utf-8")
    write(project / "content", {S: article(Next_review="2027-13-01")})
    status, lines, _ = run(project, project / "output", capsys)
    assert status == 1 and "is not a date" in lines[0]
    assert (project / "output" / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert not old.exists()


def test_a_second_build_of_the_same_output_waits_for_the_first(project):
    output = project / "output"
    command = [sys.executable, "-m", "liverguide.build", "--settings", str(project / "pelicanconf.py"),
               "--output", str(output), "--content", str(project / "content"),
               "-e", f"CACHE_PATH={project.parent / 'cache'}"]
    with output_folder.locked(output.resolve()):
        second = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Long enough for the small site to build several times over, had it not waited.
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and second.poll() is None and not output.exists():
            time.sleep(0.2)
        assert second.poll() is None and not output.exists(), "the second build did not wait"
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert "Waiting for another build of" in err
    assert (output / "index.html").is_file()


def test_builds_of_different_outputs_do_not_wait_for_each_other(project, capsys):
    mine = output_folder.lock_file((project / "output").resolve())
    other = next(project / f"elsewhere-{n}" for n in range(1000)
                 if output_folder.lock_file((project / f"elsewhere-{n}").resolve()) != mine)
    with output_folder.locked(other.resolve()):
        status, lines, err = run(project, project / "output", capsys)
    assert status == 0 and "Waiting" not in err
