"""Reading ahead: the Markdown files the content cache cannot serve are converted by worker
processes while Pelican asks for the files, in its own order, in the main process.

Workers are started the way every platform can ("spawn": a fresh Python that imports what it
needs) and each makes its own GuideReader from a copy of the build's settings. They take the
files from the last one Pelican will ask for; when Pelican asks for a file, the main process
takes the worker's result if it is there, waits for it if a worker has started it, and otherwise
reads the file itself. So the main process reads from the front while the workers read from
the back, and a build never waits for workers to start.
"""
from __future__ import annotations

import os
import pickle
from concurrent.futures import Future

from liverguide.processes import pool
from liverguide.reader import GuideReader

from . import transport


class ReadAhead:
    """The workers and the results they owe, for one build; `take()` is what GuideReader asks."""

    def __init__(self, settings: dict, workers: int):
        self.settings = settings
        self.pending: dict[str, Future] = {}
        self.executor = pool(workers, _start_worker, (pickle.dumps(settings, protocol=pickle.HIGHEST_PROTOCOL),))

    def submit(self, paths: list[str]) -> None:
        """Owe results for `paths`, which Pelican will ask for in this order. The workers take
        them from the end while the main process reads from the front, so neither waits for
        the other until they meet (taken in the same order, every file the main process reached
        was already a worker's, and it waited for each)."""
        for path in reversed(paths):
            self.pending[path] = self.executor.submit(_read_in_worker, path)

    def take(self, source_path: str):
        """(html, metadata) read by a worker, or None when the caller should read the file."""
        owed = self.pending.pop(os.path.abspath(source_path), None)
        if owed is None or (not owed.done() and owed.cancel()):
            return None
        outcome, records = transport.loads(owed.result(), self.settings)
        for record in records:
            transport.log_again(record)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.pending = {}


# --- in the workers -------------------------------------------------------------------------

_reader: GuideReader | None = None


def _start_worker(settings: bytes) -> None:
    global _reader
    transport.capture_logs()
    _reader = GuideReader(pickle.loads(settings))


def _read_in_worker(path: str) -> bytes:
    try:
        outcome = _reader.read_here(path)
    except Exception as error:  # raised again in the main process, when it reaches this file
        outcome = transport.portable_error(error)
    return transport.dumps((outcome, transport.take_records()), _reader.settings)
