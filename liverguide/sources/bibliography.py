"""Reads content/references.bib with pybtex and checks every entry, so a bad reference stops
the build with the .bib file and line instead of printing a broken list."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyDataError, parse_string
from pybtex.richtext import Text
from pybtex.scanner import PybtexError, PybtexSyntaxError

from liverguide.checks import content_safety
from liverguide.errors import ContentError, did_you_mean, line_of, read_utf8

# What each supported entry type must have for an AMA reference a reader can find. Web pages
# have no author or date in our sources; AMA starts those with the title, and we never guess a date.
# Some verified records give no authors (a paper cited by its title): AMA then starts with the title.
REQUIRED = {
    "article": ("title", "journal", "year"),
    "incollection": ("author", "title", "booktitle", "year"),
    "online": ("title", "organization"),
}
# Every field an entry may have; anything else is a typing mistake ("volumee") that would
# otherwise be dropped without a word.
KNOWN_FIELDS = ("author", "title", "journal", "booktitle", "organization", "year", "month", "volume",
                "number", "pages", "doi", "pmid", "pmcid", "url", "urldate", "note")
CONTAINER = {"article": "journal", "incollection": "booktitle", "online": "organization"}

# Crossref's recommended pattern (it matches 74.4M of 74.9M registered DOIs).
DOI = re.compile(r"10\.\d{4,9}/[-._;()/:a-z0-9]+", re.IGNORECASE)
PMID = re.compile(r"[1-9]\d{0,8}")
PMCID = re.compile(r"PMC\d{1,9}")
YEAR = re.compile(r"\d{4}")
URL = re.compile(r"https?://[^\s/]+\.[^\s]+")
URLDATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ENTRY_START = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,")


@dataclass(frozen=True)
class Author:
    family: str  # with any "von" part and suffix: "van der Berg", "Smith Jr"
    given: tuple[str, ...]  # given and middle names as written: ("N.", "E.")


@dataclass(frozen=True)
class Reference:
    key: str
    type: str
    line: int
    title: str
    authors: tuple[Author, ...] = ()
    more_authors: bool = False  # the source lists only the first authors ("and others")
    container: str = ""
    year: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    url: str = ""
    urldate: str = ""  # when the page was read (YYYY-MM-DD), only when known
    extra: dict = field(default_factory=dict, compare=False)

    def __hash__(self) -> int:
        # Entries are dictionary keys once per citation (plugins/citations/syntax.py); the
        # generated hash went through every field each time. Equal entries share a key anyway.
        return hash(self.key)

    def sort_key(self) -> tuple:
        first = self.authors[0].family if self.authors else self.container
        return (fold(first), " ".join(self.authors[0].given) if self.authors else "", self.year, fold(self.title))


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


# What LaTeX decoding can change: commands, groups, math, comments, ties, and the ligatures
# latexcodec reads ("--", "''", ",,", "``", "!`", "?`"). Most titles, names and journals hold
# none and read as themselves; decoding every field was most of the time a .bib took to load.
LATEX_SPECIAL = re.compile(r"[\\{}$%~`]|--|''|,,")


def plain(latex: str) -> str:
    """BibTeX field text as readers see it: braces, escapes like \\& and accents resolved."""
    if not LATEX_SPECIAL.search(latex):
        return " ".join(latex.split())
    return " ".join(str(Text.from_latex(latex)).split())


def load(path: Path) -> dict[str, Reference]:
    """Every entry of the .bib file, checked; raises ContentError at the first bad one. A site
    without a .bib has no references (any citation is then an unknown key)."""
    if not path.exists():
        return {}
    return dict(_parse(str(path), read_utf8(path)))


# Pelican reads settings-bound readers once per generator, so one build asked for the same
# bibliography four times, and pybtex took seconds each time for a large .bib. The parsed
# entries are kept for the text they were parsed from: an edited file is parsed again.
@functools.lru_cache(maxsize=2)
def _parse(where: str, text: str) -> dict[str, Reference]:
    path = Path(where)
    starts = [(m.group(2), m.start()) for m in ENTRY_START.finditer(text)]
    seen: dict[str, int] = {}
    for key, offset in starts:
        if key.casefold() in seen:
            raise ContentError(path, line_of(text, offset),
                               f"duplicate citation key '{key}' (first defined on line {seen[key.casefold()]})")
        seen[key.casefold()] = line_of(text, offset)

    previous = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)  # pybtex otherwise prints a warning and skips the entry
    try:
        data = parse_string(text, "bibtex")
    except PybtexSyntaxError as error:
        detail = re.sub(r"^.*?line \d+:\s*", "", str(error))
        raise ContentError(path, error.lineno, f"malformed BibTeX: {detail}") from None
    except (BibliographyDataError, PybtexError) as error:
        raise ContentError(path, None, f"malformed BibTeX: {error}") from None
    finally:
        pybtex.errors.set_strict_mode(previous)

    references = {}
    lines = text.splitlines()
    for key, entry in data.entries.items():
        references[key] = _reference(path, lines, key, entry, seen.get(key.casefold(), None))
    return references


def _field_line(lines: list[str], entry_line: int, name: str) -> int:
    for number in range(entry_line, len(lines) + 1):
        if re.match(rf"\s*{name}\s*=", lines[number - 1], re.IGNORECASE):
            return number
        if number > entry_line and lines[number - 1].lstrip().startswith("@"):
            break
    return entry_line


def _reference(path: Path, lines: list[str], key: str, entry, line: int | None) -> Reference:
    line = line or 1
    kind = entry.type.lower()
    if kind not in REQUIRED:
        raise ContentError(path, line, f"entry '{key}' has type @{entry.type}; supported types are "
                           + ", ".join("@" + t for t in REQUIRED))
    fields = {name.lower(): plain(value) for name, value in entry.fields.items()}
    for name in [*fields, *(n.lower() for n in entry.persons)]:
        if name not in KNOWN_FIELDS:
            raise ContentError(path, _field_line(lines, line, name), f"entry '{key}' has an unknown field '{name}'"
                               + did_you_mean(name, KNOWN_FIELDS, f" (known fields: {', '.join(KNOWN_FIELDS)})"))
    people = list(entry.persons.get("author", []))
    shown = [*fields.items(), *(("author", str(person)) for person in people)]
    for name, value in shown:
        found = content_safety.markup_in(value)
        if found:  # the field's line is looked for only then: most entries have none
            raise ContentError(path, _field_line(lines, line, name),
                               content_safety.markup_message(found[0], f"entry '{key}' field '{name}'"))
    for name in REQUIRED[kind]:
        present = bool(people) if name == "author" else bool(fields.get(name))
        if not present:
            raise ContentError(path, line, f"entry '{key}' has no {name}")

    checks = {"doi": DOI, "pmid": PMID, "pmcid": PMCID, "year": YEAR, "url": URL, "urldate": URLDATE}
    for name, pattern in checks.items():
        value = fields.get(name, "")
        if value and not pattern.fullmatch(value):
            raise ContentError(path, _field_line(lines, line, name),
                               f"entry '{key}' has a malformed {name.upper() if name in ('doi', 'pmid', 'pmcid', 'url') else name} '{value}'")

    more = bool(people) and str(people[-1]) == "others"
    authors = tuple(
        Author(family=" ".join(plain(p) for p in (*person.prelast_names, *person.last_names, *person.lineage_names)),
               given=tuple(plain(p) for p in (*person.first_names, *person.middle_names)))
        for person in (people[:-1] if more else people)
    )
    return Reference(
        key=key, type=kind, line=line, title=fields["title"], authors=authors, more_authors=more,
        container=fields[CONTAINER[kind]], year=fields.get("year", ""), volume=fields.get("volume", ""),
        number=fields.get("number", ""), pages=fields.get("pages", ""), doi=fields.get("doi", ""),
        pmid=fields.get("pmid", ""), pmcid=fields.get("pmcid", ""), url=fields.get("url", ""),
        urldate=fields.get("urldate", ""),
    )
