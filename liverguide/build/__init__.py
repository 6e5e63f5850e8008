"""The one way the site is built: Pelican in-process, into a fresh folder, swapped in only when
the whole build succeeded.

Editors are not programmers: a mistake must end in one line per problem, `file:line: message`,
and must never cost them the site they already had. So every warning or error Pelican or a
plugin logs is collected (Pelican's own `--fatal warnings`, but reported instead of raised), the
build writes into a temporary folder beside the output folder, and the output folder is replaced
by a rename only when nothing went wrong.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from liverguide.build.problems import Problem, describe_exception, describe_record


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
    from pelican import Pelican
    from pelican.settings import read_settings

    _quiet_pelican()
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    # mkdtemp makes the folder private (0700); the site it becomes must be readable by a web
    # server's user, as any folder made with the user's umask would be.
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    collector = None
    try:
        settings = read_settings(str(settings_file), override={**(overrides or {}),
                                                               "OUTPUT_PATH": str(staging)})
        collector = _Collector(settings)
        root.handlers[:] = [collector]
        root.setLevel(logging.WARNING)
        try:
            Pelican(settings).run()
        except Exception as error:  # any crash is one more problem to report, not a traceback
            collector.problems.append(describe_exception(error, settings))
        problems = _unique(str(p) for p in collector.problems)
        if not problems:
            _swap_in(staging, output)
        return problems
    except Exception as error:  # the settings file itself could not be read
        problems = [str(describe_exception(error, {"PATH": "."}, default_file=str(settings_file)))]
        return problems
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, output: Path) -> None:
    """Replace `output` with `staging` by renames: at no moment is there a half-written site."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        os.rename(output, old)
    os.rename(staging, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _unique(lines) -> list[str]:
    seen: dict[str, None] = {}
    for line in lines:
        seen.setdefault(line, None)
    return list(seen)
