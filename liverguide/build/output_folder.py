"""The output folder: what it may be, one build at a time, and nothing left behind.

A build replaces its output folder whole (liverguide.build), so an output folder that is the
project, content/ or theme/, or holds any of them, would be deleted with the sources
(`make html OUTPUTDIR=.` once did that and exited 0). `refusal()` says no before anything is
touched.

Two builds of the same output (`make devserver` rebuilding while `make html` runs) would both
rename it away and back: a lock (a file in the temporary folder, chosen by the output folder's
path) makes the second wait. Holding it, a build knows that the staging folders
(`.output.building-*`) and old copies (`.output.old-*`) of its output are left over from a build
that was killed: it removes them, and puts the old copy back if the kill came between the two
renames of the swap. Those folders are also ignored by git (.gitignore).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import filelock

from liverguide.errors import display_path


def refusal(output: Path, settings: dict, settings_file: Path) -> str | None:
    """Why `output` (resolved) must not be the output folder, or None when it may be."""
    project = settings_file.resolve().parent
    protected = {
        "the project folder": project,
        "the content folder": Path(settings["PATH"]).resolve(),
        "the theme folder": Path(settings["THEME"]).resolve(),
    }
    repository = next((folder for folder in [project, *project.parents] if (folder / ".git").exists()), None)
    if repository is not None:
        protected["the repository"] = repository
    shown = display_path(output)
    whole = "a build replaces its output folder whole; choose a folder of its own, such as output/"
    for what, folder in protected.items():
        if output == folder:
            return f"{shown}: refused as the output folder: it is {what}, and {whole}"
        if output in folder.parents:
            return f"{shown}: refused as the output folder: it holds {what} ({display_path(folder)}), and {whole}"
    for what in ("the content folder", "the theme folder"):
        if protected[what] in output.parents:
            return (f"{shown}: refused as the output folder: it is inside {what} ({display_path(protected[what])}), "
                    "which the build reads; choose a folder of its own, such as output/")
    return None


def staging_prefix(output: Path) -> str:
    return f".{output.name}.building-"


def _old_prefix(output: Path) -> str:
    return f".{output.name}.old-"


def lock_file(output: Path) -> Path:
    """The lock file of `output`. It stays after a build (removing a lock file breaks the lock
    for whoever waits on it), so output folders share 256 of them: two builds of different
    folders rarely wait for each other, and the temporary folder does not fill up with a file
    per folder ever built."""
    bucket = hashlib.sha256(os.fsencode(output)).hexdigest()[:2]
    return Path(tempfile.gettempdir()) / "liverguide-build-locks" / f"{bucket}.lock"


@contextmanager
def locked(output: Path):
    """Hold the lock of `output` for the block, waiting for another build that holds it."""
    path = lock_file(output)
    path.parent.mkdir(exist_ok=True)
    lock = filelock.FileLock(path)
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        print(f"Waiting for another build of {display_path(output)}/ to finish…", file=sys.stderr, flush=True)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def clear_leftovers(output: Path) -> None:
    """Remove what killed builds of `output` left beside it; call with its lock held."""
    if not output.parent.is_dir():
        return
    mine = [entry for entry in output.parent.iterdir()
            if entry.name.startswith((staging_prefix(output), _old_prefix(output))) and entry.is_dir()]
    olds = sorted((entry for entry in mine if entry.name.startswith(_old_prefix(output))),
                  key=lambda entry: entry.stat().st_mtime)
    if not output.exists() and olds:
        # Killed between the two renames of swap_in: the last good site is the newest old copy.
        os.rename(olds.pop(), output)
    for entry in mine:
        if entry.exists():
            shutil.rmtree(entry, ignore_errors=True)


def swap_in(staging: Path, output: Path) -> None:
    """Replace `output` with `staging` by renames: at no moment is there a half-written site."""
    old = None
    if output.exists():
        old = output.with_name(f"{_old_prefix(output)}{os.getpid()}")
        os.rename(output, old)
    os.rename(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
