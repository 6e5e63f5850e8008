"""The rules a built site is checked against: one name per kind of fault, so tests and readers
can tell faults apart, and a Problem that prints as one line."""
from __future__ import annotations

from dataclasses import dataclass

# name -> what it means; the order is the order `--list-rules` prints them in.
RULES = {
    "missing-file": "a link inside the site names a file that does not exist (or lies outside the site)",
    "missing-id": "a #fragment names an id that the target page does not have",
    "css-url": "a url(...) or @import in a stylesheet names a file that does not exist",
    "folder-link": "a link names a folder, not a file (folders do not open from file://)",
    "root-absolute": "a link starts with '/' (offline build only: it would point at the disk's root)",
    "duplicate-id": "two elements of one page share an id",
    "orphan": "a page cannot be reached by following links from index.html",
    "empty-link": "href/src is empty or just '#': it goes nowhere",
    "insecure-link": "an external link is not https (http:, or scheme-relative '//')",
    "malformed-url": "an external link is not a well-formed URL",
    "unsafe-blank": 'an external link opens a new tab without rel="noopener noreferrer"',
    "mailto": "a mailto: link is not a well-formed e-mail address",
    "tel": "a tel: link is not a well-formed telephone number (RFC 3966)",
    "bad-scheme": "a link uses a scheme other than https, mailto, tel or data (javascript:, file:, ...)",
    "external-resource": "a page or stylesheet loads something from another site (no third-party requests)",
}

# Rules that need the network: checked only when asked (--external), never by default.
FETCH_RULES = {
    "unreachable": "with --external: a link to another site does not answer with a page (an HTTP error, no answer)",
}


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path from the site root, with '/'
    line: int  # 0 when the fault has no single line (an orphan page)
    rule: str
    message: str

    def __post_init__(self) -> None:
        if self.rule not in RULES and self.rule not in FETCH_RULES:
            raise ValueError(f"unknown rule {self.rule!r}")

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message} [{self.rule}]"
