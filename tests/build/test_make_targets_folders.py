"""Each build writes its own folder (Makefile): `make publish` once wrote into the editors'
output/, whose pages then opened unstyled from disk and failed `make check`."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def output_of(target: str) -> str:
    # -n: print the commands without running them; *_DEPS= : nothing is installed.
    proc = subprocess.run(["make", "-C", str(ROOT), "-n", "--no-print-directory", target, "BUILD_DEPS=",
                           "BOOKLET_DEPS="], capture_output=True, text=True, check=True)
    folders = re.findall(r"--output (\S+)", proc.stdout)
    assert len(folders) == 1, proc.stdout
    return folders[0]


def test_every_build_has_a_folder_of_its_own():
    folders = {target: output_of(target) for target in ("html", "publish", "offline", "devserver")}
    assert folders == {"html": "output", "publish": "output-publish", "offline": "output-offline",
                       "devserver": "output-preview"}
    assert "--drafts" in subprocess.run(["make", "-C", str(ROOT), "-n", "devserver", "BUILD_DEPS="],
                                        capture_output=True, text=True).stdout
    cleaned = subprocess.run(["make", "-C", str(ROOT), "-n", "clean"], capture_output=True, text=True).stdout
    assert all(folder in cleaned.split() for folder in folders.values())
