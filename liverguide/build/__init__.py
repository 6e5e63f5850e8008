"""The one way the site is built: Pelican in-process, into a fresh folder, swapped in only when
the whole build succeeded.

Editors are not programmers: a mistake must end in one line per problem, `file:line: message`,
and must never cost them the site they already had. So every warning or error Pelican or a
plugin logs is collected (Pelican's own `--fatal warnings`, but reported instead of raised), the
build writes into a temporary folder beside the output folder, and the output folder is replaced
by a rename only when nothing went wrong. What may be an output folder, the lock against two
builds swapping the same one, and the clearing of folders a killed build left behind are in
output_folder.py.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from liverguide.build import output_folder
from liverguide.build.problems import Problem, describe_exception, describe_record
from liverguide.errors import NOTES, display_path


class _Notes(logging.Handler):
    """Keeps the notes (liverguide.errors.note) of one build, to show if it succeeds."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


class _Collector(logging.Handler):
    """Turns every WARNING-or-worse log record into a Problem, at the moment it is logged,
    while the exception that caused it (if any) is still the current one."""

    def __init__(self, settings: dict):
        super().__init__(level=logging.WARNING)
        self.settings = settings
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.problems.append(describe_record(record, sys.exc_info()[1], self.settings))


def _quiet_pelican() -> None:
    """Pelican prints a Rich banner, and drops a warning it has shown once in this process: both
    would hide or garble the problems of a later build in the same process (the devserver's
    tests, the bad-input catalogue). Repeats within one build are dropped here instead."""
    from pelican import log

    log.console.quiet = True
    log.init(handler=None, logs_dedup_min_level=logging.DEBUG)


def build(settings_file: str | os.PathLike, output: str | os.PathLike,
          overrides: dict | None = None) -> list[str]:
    """Build the site into `output`; return the problems found, one line each (empty: built).

    `output` is replaced only when the list is empty; otherwise it is left exactly as it was.
    """
    from pelican.settings import read_settings

    _quiet_pelican()
    output = Path(output).resolve()
    try:
        settings = read_settings(str(settings_file), override={**(overrides or {}), "OUTPUT_PATH": str(output)})
    except Exception as error:  # the settings file itself could not be read
        return [str(describe_exception(error, {"PATH": "."}, default_file=str(settings_file)))]
    refused = output_folder.refusal(output, settings, Path(settings_file))
    if refused:
        return [refused]
    with output_folder.locked(output):
        output_folder.clear_leftovers(output)
        return _build_locked(settings, output)


def _build_locked(settings: dict, output: Path) -> list[str]:
    from pelican import Pelican

    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=output_folder.staging_prefix(output), dir=output.parent))
    # mkdtemp makes the folder private (0700); the site it becomes must be readable by a web
    # server's user, as any folder made with the user's umask would be.
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
    settings = {**settings, "OUTPUT_PATH": str(staging)}
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    collector = _Collector(settings)
    notes = _Notes()
    try:
        root.handlers[:] = [collector]
        root.setLevel(logging.WARNING)
        NOTES.addHandler(notes)
        NOTES.setLevel(logging.INFO)
        NOTES.propagate = False
        try:
            Pelican(settings).run()
        except Exception as error:  # any crash is one more problem to report, not a traceback
            collector.problems.append(describe_exception(error, settings))
        problems = one_line_per_mistake(collector.problems)
        if not problems:
            output_folder.swap_in(staging, output)
            for line in notes.lines:
                print(f"note: {line}", file=sys.stderr)
        return problems
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        NOTES.removeHandler(notes)
        NOTES.propagate = True
        shutil.rmtree(staging, ignore_errors=True)


def one_line_per_mistake(problems: list[Problem]) -> list[str]:
    """One line for each mistake, in file and line order: a problem that only echoes another
    (a link to a file that could not be read) is dropped, and one message repeated in several
    files (every page citing a deleted bibliography entry) is one line naming the first place
    and counting the others."""
    real = [p for p in problems if not p.consequence] or problems
    places: dict[str, list[Problem]] = {}
    for problem in sorted(real, key=lambda p: (display_path(p.path), p.line or 0)):
        places.setdefault(problem.message, []).append(problem)
    lines = []
    for message, found in places.items():
        unique = list(dict.fromkeys(str(p) for p in found))
        more = len(unique) - 1
        lines.append(unique[0] + (f" (and in {more} other place{'s' if more > 1 else ''})" if more else ""))
    return lines
