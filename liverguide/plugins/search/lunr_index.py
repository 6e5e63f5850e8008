"""A lunr index made from lunr's own parts, fast enough for a thousand articles.

lunr.py's Builder cuts text into tokens character by character, runs every token of every
document through the whole pipeline (trimmer, stop words, Porter stemmer) and inserts each score
into a vector one at a time with a binary search: at 1,000 articles that took longer than the
rest of the build. The default pipeline functions look at one token's text only and a site's
text repeats the same few thousand words, so here each distinct word goes through lunr's
pipeline once, tokens are cut with one regular expression that splits on exactly lunr's
separators, and each vector is made from its sorted (term, score) pairs at once. Everything
else is lunr's: its pipeline functions, its idf, its BM25 arithmetic and defaults, its Index
and serialized form. tests/plugins/search/ compares the result with lunr's Builder's.
"""
from __future__ import annotations

import re
from collections import Counter

from lunr.field_ref import FieldRef
from lunr.idf import idf
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token
from lunr.tokenizer import SEPARATOR_CHARS
from lunr.trimmer import trimmer
from lunr.vector import Vector

WORD = re.compile("[^" + re.escape(SEPARATOR_CHARS) + "]+")
# lunr's BM25 parameters (Builder's defaults).
B, K1 = 0.75, 1.2


class IndexBuilder:
    """Documents in, a lunr Index out, as lunr.Builder with lunr.get_default_builder()'s
    pipelines would make it: `ref` names each document, `fields` are (name, boost) pairs."""

    def __init__(self, ref: str, fields: list[tuple[str, float]]):
        self.ref = ref
        self.fields = list(fields)
        self.pipeline = Pipeline()
        self.pipeline.add(trimmer, stop_word_filter, stemmer)
        self.search_pipeline = Pipeline()
        self.search_pipeline.add(stemmer)
        self._terms_of: dict[tuple[str, str], list[str]] = {}
        # Per document, per field: (number of terms, each term's count in order of first use).
        self._documents: list[tuple[str, list[tuple[int, dict[str, int]]]]] = []

    def add(self, document: dict) -> None:
        fields = []
        for name, _boost in self.fields:
            value = document.get(name)
            # Counted per distinct word, in order of first use: a term's first use is the first
            # use of the first word that gives it, so terms are numbered as lunr numbers them.
            words = Counter(() if value is None else WORD.findall(str(value).lower()))
            length, counts = 0, {}
            for word, times in words.items():
                for term in self._terms(word, name):
                    counts[term] = counts.get(term, 0) + times
                    length += times
            fields.append((length, counts))
        self._documents.append((str(document[self.ref]), fields))

    def build(self) -> Index:
        postings: dict[str, dict] = {}
        for doc_ref, fields in self._documents:
            for (name, _boost), (_length, counts) in zip(self.fields, fields):
                for term in counts:
                    posting = postings.get(term)
                    if posting is None:
                        posting = postings[term] = {field: {} for field, _ in self.fields}
                        posting["_index"] = len(postings) - 1
                    posting[name][doc_ref] = {}
        count = len(self._documents)
        average = [sum(fields[i][0] for _, fields in self._documents) / count if count else 0
                   for i in range(len(self.fields))]
        idf_of: dict[str, float] = {}
        vectors = {}
        for doc_ref, fields in self._documents:
            for i, ((name, boost), (length, counts)) in enumerate(zip(self.fields, fields)):
                pairs = []
                for term, tf in counts.items():
                    weight = idf_of.get(term)
                    if weight is None:
                        weight = idf_of[term] = idf(postings[term], count)
                    score = weight * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[i])) + tf)
                    pairs.append((postings[term]["_index"], round(score * boost, 3)))
                pairs.sort()
                vectors[str(FieldRef(doc_ref, name))] = Vector([value for pair in pairs for value in pair])
        return Index(inverted_index=postings, field_vectors=vectors, token_set=None,
                     fields=[name for name, _ in self.fields], pipeline=self.search_pipeline)

    def _terms(self, word: str, field: str) -> list[str]:
        terms = self._terms_of.get((word, field))
        if terms is None:
            terms = self._terms_of[(word, field)] = [str(t) for t in self.pipeline.run([Token(word, {})], field)]
        return terms
