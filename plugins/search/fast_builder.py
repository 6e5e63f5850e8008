"""lunr's index Builder, made fast enough for a thousand articles without changing its output.

lunr.py tokenizes character by character and runs every token of every document through the
whole pipeline (trimmer, stop words, Porter stemmer): at 1,000 articles that took longer than
the rest of the build. But the default pipeline functions look at one token's text only, and a
site's text repeats the same few thousand words, so each distinct word is run through the
pipeline once and remembered, and tokens are cut with one regular expression that splits on
exactly lunr's separators. Everything after that (term frequencies, the inverted index, BM25
vectors, the serialized form) is lunr's own code; tests compare the result with lunr's.
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict


def _import_lunr_without_nltk():
    """Importing any part of lunr imports its optional non-English support, which imports NLTK:
    1.7 s of every build for an English-only index. lunr skips that support when NLTK cannot be
    imported, so NLTK is hidden for the length of this one import (then visible again)."""
    if "lunr" in sys.modules or "nltk" in sys.modules:
        return
    sys.modules["nltk"] = None  # makes `import nltk` raise ImportError
    try:
        import lunr  # noqa: F401
    finally:
        del sys.modules["nltk"]


_import_lunr_without_nltk()

from lunr.builder import Builder  # noqa: E402
from lunr.field_ref import FieldRef  # noqa: E402
from lunr.idf import idf as lunr_idf  # noqa: E402
from lunr.stemmer import stemmer  # noqa: E402
from lunr.stop_word_filter import stop_word_filter  # noqa: E402
from lunr.token import Token  # noqa: E402
from lunr.tokenizer import SEPARATOR_CHARS  # noqa: E402
from lunr.trimmer import trimmer  # noqa: E402
from lunr.vector import Vector  # noqa: E402

WORD = re.compile("[^" + re.escape(SEPARATOR_CHARS) + "]+")
# Pipeline functions known to depend on nothing but the token's own text.
TOKEN_LOCAL = {trimmer, stop_word_filter, stemmer}


class FastBuilder(Builder):
    def __init__(self):
        super().__init__()
        self.pipeline.add(trimmer, stop_word_filter, stemmer)
        self.search_pipeline.add(stemmer)
        self._terms_of: dict[tuple[str, str], list[str]] = {}

    def add(self, doc, attributes=None):
        if self.metadata_whitelist or not set(self.pipeline._stack) <= TOKEN_LOCAL:
            return super().add(doc, attributes)  # positions or other functions: lunr's own way
        self.add_analysed(str(doc[self._ref]), self.analyse(doc), attributes)

    def analyse(self, doc) -> dict[str, tuple[int, dict[str, int]]]:
        """Per field: how many terms, and each term's count in order of first use (the order
        lunr numbers new terms in). Depends on the document alone, so it can be kept between
        builds."""
        analysis = {}
        for field_name, field in self._fields.items():
            value = doc[field_name] if field.extractor is None else field.extractor(doc)
            # Counted per distinct word (in C), in order of first use: a term's first use is
            # the first use of the first word that gives it, so the order is the same.
            words = Counter(() if value is None else WORD.findall(str(value).lower()))
            length, counts = 0, {}
            for word, times in words.items():
                for term in self._terms(word, field_name):
                    counts[term] = counts.get(term, 0) + times
                    length += times
            analysis[field_name] = (length, counts)
        return analysis

    def add_analysed(self, doc_ref: str, analysis, attributes=None) -> None:
        """What lunr's add() records for one document, from analyse()'s result."""
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name in self._fields:
            length, counts = analysis[field_name]
            field_ref = str(FieldRef(doc_ref, field_name))
            self.field_term_frequencies[field_ref] = defaultdict(int, counts)
            self.field_lengths[field_ref] = length
            for term in counts:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    self.inverted_index[term] = posting
                posting[field_name][doc_ref] = defaultdict(list)

    def _create_field_vectors(self):
        """lunr's BM25 vectors with lunr's arithmetic, in the same order, but each vector made
        from its sorted (index, score) pairs at once: lunr inserts them one at a time with a
        binary search and a list insert each, most of the index build at 1,000 articles."""
        field_vectors = {}
        idf_of: dict[str, float] = {}
        k1, b = self._k1, self._b
        for field_ref, term_frequencies in self.field_term_frequencies.items():
            _field_ref = FieldRef.from_string(field_ref)
            field_name = _field_ref.field_name
            field_length = self.field_lengths[field_ref]
            field_boost = self._fields[field_name].boost
            doc_boost = self._documents[_field_ref.doc_ref].get("boost", 1)
            pairs = []
            if term_frequencies:  # an empty field may have an average length of 0
                length_norm = k1 * (1 - b + b * (field_length / self.average_field_length[field_name]))
            for term, tf in term_frequencies.items():
                posting = self.inverted_index[term]
                idf = idf_of.get(term)
                if idf is None:
                    idf = idf_of[term] = lunr_idf(posting, self.document_count)
                score = idf * ((k1 + 1) * tf) / (length_norm + tf)
                score *= field_boost
                score *= doc_boost
                pairs.append((posting["_index"], round(score, 3)))
            pairs.sort()
            field_vectors[field_ref] = Vector([value for pair in pairs for value in pair])
        self.field_vectors = field_vectors

    def _terms(self, word: str, field_name: str) -> list[str]:
        key = (word, field_name)
        terms = self._terms_of.get(key)
        if terms is None:
            terms = [str(token) for token in self.pipeline.run([Token(word, {})], field_name)]
            self._terms_of[key] = terms
        return terms
