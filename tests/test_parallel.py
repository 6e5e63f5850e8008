"""The build uses every CPU (plugins/parallel: Markdown converted in worker processes, article
pages written by two processes): the site, its problems and their `file:line` must be exactly
what one process gives."""
from __future__ import annotations

import filecmp
import logging
import os
import shutil
import sys
from pathlib import Path

from conftest import ROOT, build

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

from parallel import reading, transport  # noqa: E402
from sitebuild import build as build_in_process  # noqa: E402


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_the_site_is_byte_for_byte_the_same_read_in_one_process(site, tmp_path):
    alone = tmp_path / "one-process"
    build(alone, extra=["-e", "READ_PROCESSES=1"])
    assert tree(alone) == tree(site)
    differing = [name for name in tree(site) if not filecmp.cmp(site / name, alone / name, shallow=False)]
    assert differing == []


SPY_LOG = None


def spying_read(path: str) -> bytes:
    """Stands in for the worker's read (module level, so the pool can send it by name)."""
    with open(SPY_LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {path}\n")
    return REAL_READ(path)


REAL_READ = reading._read_in_worker


def test_every_uncached_markdown_file_is_converted_in_a_worker(tmp_path, monkeypatch):
    global SPY_LOG
    SPY_LOG = tmp_path / "reads.log"
    monkeypatch.setattr(reading, "_read_in_worker", spying_read)
    overrides = {"CACHE_PATH": str(tmp_path / "cache"), "READ_PROCESSES": 2}
    assert build_in_process(ROOT / "pelicanconf.py", tmp_path / "out", overrides) == []
    reads = [line.split(" ", 1) for line in SPY_LOG.read_text(encoding="utf-8").splitlines()]
    sources = {str(p) for p in (ROOT / "content").rglob("*.md") if p.parent.name in {"articles", "pages"}}
    assert {path for _, path in reads} == sources and len(reads) == len(sources)
    workers = {pid for pid, _ in reads}
    assert str(os.getpid()) not in workers and 1 <= len(workers) <= 2
    # A warm rebuild reads nothing again: the content cache serves every file.
    SPY_LOG.write_text("", encoding="utf-8")
    assert build_in_process(ROOT / "pelicanconf.py", tmp_path / "out", overrides) == []
    assert SPY_LOG.read_text(encoding="utf-8") == ""


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
    # Broken links are found while pages are written: in neighbouring articles, so that each
    # writing process meets one.
    # (Different targets: Pelican shows a message that is word for word the same only once.)
    for name in ("07-hai-pump.md", "08-biologic-drugs.md"):
        path = content / "articles" / name
        path.write_text(path.read_text(encoding="utf-8") + f"\nSee [this]({{filename}}/articles/gone-{name}).\n",
                        encoding="utf-8")
    outputs = {}
    for processes in (1, 2):
        proc = build(tmp_path / f"run-{processes}" / "out", content=content, check=False,
                     extra=["-e", f"READ_PROCESSES={processes}"])
        assert proc.returncode != 0
        # Sorted: Pelican reads files in the order of a set of names, which differs from run to
        # run (string hashing is seeded per process), one process or several.
        lines = (proc.stdout + proc.stderr).replace(f"run-{processes}", "run").splitlines()
        outputs[processes] = sorted(line for line in lines if line.strip())
    assert outputs[1] == outputs[2]
    assert any(f"05-surgery.md:{cited + 1}: unknown citation key 'no-such-key'" in line for line in outputs[2])
    assert any(f"{overview.name}:" in line and "a <script> element" in line for line in outputs[2])
    for name in ("07-hai-pump.md", "08-biologic-drugs.md"):
        assert any(f"articles/{name}:" in line and f"gone-{name}" in line for line in outputs[2]), outputs[2]


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
    import pickle
    transport.log_again(pickle.loads(pickle.dumps(travelled)))
    (message, error), = seen
    assert message == "Could not process x.md"
    assert isinstance(error, ValueError) and str(error) == "bad value"
