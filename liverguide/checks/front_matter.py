"""What the front matter of an article and of a page may hold, and how each value is read.

The one place where field values get their types: dates become `datetime.date`, `Order` an
int, `Keywords` a list. Every check raises ContentError with the line of the field at fault.

Review dates are what patients are shown to judge how current a page is, so they must be
believable: `Last_reviewed` not after the day of the build (SOURCE_DATE_EPOCH's day when it is
set, so a reproducible build gives the same answer on any day), `Next_review` after it and at
most five years on.
"""
from __future__ import annotations

import datetime
import difflib
import os
import re
from dataclasses import dataclass
from typing import Callable

from liverguide.errors import ContentError, did_you_mean

FIELD_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*?)\s*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_REVIEW_YEARS = 5


@dataclass(frozen=True)
class Field:
    kind: str  # shown to editors: "a date", "a whole number", …
    parse: Callable[[str, dict], object]
    required: bool = True


def _text(value: str, settings: dict) -> str:
    return value


def _summary(value: str, settings: dict) -> str:
    limit = settings["SUMMARY_MAX_LENGTH"]
    if len(value) > limit:
        raise ValueError(f"is {len(value)} characters long; keep it to {limit} or fewer")
    return value


def _slug(value: str, settings: dict) -> str:
    if not SLUG.match(value):
        raise ValueError(f"must be lowercase letters, digits and single hyphens, like 'hai-pump' (got {value!r})")
    return value


def _category(value: str, settings: dict) -> str:
    allowed = settings["ARTICLE_CATEGORIES"]
    if value not in allowed:
        close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}?" if close else "use one of " + ", ".join(map(repr, allowed))
        raise ValueError(f"is not a category (got {value!r}; {hint})")
    return value


def _order(value: str, settings: dict) -> int:
    if not re.fullmatch(r"[0-9]+", value) or int(value) < 1:
        raise ValueError(f"is not a whole number of 1 or more (got {value!r})")
    return int(value)


def _date(value: str, settings: dict) -> datetime.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"is not a date (got {value!r}; write it as YYYY-MM-DD, such as 2027-01-31)") from None


def _keywords(value: str, settings: dict) -> list[str]:
    words = [word.strip() for word in value.split(",")]
    if not all(words):
        raise ValueError(f"has an empty keyword: separate keywords with single commas (got {value!r})")
    return words


def _status(value: str, settings: dict) -> str:
    if value not in {"published", "draft", "hidden"}:
        raise ValueError(f"must be 'published', 'draft' or 'hidden' (got {value!r})")
    return value


COMMON = {
    "title": Field("text", _text),
    "slug": Field("a slug", _slug),
    "summary": Field("text", _summary),
    "date": Field("a date", _date),
    "modified": Field("a date", _date),
    "last_reviewed": Field("a date", _date),
    "next_review": Field("a date", _date),
    "status": Field("a status", _status, required=False),
}
ARTICLE_FIELDS = {
    **COMMON,
    "category": Field("a category", _category),
    "order": Field("a whole number", _order),
    "keywords": Field("a list", _keywords),
}
PAGE_FIELDS = {
    **COMMON,
    "menu_title": Field("text", _text, required=False),
    "keywords": Field("a list", _keywords, required=False),
}


def front_matter(path: str, text: str) -> tuple[list[tuple[str, str, int]], int]:
    """The `Name: value` lines at the top of a file as (lowercase name, value, line), and the
    line where the text starts. Follows Python-Markdown's meta syntax (optional `---` fences,
    indented continuation lines), but where Markdown would quietly treat a bad line as text,
    this names it."""
    lines = text.splitlines()
    if not text.strip():
        raise ContentError(path, 1, "the file is empty: start it with the fields (Title: …, Slug: …), "
                                    "then a blank line, then the text")
    fields: list[tuple[str, str, int]] = []
    start = 1 if lines and lines[0].strip() == "---" else 0
    number = start
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip() or (start and line.strip() in {"---", "..."}):
            return fields, number + 1
        if line[:1] in " \t" and fields:
            name, value, where = fields[-1]
            fields[-1] = (name, f"{value} {line.strip()}", where)
            continue
        match = FIELD_LINE.match(line)
        if not match:
            if not fields:
                raise ContentError(path, number, "the file must start with its fields (Title: …, Slug: …), "
                                                 "then a blank line, then the text")
            raise ContentError(path, number, f"expected 'Name: value' or a blank line after the fields "
                                             f"(got {line.strip()[:40]!r})")
        fields.append((match.group(1).lower(), match.group(2), number))
    return fields, number + 1


@dataclass
class Checked:
    """One file's front matter, checked: each field's text as written and its typed value, the
    line each is on, and the line the body starts on."""
    raw: dict[str, str]
    values: dict[str, object]
    lines: dict[str, int]
    body_line: int


def check(path: str, text: str, schema: dict[str, Field], settings: dict) -> Checked:
    """Every field of one file, checked and typed; raises ContentError at the first fault."""
    fields, body_line = front_matter(path, text)
    raws: dict[str, str] = {}
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    for name, raw, line in fields:
        if name not in schema:
            hint = did_you_mean(name, schema, f" (known fields: {', '.join(schema)})")
            raise ContentError(path, line, f"unknown field {name!r}{hint}")
        if name in values:
            raise ContentError(path, line, f"{name!r} is given twice (first on line {lines[name]})")
        if not raw:
            raise ContentError(path, line, f"{name!r} is empty")
        try:
            values[name] = schema[name].parse(raw, settings)
        except ValueError as error:
            raise ContentError(path, line, f"{name!r} {error}") from None
        raws[name] = raw
        lines[name] = line
    missing = [name for name, field in schema.items() if field.required and name not in values]
    if missing:
        raise ContentError(path, max(body_line - 1, 1),
                           f"missing required field {missing[0]!r}"
                           + (f" (also missing: {', '.join(missing[1:])})" if missing[1:] else ""))
    if "modified" in values and values["modified"] < values["date"]:
        raise ContentError(path, lines["modified"], f"'modified' ({values['modified']}) is before 'date' ({values['date']})")
    if "next_review" in values and values["next_review"] <= values["last_reviewed"]:
        raise ContentError(path, lines["next_review"],
                           f"'next_review' ({values['next_review']}) must be after 'last_reviewed' ({values['last_reviewed']})")
    _check_review_dates(path, values, lines)
    return Checked(raws, values, lines, body_line)


def build_date(environ=os.environ) -> datetime.date:
    """The day of the build: SOURCE_DATE_EPOCH's (UTC) when it is set, else the machine's."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.date.today()
    try:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise ContentError("SOURCE_DATE_EPOCH", None, f"must be a whole number of seconds, got {epoch!r}") from None


def years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _check_review_dates(path: str, values: dict, lines: dict) -> None:
    reviewed, next_review = values.get("last_reviewed"), values.get("next_review")
    if reviewed is not None:
        today = build_date()
        if reviewed > today:
            by = " (SOURCE_DATE_EPOCH)" if os.environ.get("SOURCE_DATE_EPOCH", "").strip() else ""
            raise ContentError(path, lines["last_reviewed"],
                               f"'last_reviewed' ({reviewed}) is after the day of the build ({today}{by}): "
                               "a page cannot have been reviewed in the future")
    if reviewed is not None and next_review is not None and next_review > years_after(reviewed, MAX_REVIEW_YEARS):
        raise ContentError(path, lines["next_review"],
                           f"'next_review' ({next_review}) is more than {MAX_REVIEW_YEARS} years after "
                           f"'last_reviewed' ({reviewed}): review every page at least every {MAX_REVIEW_YEARS} years")
