"""Worker processes, started the way every platform can, and how many a build may use.

Both the reader's read-ahead (liverguide.plugins.parallel) and the search index
(liverguide.plugins.search) hand work to other processes. "spawn" starts a fresh Python that
imports what it needs: the only start method Windows has, the default on macOS, and safe beside
threads everywhere (a forked copy of a build is not).
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def processes(settings) -> int:
    """READ_PROCESSES, or the machine's CPUs: the processes a build may use, its own included;
    1 does everything in the build's own process, as plain Pelican does."""
    wanted = settings.get("READ_PROCESSES")
    return max(1, int(wanted) if wanted else (os.cpu_count() or 1))


def pool(workers: int, initializer=None, initargs: tuple = ()) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=initializer, initargs=initargs)
