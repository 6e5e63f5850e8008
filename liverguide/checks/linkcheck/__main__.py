"""python -m liverguide.checks.linkcheck OUTPUT_DIR [--offline] [--site-url URL | --site-url-from SETTINGS]
    [--exempt PAGE] [--jobs N] [--external]

Prints one line per problem and a summary line; exits 1 when anything is broken, 2 when the
folder cannot be checked at all."""
from __future__ import annotations

import argparse
import sys

from .check import DEFAULT_ORPHAN_EXEMPT, check_site
from .rules import FETCH_RULES, RULES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m linkcheck",
        description="Check every link, id and page of a built site (no network unless --external).",
        epilog="rules:\n" + "\n".join(f"  {name:18} {text}" for name, text in {**RULES, **FETCH_RULES}.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("output", help="the built site's folder (e.g. output/)")
    parser.add_argument("--offline", action="store_true",
                        help="the site is opened from disk: root-absolute links (/...) are faults")
    parser.add_argument("--site-url", action="append", default=[], metavar="URL",
                        help="the site's own address (repeatable): absolute links under it are checked as files")
    parser.add_argument("--site-url-from", metavar="SETTINGS",
                        help="take the site's own address from a Pelican settings file (its SITEURL, when "
                             "RELATIVE_URLS is off), e.g. publishconf.py for the hosted build")
    parser.add_argument("--external", action="store_true",
                        help="also fetch every link to another site (needs the network; off by default)")
    parser.add_argument("--exempt", action="append", default=[], metavar="PAGE",
                        help=f"a page nothing needs to link, besides {', '.join(DEFAULT_ORPHAN_EXEMPT)} (repeatable)")
    # One: a spawned process starts Python again and sends every parsed page back, which at
    # 1,000 pages cost more than parsing them here (1.3 s alone, 2.2 s with two processes).
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="processes that parse pages (default: %(default)s; more pays only for many thousand pages)")
    return parser


def site_urls_of(settings_file: str) -> list[str]:
    """The site's own address as a settings file gives it: none for a build with relative links."""
    from pelican.settings import get_settings_from_file

    settings = get_settings_from_file(settings_file)
    return [settings["SITEURL"]] if settings.get("SITEURL") and not settings.get("RELATIVE_URLS") else []


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    site_urls = list(args.site_url)
    if args.site_url_from:
        site_urls += site_urls_of(args.site_url_from)
    try:
        report = check_site(args.output, offline=args.offline, site_urls=site_urls,
                            orphan_exempt=(*DEFAULT_ORPHAN_EXEMPT, *args.exempt), jobs=args.jobs,
                            external=args.external)
    except (FileNotFoundError, ValueError) as error:
        print(f"linkcheck: {error}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(problem)
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
