"""The one kind of error bad content raises, shared by every part of the site's code.

Editors must see one line that says what is wrong and where ("content/articles/surgery.md:4:
'next_review' is not a date (got '2027-13-01'; …)"), so every plugin raises this instead of a bare
exception, and the build prints str(error) and nothing else.
"""
from __future__ import annotations

import difflib
import logging
import os
from collections.abc import Iterable
from pathlib import Path


class ContentError(Exception):
    def __init__(self, path: str | os.PathLike, line: int | None, message: str):
        self.path = os.fspath(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __reduce__(self):
        # Files may be read in worker processes (liverguide.plugins.parallel); the error travels
        # back pickled, and Exception's default would call __init__ with the message only.
        return (type(self), (self.path, self.line, self.message))

    def __str__(self) -> str:
        where = display_path(self.path)
        return f"{where}:{self.line}: {self.message}" if self.line else f"{where}: {self.message}"


def display_path(path: str | os.PathLike) -> str:
    """Relative to the current folder when the file is inside it (what editors type), else
    absolute (never a ../../.. trail)."""
    absolute = os.path.abspath(path)
    here = os.getcwd()
    if absolute == here:
        return "."
    return os.path.relpath(absolute) if absolute.startswith(here + os.sep) else absolute


def read_utf8(path: str | os.PathLike) -> str:
    """A source file's text (content, bibliography, glossary, clinic details), a byte-order mark
    dropped; a byte that is not UTF-8 stops the build at its line, whichever file it is in."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ContentError(path, line, f"is not saved as UTF-8 text (byte 0x{raw[error.start]:02x}); "
                                       "save the file with UTF-8 encoding") from None
    return text[1:] if text.startswith("\ufeff") else text


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset in a source file."""
    return text.count("\n", 0, offset) + 1


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The one of `choices` closest to a mistyped `word`, or None when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str], otherwise: str = "", cutoff: float = 0.6) -> str:
    """" (did you mean 'x'?)" naming the closest of `choices` to a mistyped `word`, so every
    plugin suggests the same way; `otherwise` when nothing is close (e.g. the list to pick from)."""
    close = closest(word, choices, cutoff)
    return f" (did you mean '{close}'?)" if close else otherwise



# Notes are what an editor may want to know that is not a mistake (a bibliography entry nothing
# cites). Not logging warnings, which the build treats as errors: the build wrapper
# (liverguide.build) shows them, as "note: …" lines, after a build that succeeded; after one that
# failed they would mostly be echoes of its problems.
NOTES = logging.getLogger("liverguide.notes")


def note(message: str) -> None:
    NOTES.info(message)
