"""`python -m liverguide.build --settings pelicanconf.py --output output [--content DIR] [-e KEY=VALUE]`

Prints one line per problem and exits 1, or builds the site and exits 0. The previous output
folder is replaced only after a build without problems.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

from liverguide.build import build


def parse_override(text: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liverguide.build", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument("--output", default="output", help="folder to (re)place the site in")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("-e", "--extra-settings", dest="overrides", action="append", default=[],
                        type=parse_override, metavar="KEY=VALUE",
                        help="override a setting; VALUE is JSON if it parses as JSON")
    args = parser.parse_args(argv)
    overrides = dict(args.overrides)
    if args.content:
        overrides["PATH"] = os.path.abspath(args.content)
    started = time.monotonic()
    problems = build(args.settings, args.output, overrides)
    for line in problems:
        print(line)
    if problems:
        print(f"Build stopped: {len(problems)} problem{'s' if len(problems) != 1 else ''}; "
              f"{args.output}/ was left as it was.", file=sys.stderr)
        return 1
    print(f"Built {args.output}/ in {time.monotonic() - started:.1f} s.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
