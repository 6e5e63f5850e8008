"""python -m liverguide.checks.linkcheck OUTPUT_DIR [--offline] [--site-url URL] [--exempt PAGE] [--jobs N]

Prints one line per problem and a summary line; exits 1 when anything is broken, 2 when the
folder cannot be checked at all."""
from __future__ import annotations

import argparse
import sys

from .check import DEFAULT_ORPHAN_EXEMPT, check_site
from .rules import RULES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m linkcheck",
        description="Check every link, id and page of a built site (no network).",
        epilog="rules:\n" + "\n".join(f"  {name:18} {text}" for name, text in RULES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("output", help="the built site's folder (e.g. output/)")
    parser.add_argument("--offline", action="store_true",
                        help="the site is opened from disk: root-absolute links (/...) are faults")
    parser.add_argument("--site-url", action="append", default=[], metavar="URL",
                        help="the site's own address (repeatable): absolute links under it are checked as files")
    parser.add_argument("--exempt", action="append", default=[], metavar="PAGE",
                        help=f"a page nothing needs to link, besides {', '.join(DEFAULT_ORPHAN_EXEMPT)} (repeatable)")
    # One: a spawned process starts Python again and sends every parsed page back, which at
    # 1,000 pages cost more than parsing them here (1.3 s alone, 2.2 s with two processes).
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="processes that parse pages (default: %(default)s; more pays only for many thousand pages)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        report = check_site(args.output, offline=args.offline, site_urls=args.site_url,
                            orphan_exempt=(*DEFAULT_ORPHAN_EXEMPT, *args.exempt), jobs=args.jobs)
    except (FileNotFoundError, ValueError) as error:
        print(f"linkcheck: {error}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(problem)
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
