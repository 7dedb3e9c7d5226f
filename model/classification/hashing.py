"""Hashed word and character n-grams, computed once per distinct token.

The columns are exactly those of scikit-learn's ``HashingVectorizer`` with ``alternate_sign=False``
(word n-grams over space-separated tokens, or ``char_wb`` n-grams within word boundaries), so a
model trained with either computes the same features; a test checks the two against each other.
The difference is speed: the n-grams of a token are hashed once per process and reused, where
scikit-learn re-derives and re-hashes every n-gram of every sentence in Python.

This module needs only NumPy and ``mmh3`` (the same MurmurHash3 that scikit-learn uses), so the
classification path at run time never imports scikit-learn.
"""
from __future__ import annotations

from typing import Iterable

import mmh3
import numpy as np

ANALYZERS = ("word", "char_wb")
_CACHE_LIMIT = 500_000  # distinct keys kept per hasher before the cache is cleared


def column(feature: str, n_features: int) -> int:
    """The column of one n-gram: ``abs(murmurhash3_32(feature)) % n_features``, as scikit-learn."""
    h = mmh3.hash(feature, 0, signed=True)
    if h == -2147483648:  # abs(-2**31) overflows int32; scikit-learn defines it this way
        return (2147483647 - (n_features - 1)) % n_features
    return abs(h) % n_features


def char_wb_ngrams(word: str, low: int, high: int) -> list[str]:
    """The character n-grams of one word padded with a space on each side (scikit-learn's ``char_wb``)."""
    w = " " + word + " "
    size = len(w)
    out = []
    for n in range(low, high + 1):
        offset = 0
        out.append(w[offset : offset + n])
        while offset + n < size:
            offset += 1
            out.append(w[offset : offset + n])
        if offset == 0:  # a word shorter than n gives one n-gram only
            break
    return out


class NgramHasher:
    """Maps a document (tokens joined by spaces) to hashed n-gram counts."""

    def __init__(self, analyzer: str = "word", ngram_range: tuple[int, int] = (1, 2), n_features: int = 2**18):
        if analyzer not in ANALYZERS:
            raise ValueError(f"analyzer must be one of {ANALYZERS}, not {analyzer!r}")
        self.analyzer = analyzer
        self.ngram_range = (int(ngram_range[0]), int(ngram_range[1]))
        self.n_features = int(n_features)
        self._cache: dict = {}  # word n-gram -> column; word (char_wb) -> columns of its n-grams

    def columns(self, doc: str) -> list[int]:
        """The column of every n-gram of ``doc``, repeated as often as the n-gram occurs."""
        out: list[int] = []
        self._columns_into(doc, out)
        return out

    def _columns_into(self, doc: str, out: list[int]) -> None:
        cache = self._cache
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        get = cache.get
        if self.analyzer == "char_wb":
            for word in doc.split():
                cols = get(word)
                if cols is None:
                    low, high = self.ngram_range
                    cols = cache[word] = [column(g, self.n_features) for g in char_wb_ngrams(word, low, high)]
                out += cols
            return
        tokens = [t for t in doc.split(" ") if t]  # scikit-learn's token_pattern r"[^ ]+"
        low, high = self.ngram_range
        for n in range(low, min(high, len(tokens)) + 1):
            grams = tokens if n == 1 else list(map(" ".join, zip(*(tokens[i:] for i in range(n)))))
            cols = [get(g, -1) for g in grams]
            if -1 in cols:  # n-grams seen for the first time in this process
                cols = [c if c >= 0 else cache.setdefault(g, column(g, self.n_features)) for g, c in zip(grams, cols)]
            out += cols

    def counts(self, docs: Iterable[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts ``(indptr, indices, counts)`` of the count matrix, columns sorted within a row."""
        cols: list[int] = []
        lengths: list[int] = []
        for doc in docs:
            before = len(cols)
            self._columns_into(doc, cols)
            lengths.append(len(cols) - before)
        n = len(lengths)
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        keys, counts = np.unique(rows * self.n_features + np.asarray(cols, dtype=np.int64), return_counts=True)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys // self.n_features, minlength=n), out=indptr[1:])
        return indptr, keys % self.n_features, counts.astype(np.float64)

    def ngrams(self, doc: str) -> list[str]:
        """The n-grams of ``doc`` themselves (to name the features of one sentence when explaining it)."""
        low, high = self.ngram_range
        if self.analyzer == "char_wb":
            return [g for word in doc.split() for g in char_wb_ngrams(word, low, high)]
        tokens = [t for t in doc.split(" ") if t]
        return [" ".join(tokens[i : i + n]) for n in range(low, min(high, len(tokens)) + 1) for i in range(len(tokens) - n + 1)]


_SHARED: dict[tuple, NgramHasher] = {}


def shared_hasher(analyzer: str, ngram_range: tuple[int, int], n_features: int) -> NgramHasher:
    """One hasher (and so one cache of token columns) per setting, for the whole process."""
    key = (analyzer, int(ngram_range[0]), int(ngram_range[1]), int(n_features))
    hasher = _SHARED.get(key)
    if hasher is None:
        hasher = _SHARED[key] = NgramHasher(analyzer, key[1:3], key[3])
    return hasher


def tfidf_rows(indptr: np.ndarray, indices: np.ndarray, counts: np.ndarray, idf: np.ndarray, sublinear: bool) -> np.ndarray:
    """The values of TF-IDF with l2-normalised rows (scikit-learn's ``TfidfTransformer``), same CSR layout."""
    data = counts.copy()
    if sublinear:
        np.log(data, out=data)
        data += 1.0
    data *= idf[indices]
    if len(data):
        row = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
        norms = np.sqrt(np.bincount(row, weights=data * data, minlength=len(indptr) - 1))
        norms[norms == 0] = 1.0
        data /= norms[row]
    return data
