"""A link checker for a built static site: every internal link, image, stylesheet and #fragment
resolves to a file and an id; no folder links, duplicate ids or orphan pages; external links
are well-formed https (never fetched). See `python -m linkcheck --help` and README.md."""
from .check import DEFAULT_ORPHAN_EXEMPT, Report, check_site
from .rules import RULES, Problem

__all__ = ["DEFAULT_ORPHAN_EXEMPT", "RULES", "Problem", "Report", "check_site"]
