"""Benchmark of the link checker on a generated site shaped like ours, at 1,000 pages.

    .venv/bin/python -m bench.linkcheck_bench [--pages N] [--jobs N ...] [--repeat N] [--keep DIR]

Prints one line per setting, in pages per second (best of --repeat runs), with the CPU time
used and the machine's load (wall time means little on a busy machine). The site is generated
fresh in a temporary folder (or DIR) and must check clean, so the timing is of a full, real
check. The target (issue 5) is a 1,000-page site in at most 3 s on a 2-core machine.
Importable: `generate_site(folder, pages)` and `measure(folder, jobs, repeat)`.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

from liverguide.checks.linkcheck import check_site

CATEGORIES = ("understanding", "treatments", "support", "research")
WORDS = ("liver tumor chemotherapy surgery ablation pump infusion radiation care team scan blood "
         "test doctor nurse treatment option risk benefit week month plan question answer").split()


def _paragraph(rng: random.Random, words: int = 90) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _page(rng: random.Random, path: str, names: list[str], index: int, sections: int) -> str:
    """One article: the theme's frame (nav, footer links), contents list, sections with
    citations and back-links, links to other articles and their sections, an image, outside
    links. About 40 KB, 150 references and 80 ids, like a long article of ours."""
    up = "../" * path.count("/")
    nav = "".join(f'<li><a href="{up}category/{c}.html">{c.title()}</a></li>' for c in CATEGORIES)
    toc = "".join(f'<li><a href="#s{n}">Section {n}</a></li>' for n in range(sections))
    body = []
    for n in range(sections):
        other = names[rng.randrange(len(names))]
        cite = f'<sup><a id="cite-{n}" href="#ref-{n}">{n + 1}</a></sup>'
        body.append(
            f'<section><h2 id="s{n}">Section {n}</h2>'
            f"<p>{_paragraph(rng)} {cite}</p>"
            f'<p>{_paragraph(rng)} See <a href="{up}{other}#s{rng.randrange(sections)}">a related section</a>'
            f' and <a href="{up}glossary.html#term-{rng.randrange(50)}">a word</a>.</p></section>')
    refs = "".join(f'<li id="ref-{n}">Source {n}. <a href="#cite-{n}" aria-label="Back">↩</a> '
                   f'<a href="https://doi.org/10.1000/{index}.{n}" rel="noopener noreferrer" target="_blank">doi</a></li>'
                   for n in range(sections))
    neighbours = "".join(f'<li><a href="{up}{names[(index + k) % len(names)]}">Next {k}</a></li>' for k in range(1, 6))
    footer = "".join(f'<li><a href="{up}page-{k}.html">Page {k}</a></li>' for k in range(8))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Article {index}</title>
<link rel="stylesheet" href="{up}theme/css/site.css"><link rel="icon" href="{up}theme/favicon.svg">
<script src="{up}theme/js/site.js" defer></script></head>
<body><a class="skip-link" href="#main">Skip</a>
<header><a href="{up}index.html">Home</a><nav><ul>{nav}</ul></nav></header>
<main id="main"><article class="article"><h1 id="title">Article {index}</h1>
<nav class="page-contents"><ol>{toc}</ol></nav>
<figure><img src="{up}images/figure.png" srcset="{up}images/figure.png 1x, {up}images/figure-2x.png 2x" alt="A figure"></figure>
{''.join(body)}
<ol class="references">{refs}</ol>
<ul>{neighbours}</ul></article></main>
<footer><p><a href="mailto:care@example.org">care@example.org</a> · <a href="tel:+1-555-010-0100">call</a></p>
<ul>{footer}</ul></footer></body></html>
"""


def generate_site(folder: Path, pages: int = 1000, sections: int = 30, seed: int = 5) -> Path:
    """Write a site of `pages` HTML pages (articles, category lists, a glossary, a few pages)
    that checks clean; return its folder."""
    rng = random.Random(seed)
    folder = Path(folder)
    extra = ["index.html", "glossary.html", *(f"page-{k}.html" for k in range(8)),
             *(f"category/{c}.html" for c in CATEGORIES)]
    count = max(pages - len(extra), 1)
    names = [f"{CATEGORIES[i % len(CATEGORIES)]}/article-{i}.html" for i in range(count)]
    for sub in (*CATEGORIES, "category", "theme/css", "theme/js", "images"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "theme/css/site.css").write_text(
        'body{background:url("../../images/figure.png")}\n.i{background:url(../favicon.svg)}\n')
    (folder / "theme/favicon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    (folder / "theme/js/site.js").write_text("document.documentElement.classList.add('js');\n")
    (folder / "images/figure.png").write_bytes(b"\x89PNG\r\n")
    (folder / "images/figure-2x.png").write_bytes(b"\x89PNG\r\n")
    for i, name in enumerate(names):
        (folder / name).write_text(_page(rng, name, names, i, sections), encoding="utf-8")

    def simple(path: str, title: str, items: str) -> None:
        up = "../" * path.count("/")
        (folder / path).write_text(
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<link rel="stylesheet" href="{up}theme/css/site.css"></head><body><main id="main">'
            f'<h1>{title}</h1><ul>{items}</ul></main></body></html>\n', encoding="utf-8")

    for c in CATEGORIES:
        simple(f"category/{c}.html", c.title(),
               "".join(f'<li><a href="../{n}">{n}</a></li>' for n in names if n.startswith(c + "/")))
    simple("glossary.html", "Glossary", "".join(f'<li id="term-{t}">Term {t}</li>' for t in range(50)))
    for k in range(8):
        simple(f"page-{k}.html", f"Page {k}", '<li><a href="index.html">Home</a></li>')
    simple("index.html", "Home", "".join(f'<li><a href="category/{c}.html">{c}</a></li>' for c in CATEGORIES)
           + '<li><a href="glossary.html">Glossary</a></li>'
           + "".join(f'<li><a href="page-{k}.html">Page {k}</a></li>' for k in range(8)))
    return folder


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def measure(folder: Path, jobs: int, repeat: int = 3):
    """(report, CPU seconds) of the fastest of `repeat` full checks; raises if the site does not
    check clean. CPU time (this process and its parsers) shows the work when other programs
    share the machine and make the wall time meaningless."""
    best = None
    for _ in range(repeat):
        before = _cpu()
        report = check_site(folder, jobs=jobs)
        cpu = _cpu() - before
        if not report.ok:
            raise AssertionError("generated site has problems:\n" + "\n".join(map(str, report.problems[:20])))
        if best is None or report.seconds < best[0].seconds:
            best = (report, cpu)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate the site into this folder and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate_site(args.keep or Path(tmp), args.pages)
        for jobs in args.jobs:
            report, cpu = measure(folder, jobs, args.repeat)
            print(f"linkcheck: {report.pages} pages, {report.links} links, jobs={jobs}: "
                  f"{report.seconds:.2f} s, {report.pages / report.seconds:.0f} pages/s "
                  f"(CPU {cpu:.2f} s; load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
