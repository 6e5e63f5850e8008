"""The build benchmark behind `make bench`: this site's full pipeline against plain Pelican, on
the same generated corpus, in the same run.

    python -m bench.run_bench [--articles 100] [--runs 3] [--seed 1] [--json bench/results/latest.json]

Each run, in turn (so a change in the machine's load hits all three alike):
  ours, full     python -m liverguide.build with pelicanconf.py (every plugin, warnings fatal), cache
                 folder emptied first: an editor's first build
  plain, full    the `pelican` command with bench/plain_pelicanconf.py (no plugins, default
                 theme), output folder emptied first
  ours, warm     one article's text changed, then the editors' build again with its cache
Reported: medians of wall and CPU time (user + system of the build process and of the worker
processes it started and waited for, read with wait4), peak memory (maximum resident set of the
largest of those processes), the ratios against plain Pelican's full build, and the link
checker's pages per second on our built site.

Our build may convert Markdown in worker processes (liverguide/plugins/parallel.py); plain
Pelican uses one process. The targets (issue 19) are on both: a full build within 1.5x plain
Pelican's wall time (the time an editor waits) and 2.2x its CPU time (the work done, all
processes), and a warm rebuild within 0.5x plain Pelican's full build (wall).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate_corpus import SUBFOLDER, generate
from liverguide.checks.linkcheck import check_site

ROOT = Path(__file__).resolve().parent.parent

TARGETS = {"full_wall": 1.5, "full_cpu": 2.2, "warm_wall": 0.5}
TARGET_ARTICLES = 1000  # the corpus size the targets are set for


def timed(cmd: list[str], log: Path) -> dict:
    """Run `cmd` to completion; its wall and CPU seconds and peak memory (MiB)."""
    with log.open("w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, "COLUMNS": "200"})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(cmd)}\n{log.read_text()[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024}


def edit_one_article(corpus: Path, run: int) -> None:
    """Change one generated article's text, as an editor saving a fix would."""
    article = sorted((corpus / "articles" / SUBFOLDER).glob("*.md"))[run]
    article.write_text(article.read_text(encoding="utf-8") + f"\nAn edit saved in run {run + 1}.\n",
                       encoding="utf-8")


def linkcheck(site: Path) -> dict:
    """The link checker on our built site."""
    before = os.times()
    report = check_site(site)
    after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])
    return {"pages": report.pages, "seconds": report.seconds, "pages_per_second": report.pages / report.seconds,
            "cpu": cpu, "problems": len(report.problems)}


def median(rows: list[dict], key: str) -> float:
    return statistics.median(row[key] for row in rows)


def bench(articles: int, runs: int, seed: int, work: Path) -> dict:
    corpus = work / "corpus"
    summary = generate(articles, seed, corpus)
    python = sys.executable
    ours = [python, "-m", "liverguide.build", "--settings", str(ROOT / "pelicanconf.py"), "--output", str(work / "ours"),
            "--content", str(corpus), "-e", f"CACHE_PATH={work / 'cache'}"]
    plain = [python, "-m", "pelican", str(corpus), "-o", str(work / "plain"),
             "-s", str(ROOT / "bench" / "plain_pelicanconf.py"), "-q"]
    results = {"ours_full": [], "plain_full": [], "ours_warm": []}
    for run in range(runs):
        shutil.rmtree(work / "cache", ignore_errors=True)
        results["ours_full"].append(timed(ours, work / "ours.log"))
        shutil.rmtree(work / "plain", ignore_errors=True)
        results["plain_full"].append(timed(plain, work / "plain.log"))
        edit_one_article(corpus, run)
        results["ours_warm"].append(timed(ours, work / "warm.log"))
        row = {name: f"{rows[-1]['wall']:.1f}s/{rows[-1]['cpu']:.1f}s cpu" for name, rows in results.items()}
        print(f"run {run + 1}/{runs}: {row}", file=sys.stderr)
    medians = {name: {key: median(rows, key) for key in ("wall", "cpu", "peak_mib")}
               for name, rows in results.items()}
    plain_full = medians["plain_full"]
    ratios = {
        "full_wall": medians["ours_full"]["wall"] / plain_full["wall"],
        "full_cpu": medians["ours_full"]["cpu"] / plain_full["cpu"],
        "warm_wall": medians["ours_warm"]["wall"] / plain_full["wall"],
        "warm_cpu": medians["ours_warm"]["cpu"] / plain_full["cpu"],
    }
    return {
        "corpus": summary,
        "runs": runs,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_end": os.getloadavg()[0]},
        "median": medians,
        "all_runs": results,
        "ratios": ratios,
        "targets": {"limits": TARGETS, "articles": TARGET_ARTICLES,
                    "met": {name: ratios[name] <= limit for name, limit in TARGETS.items()}},
        "linkcheck": linkcheck(work / "ours"),
        "pages_built": len(list((work / "ours").rglob("*.html"))),
    }


def table(result: dict) -> str:
    m, r, c = result["median"], result["ratios"], result["corpus"]
    lines = [
        f"{c['total_articles']} articles ({c['generated_articles']} generated, seed {c['seed']}, "
        f"{c['words']} words), {result['pages_built']} pages built; median of {result['runs']} runs; "
        f"{result['machine']['cpus']} CPUs, load {result['machine']['load_average_at_end']:.1f}",
        "",
        f"{'build':<34}{'wall s':>8}{'CPU s':>8}{'peak MiB':>10}{'x plain (wall/CPU)':>22}",
    ]
    names = {"plain_full": "plain Pelican, full", "ours_full": "ours, full (cold cache)",
             "ours_warm": "ours, warm (one article changed)"}
    for key in ("plain_full", "ours_full", "ours_warm"):
        ratio = "" if key == "plain_full" else (
            f"{r[key.split('_')[1] + '_wall']:.2f} / {r[key.split('_')[1] + '_cpu']:.2f}")
        lines.append(f"{names[key]:<34}{m[key]['wall']:>8.2f}{m[key]['cpu']:>8.2f}{m[key]['peak_mib']:>10.0f}{ratio:>22}")
    t = result["targets"]
    lines.append("")
    if c["generated_articles"] != t["articles"]:
        # A small corpus is mostly fixed costs (starting Python, imports, the search index),
        # which the ratio to plain Pelican then shows more than the per-page work.
        lines.append(f"(the targets are set for {t['articles']:,} articles; this corpus has "
                     f"{c['generated_articles']:,}, where fixed costs weigh more)")
    names = {"full_wall": "full build, wall", "full_cpu": "full build, CPU", "warm_wall": "warm rebuild, wall"}
    lines.append("targets: " + "; ".join(f"{names[name]} <= {limit}x plain: {'met' if t['met'][name] else 'NOT met'}"
                                         for name, limit in t["limits"].items()))
    link = result["linkcheck"]
    lines.append(f"link checker on our site: {link['pages']} pages in {link['seconds']:.2f} s = "
                 f"{link['pages_per_second']:.0f} pages/s (CPU {link['cpu']:.2f} s), {link['problems']} problems")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (corpus, outputs, logs)")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = bench(args.articles, args.runs, args.seed, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-") as work:
            result = bench(args.articles, args.runs, args.seed, Path(work))
    print(table(result))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written: {os.path.relpath(args.json, ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
