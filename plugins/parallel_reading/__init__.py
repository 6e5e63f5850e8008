"""Parallel reading: Markdown files are converted in worker processes, one per CPU, while the
build goes on in order in the main process.

Converting Markdown (citations, glossary links, diagrams, tables, the metadata check) is most of
a cold build, one file at a time on one core, and every file is converted on its own. So as soon
as a generator knows its files, the ones the content cache cannot serve are handed to a pool of
forked workers. The workers start from a copy of the main process (settings, bibliography,
glossary and Markdown extensions already loaded) and call the very reader the build would have
called. The main process still asks for each file in Pelican's order: the reader installed here
hands back the worker's result instead of converting again. What a worker logged is logged
again in the main process at that moment, and what it raised is raised there, so a build's
problems, their order and their `file:line` are the same as reading one file at a time.

Settings:
  READ_PROCESSES  worker processes (default: the CPUs this process may use); 1 reads every
                  file in the main process, as plain Pelican does.
"""
from __future__ import annotations

import io
import logging
import multiprocessing
import os
import pickle
from concurrent.futures import Future, ProcessPoolExecutor

from pelican import signals
from pelican.readers import MarkdownReader

log = logging.getLogger(__name__)

# A single file is read in the main process: starting workers would cost more than it.
MIN_FILES = 2


def processes(settings) -> int:
    wanted = settings.get("READ_PROCESSES")
    return max(1, int(wanted) if wanted else len(os.sched_getaffinity(0)))


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
                initializer=_capture_logs)
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
        reads_in_parallel = True

        def read(self, source_path):
            owed = _pool.take(os.path.abspath(source_path))
            if owed is None:
                return super().read(source_path)
            outcome, records = _SettingsUnpickler(io.BytesIO(owed.result()), self.settings).load()
            for record in records:
                _log_again(record)
            if isinstance(outcome, BaseException):
                raise outcome
            return outcome

        def read_here(self, source_path):
            return super().read(source_path)

    ParallelReader.__name__ = ParallelReader.__qualname__ = base.__name__  # Pelican names the reader after its class
    return ParallelReader


def install(readers) -> None:
    """readers_init: wrap the Markdown reader last, outside every other plugin's wrapper."""
    for extension in MarkdownReader.file_extensions:
        base = readers.reader_classes.get(extension)
        if base is not None and not getattr(base, "reads_in_parallel", False):
            readers.reader_classes[extension] = parallel_reader(base)


def prefetch_articles(generator) -> None:
    prefetch(generator, "ARTICLE")


def prefetch_pages(generator) -> None:
    prefetch(generator, "PAGE")


def prefetch(generator, kind: str) -> None:
    """Hand a generator's uncached Markdown files to the workers as soon as it exists, before
    it starts reading them (the same files its generate_context will ask for)."""
    settings = generator.settings
    workers = processes(settings)
    if workers < 2:
        return
    files = generator.get_files(settings[f"{kind}_PATHS"], exclude=settings[f"{kind}_EXCLUDES"])
    paths = []
    for relative in files:  # the set's own order: the order the generator will read them in
        path = os.path.abspath(os.path.join(generator.path, relative))
        reader = generator.readers.readers.get(os.path.splitext(path)[1].lstrip("."))
        if getattr(reader, "reads_in_parallel", False) and generator.readers.get_cached_data(path, None) is None:
            paths.append(path)
    if len(paths) >= MIN_FILES:
        _pool.start(generator.readers, paths, workers)


# --- in the workers -------------------------------------------------------------------------

class _Captured(logging.Handler):
    records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(_portable(record))


def _capture_logs() -> None:
    root = logging.getLogger()
    root.handlers[:] = [_Captured(level=logging.WARNING)]


def _read_in_worker(path: str) -> bytes:
    _Captured.records = []
    reader = _pool.readers.readers[os.path.splitext(path)[1].lstrip(".")]
    try:
        outcome = reader.read_here(path)
    except Exception as error:  # raised again in the main process, when it reaches this file
        outcome = _portable_error(error)
    buffer = io.BytesIO()
    _SettingsPickler(buffer, reader.settings).dump((outcome, _Captured.records))
    return buffer.getvalue()


class _SettingsPickler(pickle.Pickler):
    """Metadata such as a Category holds the settings; sent as themselves, each file's result
    would carry its own copy of every setting back, and the content cache would keep a copy
    per file (it grew from 37 to 88 MB at 1,000 articles). The settings travel as a name, and
    the main process puts its own settings object in their place."""

    def __init__(self, file, settings):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.settings = settings

    def persistent_id(self, obj):
        return "settings" if obj is self.settings else None


class _SettingsUnpickler(pickle.Unpickler):
    def __init__(self, file, settings):
        super().__init__(file)
        self.settings = settings

    def persistent_load(self, pid):
        if pid != "settings":
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self.settings


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """A record that survives pickling: the exception being handled is kept (the build reads
    the file and line from it), its traceback is not."""
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.handled_error = _portable_error(record.exc_info[1])
        record.exc_info = None
    try:
        pickle.dumps(record.args)
    except Exception:
        record.msg, record.args = record.getMessage(), None
    return record


def _portable_error(error: BaseException) -> BaseException:
    """The error itself if it pickles (a ContentError found in its chain first), else its text."""
    cause, seen = error, set()
    while cause is not None and id(cause) not in seen:  # a reader may wrap a plugin's ContentError
        if type(cause).__name__ == "ContentError":
            error = cause
            break
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")


# --- back in the main process ---------------------------------------------------------------

def _log_again(record: logging.LogRecord) -> None:
    handled = getattr(record, "handled_error", None)
    if handled is None:
        logging.getLogger(record.name).handle(record)
        return
    try:  # handlers look at the exception being handled, as when it was logged
        raise handled
    except BaseException:
        logging.getLogger(record.name).handle(record)


def register():
    signals.initialized.connect(_pool.stop)
    signals.readers_init.connect(install)
    signals.article_generator_init.connect(prefetch_articles)
    signals.page_generator_init.connect(prefetch_pages)
    signals.all_generators_finalized.connect(_pool.stop)
    signals.finalized.connect(_pool.stop)
