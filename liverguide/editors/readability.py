"""`make readability`: per article, Flesch-Kincaid grade, SMOG, words and sentences, and the
longest sentences to shorten, each with its `file:line`. Exits 1 when an article is above
READING_GRADE_LIMIT.

    python -m liverguide.editors.readability [--settings pelicanconf.py] [--show N]
"""
from __future__ import annotations

import argparse
import sys

from liverguide.errors import display_path
from liverguide.checks.readability import measure
from liverguide.editors.editorial import article_files, load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m liverguide.editors.readability")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--show", type=int, default=3, help="long sentences to list per article")
    args = parser.parse_args(argv)
    settings = load_settings(args.settings)
    limit, long_words = settings["READING_GRADE_LIMIT"], settings["LONG_SENTENCE_WORDS"]
    rows = [(path, measure(path.read_text(encoding="utf-8"), long_words)) for path in article_files(settings)]
    width = max([len(path.name) for path, _ in rows] + [7])
    print(f"Reading level (limit: grade {limit}; long sentence: over {long_words} words)\n")
    print(f"{'article':<{width}}  {'FK grade':>8}  {'SMOG':>5}  {'words':>6}  {'sentences':>9}")
    for path, r in rows:
        flag = "  ABOVE LIMIT" if r.grade > limit else ""
        print(f"{path.name:<{width}}  {r.grade:>8}  {r.smog:>5}  {r.words:>6}  {r.sentences:>9}{flag}")
    for path, r in rows:
        if r.long_sentences[:args.show]:
            print(f"\nLongest sentences in {path.name}:")
            for sentence in r.long_sentences[:args.show]:
                # file:line first, as the build's errors: editors and terminals open it at the line
                print(f"  {display_path(str(path))}:{sentence.line}: ({len(sentence.text.split())} words) {sentence.text}")
    above = [path.name for path, r in rows if r.grade > limit]
    if above:
        print(f"\nAbove grade {limit}: {', '.join(above)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
