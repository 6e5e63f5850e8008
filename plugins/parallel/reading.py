"""Reading in parallel: each Markdown file the content cache cannot serve is converted in a
worker process, while Pelican asks for the files in its own order in the main process.

As soon as a generator exists (and knows its files), its uncached files are handed to a pool of
forked workers, which call the very reader the build would have called. The reader installed
here, outside every other plugin's, hands back a worker's result when the main process asks for
that file, replaying what the worker logged or raised (transport.py).
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

_PLUGINS = str(Path(__file__).resolve().parent.parent)
if _PLUGINS not in sys.path:  # plugins import each other by name, however started
    sys.path.insert(0, _PLUGINS)

import markdown_readers  # noqa: E402

from . import transport  # noqa: E402

# A single file is read in the main process: starting workers would cost more than it.
MIN_FILES = 2


class _Pool:
    """The workers and the results they owe, for one build."""

    def __init__(self):
        self.executor: ProcessPoolExecutor | None = None
        self.pending: dict[str, Future] = {}
        self.readers = None  # the Readers the workers read with (inherited when they fork)

    def start(self, readers, paths: list[str], workers: int) -> None:
        if self.executor is None:
            self.readers = readers
            self.executor = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                initializer=transport.capture_logs)
        for path in paths:
            self.pending[path] = self.executor.submit(_read_in_worker, path)

    def take(self, path: str) -> Future | None:
        return self.pending.pop(path, None)

    def stop(self, *_ignored) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor, self.pending, self.readers = None, {}, None


_pool = _Pool()


def parallel_reader(base: type) -> type:
    """The outermost Markdown reader: hands back a worker's result when one is owed."""

    class ParallelReader(base):
        def read(self, source_path):
            owed = _pool.take(os.path.abspath(source_path))
            if owed is None:
                return super().read(source_path)
            outcome, records = transport.loads(owed.result(), self.settings)
            for record in records:
                transport.log_again(record)
            if isinstance(outcome, BaseException):
                raise outcome
            return outcome

        def read_here(self, source_path):
            return super().read(source_path)

    return ParallelReader


def install(readers) -> None:
    """readers_init: wrap the Markdown reader last, outside every other plugin's wrapper."""
    markdown_readers.wrap(readers, "reads_in_parallel", parallel_reader)


def prefetch(generator, kind: str, workers: int) -> None:
    """Hand a generator's uncached Markdown files to the workers as soon as it exists, before
    it starts reading them (the same files its generate_context will ask for). `kind` is
    "ARTICLE" or "PAGE", as in the settings' names."""
    settings = generator.settings
    files = generator.get_files(settings[f"{kind}_PATHS"], exclude=settings[f"{kind}_EXCLUDES"])
    paths = []
    for relative in files:  # the set's own order: the order the generator will read them in
        path = os.path.abspath(os.path.join(generator.path, relative))
        reader = generator.readers.readers.get(os.path.splitext(path)[1].lstrip("."))
        if getattr(reader, "reads_in_parallel", False) and generator.readers.get_cached_data(path, None) is None:
            paths.append(path)
    if len(paths) >= MIN_FILES:
        _pool.start(generator.readers, paths, workers)


def stop(*_ignored) -> None:
    _pool.stop()


# --- in the workers -------------------------------------------------------------------------

def _read_in_worker(path: str) -> bytes:
    reader = _pool.readers.readers[os.path.splitext(path)[1].lstrip(".")]
    try:
        outcome = reader.read_here(path)
    except Exception as error:  # raised again in the main process, when it reaches this file
        outcome = transport.portable_error(error)
    return transport.dumps((outcome, transport.take_records()), reader.settings)
