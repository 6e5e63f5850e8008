"""What crosses between the build and its worker processes: results, log records and errors.

Workers are started fresh (the "spawn" way every platform has) and read with their own copy of
the settings. Only results come back, pickled. Whatever a worker logged is logged again in the
main process when the main process reaches that file, and whatever it raised is raised there,
so the build's problem lines do not depend on which process read a file.
"""
from __future__ import annotations

import io
import logging
import pickle

from pelican.log import FilteredMessage

from liverguide.errors import ContentError


class Captured(logging.Handler):
    """Installed in each worker: keeps WARNING-or-worse records to send back."""

    records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(portable(record))


def capture_logs() -> None:
    logging.getLogger().handlers[:] = [Captured(level=logging.WARNING)]
    Captured.records = []


def take_records() -> list[logging.LogRecord]:
    records, Captured.records = Captured.records, []
    return records


def portable(record: logging.LogRecord) -> logging.LogRecord:
    """A record that survives pickling: the exception being handled is kept (the build reads
    the file and line from it), its traceback is not."""
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.handled_error = portable_error(record.exc_info[1])
        record.exc_info = None
    try:
        pickle.dumps(record.args)
    except Exception:
        record.msg, record.args = record.getMessage(), None
    return record


def portable_error(error: BaseException) -> BaseException:
    """The error itself if it pickles (a ContentError found in its chain first), else its text."""
    cause, seen = error, set()
    while cause is not None and id(cause) not in seen:  # Markdown may wrap our ContentError
        if isinstance(cause, ContentError):
            error = cause
            break
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")


def log_again(record: logging.LogRecord) -> None:
    handled = getattr(record, "handled_error", None)
    if handled is None:
        _handle(record)
        return
    try:  # handlers look at the exception being handled, as when it was logged
        raise handled
    except BaseException:
        _handle(record)


def _handle(record: logging.LogRecord) -> None:
    try:
        logging.getLogger(record.name).handle(record)
    except FilteredMessage:  # Pelican's loggers drop a message already shown, by raising this
        pass


class SettingsPickler(pickle.Pickler):
    """Metadata such as a Category holds the settings; sent as themselves, each file's result
    would carry its own copy of every setting back, and the content cache would keep a copy per
    file. The settings travel as a name, and the main process puts its own settings object in
    their place."""

    def __init__(self, file, settings):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.settings = settings

    def persistent_id(self, obj):
        return "settings" if obj is self.settings else None


class SettingsUnpickler(pickle.Unpickler):
    def __init__(self, file, settings):
        super().__init__(file)
        self.settings = settings

    def persistent_load(self, pid):
        if pid != "settings":
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self.settings


def dumps(value, settings) -> bytes:
    buffer = io.BytesIO()
    SettingsPickler(buffer, settings).dump(value)
    return buffer.getvalue()


def loads(data: bytes, settings):
    return SettingsUnpickler(io.BytesIO(data), settings).load()
