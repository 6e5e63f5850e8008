"""A link checker for a built static site: every internal link, image, stylesheet and #fragment
resolves to a file and an id; no folder links, duplicate ids or orphan pages; external links
are well-formed https, fetched only with --external (external.py). See
`python -m liverguide.checks.linkcheck --help` and docs/testing.md."""
from .check import DEFAULT_ORPHAN_EXEMPT, Report, check_site
from .rules import FETCH_RULES, RULES, Problem

__all__ = ["DEFAULT_ORPHAN_EXEMPT", "FETCH_RULES", "RULES", "Problem", "Report", "check_site"]
