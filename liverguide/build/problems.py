"""Turning whatever went wrong in a build into `file:line: message`.

Plugins raise ContentError, which already knows its file and line. Pelican's own messages do
not: they name a file at best, never a line, and a reader's failure only says "Could not
process …" while the real reason is the exception being handled. So each known message is
matched here and its line is found by searching the source text for what it is about.
"""
from __future__ import annotations

import inspect
import os
import traceback
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from liverguide.errors import ContentError, display_path, line_of

LINK_MARKERS = ("{filename}", "{static}", "{attach}", "|filename|", "|static|", "|attach|")
TEMPLATE_SUFFIXES = (".html", ".xml", ".jinja", ".j2")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    # Only a consequence of another problem (a link to a file that exists but could not be
    # read): not shown when that problem is.
    consequence: bool = False

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line or 1}: {self.message}"


def content_error_in(error: BaseException | None):
    """The ContentError that caused `error`, if any (a reader or Markdown may wrap it)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, ContentError):
            return error
        error = error.__cause__ or error.__context__
    return None


def line_containing(path: str | os.PathLike, needle: str, default: int | None = 1) -> int | None:
    """1-based number of the first line of `path` that contains `needle` (case-insensitive)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return default
    at = text.lower().find(needle.lower())
    return line_of(text, at) if at >= 0 else default


def _source_of_current_content() -> str | None:
    """Pelican logs a broken link from inside the content object that has it, without naming
    it: find that object on the call stack."""
    from pelican.contents import Content

    frame = inspect.currentframe()
    while frame is not None:
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, Content):
            return candidate.source_path
        frame = frame.f_back
    return None


def _content_files(settings: dict) -> list[Path]:
    root = Path(settings.get("PATH", "."))
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".md", ".markdown", ".html", ".rst"})


def _broken_link(url: str, settings: dict) -> Problem:
    source = _source_of_current_content()
    candidates = [Path(source)] if source else _content_files(settings)
    # The file is there but was not read: its own problem is reported, this is only its echo.
    echo = (Path(settings.get("PATH", ".")) / unquote(url.lstrip("/"))).is_file()
    for path in candidates:
        for marker in LINK_MARKERS:
            for needle in (marker + "/" + url.lstrip("/"), marker + url.lstrip("/")):
                line = line_containing(path, needle, None)
                if line:
                    return Problem(str(path), line, f"links to {needle!r}, which does not exist", consequence=echo)
    return Problem(str(candidates[0]) if candidates else settings.get("PATH", "."), None,
                   f"links to something that does not exist: '{url}'")


def _unreadable(path: str, error: BaseException) -> Problem:
    if isinstance(error, UnicodeDecodeError):
        raw = Path(path).read_bytes()
        line = raw.count(b"\n", 0, error.start) + 1
        return Problem(path, line, f"is not saved as UTF-8 text (byte 0x{raw[error.start]:02x} cannot be "
                                   "read); save it with UTF-8 encoding")
    where = getattr(error, "lineno", None) or getattr(error, "line", None)
    return Problem(path, where if isinstance(where, int) else 1,
                   f"could not be read: {type(error).__name__}: {error}")


def describe_record(record, error: BaseException | None, settings: dict) -> Problem:
    """One Problem for one WARNING-or-worse log record."""
    found = content_error_in(error)
    if found is not None:
        return Problem(found.path, found.line, found.message)
    args = record.args if isinstance(record.args, tuple) else (record.args,)
    template = str(record.msg)
    if template.startswith("Could not process") and args:
        return _unreadable(str(Path(settings.get("PATH", ".")) / str(args[0])), error or RuntimeError("unknown error"))
    if template.startswith("Unable to find") and args:
        return _broken_link(str(args[0]), settings)
    if template.startswith("Cannot get modification stamp") and args:
        missing = os.path.relpath(str(args[0]), settings.get("PATH", "."))
        return _broken_link(missing, settings)
    if template.startswith("Skipping %s: could not find information about"):
        return Problem(_path_of(args[0], settings), 1, f"has no '{args[1]}' field")
    if template.startswith("Empty alt attribute for image"):
        image, path = str(args[0]), str(args[1])
        return Problem(path, line_containing(path, image),
                       f"image '{image}' has no alt text: describe it in the [brackets] of ![...](...)")
    if "items with slug" in template or "same lang" in template or "items with the same" in template:
        paths = [str(a) for a in args if isinstance(a, str) and os.path.sep in a or str(a).endswith(".md")]
        return Problem(_path_of(paths[-1], settings) if paths else settings.get("PATH", "."), None,
                       "has the same slug as " + ", ".join(paths[:-1]) if paths else record.getMessage())
    message = record.getMessage().strip().splitlines()[0]
    paths = [_path_of(a, settings) for a in args if _path_of(a, settings, None)]
    return Problem(paths[0] if paths else settings.get("PATH", "."), None, message)


def describe_exception(error: BaseException, settings: dict, default_file: str | None = None) -> Problem:
    """One Problem for an exception that stopped the build."""
    found = content_error_in(error)
    if found is not None:
        return Problem(found.path, found.line, found.message)
    filename, lineno = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename:  # Jinja and Python syntax errors know where they are
        return Problem(str(filename), lineno, f"{type(error).__name__}: {getattr(error, 'message', None) or error}")
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    template = _template_frame(error)
    if template is not None:  # a template failed while rendering: Jinja puts its lines in the traceback
        return Problem(template.filename, template.lineno, f"{type(error).__name__}: {message}")
    return Problem(default_file or settings.get("PATH", "."), None, f"{type(error).__name__}: {message}")


def _template_frame(error: BaseException):
    """The innermost frame of a template in the traceback of `error`, if any: Jinja rewrites
    the traceback of an error raised while rendering so that it shows the template's lines."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if frame.filename.endswith(TEMPLATE_SUFFIXES) and os.path.isfile(frame.filename)]
    return frames[-1] if frames else None


def _path_of(value, settings: dict, default="") -> str | None:
    """The source file a log argument stands for: a content object or a path."""
    source = getattr(value, "source_path", None)
    if source:
        return str(source)
    if isinstance(value, (str, os.PathLike)):
        for candidate in (Path(value), Path(settings.get("PATH", ".")) / str(value)):
            if candidate.is_file():
                return str(candidate)
    return default if default != "" else str(value)
