"""liverguide.plugins.parallel: Markdown read ahead in worker processes. The site, its problems
and their `file:line` must be exactly what one process gives, on any platform's way of starting
processes."""
from __future__ import annotations

import filecmp
import logging
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pelican.settings import read_settings

from liverguide.plugins.parallel import transport
from liverguide.plugins.parallel.pool import ReadAhead
from liverguide.reader import GuideReader
from tests.helpers import ROOT, build

# The real site has fewer files than make workers worth starting: read ahead anyway.
WORKERS = ["-e", "READ_PROCESSES=3", "-e", "READ_AHEAD_MIN_FILES=1"]


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_the_site_is_byte_for_byte_the_same_read_in_one_process(tmp_path):
    alone, shared = tmp_path / "one-process", tmp_path / "workers"
    build(alone, extra=["-e", "READ_PROCESSES=1"])
    build(shared, extra=WORKERS)
    assert tree(alone) == tree(shared)
    assert [name for name in tree(alone) if not filecmp.cmp(alone / name, shared / name, shallow=False)] == []


def test_a_workers_result_is_what_the_main_process_would_have_read():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    paths = sorted(str(p) for p in (ROOT / "content").rglob("*.md"))
    ahead = ReadAhead(settings, workers=2)
    try:
        ahead.submit(paths)
        deadline = time.monotonic() + 120
        while not all(future.done() for future in ahead.pending.values()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert all(future.done() for future in ahead.pending.values()), "the workers never finished"
        here = GuideReader(settings)
        for path in paths:  # every result is a worker's: each was done before it was asked for
            assert ahead.take(path) == here.read_here(path), path
        assert ahead.take(paths[0]) is None, "a result is handed over once"
    finally:
        ahead.close()


def test_the_build_runs_where_processes_cannot_fork(tmp_path):
    """As on Windows and macOS: no os.fork and no os.sched_getaffinity in the build's process."""
    run = ("import os, runpy, sys; del os.fork, os.sched_getaffinity; "
           "sys.argv = ['liverguide.build', *sys.argv[1:]]; runpy.run_module('liverguide.build', run_name='__main__')")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", run, "--settings", "pelicanconf.py", "--output", str(out),
                           "-e", f"CACHE_PATH={tmp_path / 'cache'}", *WORKERS],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    build(tmp_path / "alone", extra=["-e", "READ_PROCESSES=1"])
    assert [name for name in tree(out) if not filecmp.cmp(out / name, tmp_path / "alone" / name, shallow=False)] == []


def test_problems_found_in_other_processes_are_reported_as_in_one_process(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    surgery = content / "articles" / "05-surgery.md"
    text = surgery.read_text(encoding="utf-8").splitlines(keepends=True)
    cited = next(i for i, line in enumerate(text) if "[@" in line and i > 12)
    text[cited] = text[cited].replace("[@", "[@no-such-key; @", 1)
    surgery.write_text("".join(text), encoding="utf-8")
    overview = next((content / "articles").glob("01-*.md"))
    overview.write_text(overview.read_text(encoding="utf-8") + "\nA <script>alert(1)</script> here.\n",
                        encoding="utf-8")
    for name in ("07-hai-pump.md", "08-biologic-drugs.md"):
        path = content / "articles" / name
        path.write_text(path.read_text(encoding="utf-8") + f"\nSee [this]({{filename}}/articles/gone-{name}).\n",
                        encoding="utf-8")
    outputs = {}
    for label, extra in (("one", ["-e", "READ_PROCESSES=1"]), ("workers", WORKERS)):
        proc = build(tmp_path / f"run-{label}" / "out", content=content, check=False, extra=extra)
        assert proc.returncode != 0
        # Sorted: Pelican reads files in the order of a set of names, which differs from run to
        # run (string hashing is seeded per process), one process or several.
        lines = (proc.stdout + proc.stderr).replace(f"run-{label}", "run").splitlines()
        outputs[label] = sorted(line for line in lines if line.strip())
    assert outputs["one"] == outputs["workers"]
    assert any(f"05-surgery.md:{cited + 1}: unknown citation key 'no-such-key'" in line for line in outputs["workers"])
    assert any(f"{overview.name}:" in line and "<script> is not allowed" in line for line in outputs["workers"])
    for name in ("07-hai-pump.md", "08-biologic-drugs.md"):
        assert any(f"articles/{name}:" in line and f"gone-{name}" in line for line in outputs["workers"]), outputs


def test_a_workers_log_record_is_logged_again_with_the_error_it_was_handling():
    seen = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append((record.getMessage(), sys.exc_info()[1]))

    logger = logging.getLogger("parallel-reading-test")
    logger.addHandler(Keep())
    logger.propagate = False
    try:
        raise ValueError("bad value")
    except ValueError:
        record = logger.makeRecord(logger.name, logging.WARNING, __file__, 1, "Could not process %s",
                                   (Path("x.md"),), sys.exc_info())
    travelled = transport.portable(record)
    transport.log_again(pickle.loads(pickle.dumps(travelled)))
    (message, error), = seen
    assert message == "Could not process x.md"
    assert isinstance(error, ValueError) and str(error) == "bad value"
