"""A seeded synthetic corpus in this site's own format, for the build benchmark.

    python bench/generate_corpus.py --articles 1000 --seed 1 --out /tmp/corpus

The output folder is a complete content folder: the site's real content (articles, pages,
references.bib, glossary.yaml, images, diagrams) copied as it is, so every page the site needs
exists and every feature has real input, plus N generated articles in articles/bench/. Each
generated article has the front matter content/articles/*.md have (Order and Slug unique,
Category from ARTICLE_CATEGORIES), 800-1,500 words, headings, lists, a table, `{filename}`
links to other generated articles, `[@key]` citations to entries appended to references.bib,
and terms from glossary.yaml.

The same seed gives the same files byte for byte. The text is nonsense built from plain words:
it measures the build, it is not content (it never goes into content/).
"""
from __future__ import annotations

import argparse
import ast
import datetime
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBFOLDER = "bench"  # under articles/: keeps generated files apart from the copied real ones

WORDS = """
able about after again against also always another answer area around arm ask back bad before
begin being belly best better between blood body both bring call care careful case cause change
check choice choose clear close come common could count day decide different doctor done down
drink during each early easy eat enough every explain eye face fact family fast feel few find
first follow food friend full give good great group hand happen hard health hear help here high
hold home hope hour idea important keep kind know large last later learn leave less life light
like line list little live long look lose low main make many mean measure meet might mind more
most move much name near need never next night note nurse often only open other over own part
people pick place plan point possible question quick rather reach read ready real reason rest
result right room same say see seem short should show side sign simple since size sleep slow
small some soon speak start stay step still stop story strong sure take talk team tell test
thing think time today together tool treat try turn under understand until use usual visit
wait walk want watch water way week weight well while whole why work world write year young
""".split()
HEADINGS = """
what-it-is how-it-works who-may-have-it before-you-start on-the-day afterwards side-effects
results living-with-it costs-and-travel questions-to-ask where-to-learn-more
""".split()


def categories() -> list[str]:
    """ARTICLE_CATEGORIES from pelicanconf.py, read without importing the settings module."""
    tree = ast.parse((ROOT / "pelicanconf.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "ARTICLE_CATEGORIES" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise SystemExit("pelicanconf.py has no ARTICLE_CATEGORIES")


def glossary_terms(path: Path) -> list[str]:
    """Terms and aliases of glossary.yaml as they may appear in running text."""
    if not path.is_file():
        return []
    import yaml

    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    terms = []
    for entry in entries:
        terms.append(str(entry["term"]))
        terms.extend(str(alias) for alias in entry.get("aliases", []) or [])
    return terms


def max_order(articles: Path) -> int:
    """Highest Order among the copied real articles, so generated ones follow them."""
    highest = 0
    for path in articles.rglob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                break
            name, _, value = line.partition(":")
            if name.strip().lower() == "order" and value.strip().isdigit():
                highest = max(highest, int(value.strip()))
    return highest


class Writer:
    def __init__(self, rng: random.Random, terms: list[str], keys: list[str]):
        self.rng = rng
        self.terms = terms
        self.keys = keys
        self.words = 0

    def sentence(self, low: int = 7, high: int = 16) -> str:
        rng = self.rng
        words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
        if self.terms and rng.random() < 0.25:
            words.insert(rng.randrange(len(words) + 1), rng.choice(self.terms))
        self.words += len(words)
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def cite(self) -> str:
        rng = self.rng
        if rng.random() < 0.2:
            first, second = rng.sample(self.keys, 2)
            return f" [@{first}; @{second}]"
        return f" [@{rng.choice(self.keys)}]"

    def paragraph(self, extra: list[str]) -> str:
        sentences = []
        for _ in range(self.rng.randint(4, 7)):
            text = self.sentence()
            if self.rng.random() < 0.3:
                text += self.cite()
            if extra and self.rng.random() < 0.3:
                text += " " + extra.pop()
            sentences.append(text + ".")
        return " ".join(sentences)


def article(number: int, order: int, slug: str, category: str, links: list[tuple[str, str]],
            must_cite: list[str], rng: random.Random, terms: list[str], keys: list[str]) -> str:
    writer = Writer(rng, terms, keys)
    # Body words before the last section; one section adds at most ~250, so 800-1,500 in all.
    target = rng.randint(800, 1250)
    day = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(300))
    title = f"Topic {number}: {rng.choice(WORDS)} and {rng.choice(WORDS)}"
    head = [
        f"Title: {title.capitalize()}",
        f"Slug: {slug}",
        f"Summary: {writer.sentence(8, 14)}.",
        f"Category: {category}",
        f"Order: {order}",
        f"Date: {day.isoformat()}",
        f"Modified: {(day + datetime.timedelta(days=rng.randrange(30))).isoformat()}",
        f"Last_reviewed: {day.isoformat()}",
        f"Next_review: {(day + datetime.timedelta(days=365)).isoformat()}",
        f"Keywords: {rng.choice(WORDS)}, {rng.choice(WORDS)} {rng.choice(WORDS)}",
    ]
    writer.words = 0
    # Sentences carried into paragraphs: links to other articles and citations that must appear.
    extra = [f"Read more in [{text}]({{filename}}/articles/{SUBFOLDER}/{name})" for name, text in links]
    extra += [f"See the study [@{key}]" for key in must_cite]
    rng.shuffle(extra)
    body = [writer.paragraph(extra)]
    headings = rng.sample(HEADINGS, len(HEADINGS))
    section = 0
    while writer.words < target or section < 4:
        heading = headings[section % len(headings)].replace("-", " ")
        body.append(f"## {heading.capitalize()} {section + 1}")
        body.append(writer.paragraph(extra))
        if section == 0:
            body.append("\n".join(f"- {writer.sentence(3, 8)}" + (writer.cite() if i == 0 else "")
                                  for i in range(rng.randint(4, 6))))
        elif section == 1:
            body.append("| Choice | What it means | How long |\n|---|---|---|\n" + "\n".join(
                f"| {writer.sentence(1, 2)} | {writer.sentence(4, 8)} | {rng.randint(1, 12)} weeks |"
                for _ in range(rng.randint(3, 5))))
        elif section == 2:
            body.append(f"### {writer.sentence(2, 4)}")
            body.append("\n".join(f"{i}. {writer.sentence(4, 9)}" for i in range(1, rng.randint(4, 6))))
        body.append(writer.paragraph(extra))
        section += 1
    if extra:  # links and citations the paragraphs did not take
        body.append(" ".join(f"{text}." for text in extra))
    # The build asks every article to end with a section pointing to the care team
    # (liverguide/checks/structure.py).
    body.append("## Talk with your care team")
    body.append(writer.paragraph([]))
    return "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n"


def word_count(text: str) -> int:
    """Words a reader would count: the body without markup, link targets or citation keys."""
    body = text.split("\n\n", 1)[1]
    body = re.sub(r"\]\([^)]*\)", " ", body)
    body = re.sub(r"\[@[^\]]*\]|[#|*\[\]-]|\d+\.", " ", body)
    return len(body.split())


def bib_entry(key: str, rng: random.Random) -> str:
    family = rng.choice(WORDS).capitalize() + rng.choice(["son", "er", "ton", "ley"])
    return (f"@article{{{key},\n"
            f"  author  = {{{family}, A. B. and {rng.choice(WORDS).capitalize()}, C. and others}},\n"
            f"  title   = {{A study of {rng.choice(WORDS)} {rng.choice(WORDS)} in {rng.choice(WORDS)} care}},\n"
            f"  journal = {{Journal of {rng.choice(WORDS).capitalize()} Studies}},\n"
            f"  year    = {{{rng.randint(1990, 2025)}}},\n"
            f"  volume  = {{{rng.randint(1, 80)}}},\n"
            f"  pages   = {{{rng.randint(1, 500)}--{rng.randint(501, 900)}}},\n"
            f"}}\n")


def generate(articles: int, seed: int, out: Path, source: Path = ROOT / "content") -> dict:
    """Write the corpus into `out` (replaced if it exists); return a summary of what it holds."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out, ignore=shutil.ignore_patterns(".#*", "*~", "__pycache__"))
    folder = out / "articles" / SUBFOLDER
    folder.mkdir(parents=True)
    first_order = max_order(out / "articles") + 1
    terms = glossary_terms(out / "glossary.yaml")
    keys = [f"bench{n:04d}" for n in range(1, max(20, articles // 2) + 1)]
    names = [f"{n:04d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}.md" for n in range(1, articles + 1)]
    cats = categories()
    # Every key is cited somewhere, so the citations plugin has no unused entries to report.
    owed = {n: [] for n in range(articles)}
    for i, key in enumerate(keys):
        owed[i % articles].append(key)
    words = 0
    for n, name in enumerate(names):
        others = rng.sample([m for m in range(articles) if m != n], min(4, articles - 1)) if articles > 1 else []
        links = [(names[m], f"topic {m + 1}") for m in others[:rng.randint(min(3, len(others)), len(others))]]
        text = article(n + 1, first_order + n, f"bench-{name[:-3]}", cats[n % len(cats)], links, owed[n],
                       rng, terms, keys)
        words += word_count(text)
        (folder / name).write_text(text, encoding="utf-8")
    bib = out / "references.bib"
    existing = bib.read_text(encoding="utf-8") if bib.exists() else ""
    bib.write_text(existing + "\n% Generated for the benchmark.\n\n"
                   + "\n".join(bib_entry(key, rng) for key in keys), encoding="utf-8")
    return {"generated_articles": articles, "seed": seed, "references": len(keys),
            "glossary_terms": len(terms), "words": words,
            "total_articles": len(list((out / "articles").rglob("*.md")))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.articles < 2:
        parser.error("--articles must be 2 or more (articles link to each other)")
    summary = generate(args.articles, args.seed, args.out)
    print(f"{args.out}: {summary['total_articles']} articles ({summary['generated_articles']} generated, "
          f"{summary['words']} words), {summary['references']} generated references, "
          f"{summary['glossary_terms']} glossary terms used", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
