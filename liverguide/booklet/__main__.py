"""`python -m liverguide.booklet [--paper a4|letter] [--output FILE]`: build the booklet PDF.

Builds the site with bookletconf.py through liverguide.build (every warning fatal, one
`file:line: message` per problem) into a temporary folder, then copies the PDF to
BOOKLET_FILE (dist/liver-metastases-guide.pdf) or FILE. Exits 1, leaving any earlier PDF as
it was, when the build has problems.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from liverguide.booklet.render import PAPER_SIZES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liverguide.booklet", description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, default=Path("bookletconf.py"), help="settings file")
    parser.add_argument("--paper", choices=sorted(PAPER_SIZES), help="paper size (default: BOOKLET_PAPER, a4)")
    parser.add_argument("--output", type=Path, help="where to put the PDF (default: BOOKLET_FILE)")
    args = parser.parse_args(argv)

    from pelican.settings import read_settings

    from liverguide.build import build

    started = time.monotonic()
    overrides = {"BOOKLET_PAPER": args.paper} if args.paper else {}
    settings = read_settings(str(args.settings), override=overrides)
    target = args.output or args.settings.resolve().parent / settings["BOOKLET_FILE"]
    with tempfile.TemporaryDirectory(prefix="booklet-") as folder:
        site = Path(folder) / "site"
        problems = build(args.settings, site, overrides)
        for line in problems:
            print(line)
        if problems:
            print(f"Booklet not made: {len(problems)} problem{'s' if len(problems) != 1 else ''}.", file=sys.stderr)
            return 1
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        shutil.copyfile(site / settings["BOOKLET_PDF"], partial)
        partial.replace(target)  # a half-copied PDF never takes the finished one's name
    size = target.stat().st_size
    shown = target.relative_to(Path.cwd()) if target.is_relative_to(Path.cwd()) else target
    print(f"{shown}: {settings['BOOKLET_PAPER']}, {size / 1024:.0f} KiB ({size} bytes), "
          f"built in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
