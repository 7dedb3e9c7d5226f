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

from itertools import chain
from typing import Iterable

import mmh3
import numpy as np

ANALYZERS = ("word", "char_wb")
_CACHE_LIMIT = 500_000  # distinct keys kept per hasher before the cache is cleared
_PAIR_BASE = 1 << 31  # a bigram's key: left token id * _PAIR_BASE + right token id (ids stay below _CACHE_LIMIT)


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
        self.key = (analyzer, *self.ngram_range, self.n_features)  # the settings that decide every column
        self._cache: dict = {}  # word n-gram -> column; word (char_wb) -> its row in _table
        self._table = None  # char_wb: the columns of every cached word's n-grams, one after another
        self._vocab: dict[str, int] = {}  # word: token -> id; _uni[id] is its column, _words[id] the token
        self._uni = np.zeros(0, dtype=np.int64)
        self._pair_keys = self._pair_cols = np.zeros(0, dtype=np.int64)  # word: sorted id pairs and their bigram's column
        self._starts = self._lengths = None  # char_wb: where each cached word's columns start, and how many

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
            out += self._char_rows_cols([doc])[1].tolist()
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
        docs = list(docs)
        if self.analyzer == "char_wb":
            rows, cols = self._char_rows_cols(docs)
        elif self.ngram_range[1] <= 2:
            rows, cols = self._word_rows_cols(docs)
        else:
            col_list: list[int] = []
            lengths: list[int] = []
            for doc in docs:
                before = len(col_list)
                self._columns_into(doc, col_list)
                lengths.append(len(col_list) - before)
            rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
            cols = np.asarray(col_list, dtype=np.int64)
        n = len(docs)
        nf = self.n_features
        keys, counts = _unique_counts(rows * nf + cols, n * nf)
        if nf & (nf - 1) == 0:  # a power of two (every model's): a shift and a mask, not a division
            row_of, cols = keys >> (nf.bit_length() - 1), keys & (nf - 1)
        else:
            row_of, cols = keys // nf, keys % nf
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(row_of, minlength=n), out=indptr[1:])
        return indptr, cols, counts.astype(np.float64)

    def _word_rows_cols(self, docs: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of every word unigram and bigram of ``docs`` (``ngram_range`` within 1-2),
        gathered with NumPy: a column per distinct token, and per distinct pair of token ids."""
        tokens = [list(filter(None, d.split(" "))) for d in docs]  # scikit-learn's token_pattern r"[^ ]+"
        flat = list(chain.from_iterable(tokens))
        if len(self._vocab) >= _CACHE_LIMIT:
            self._vocab, self._uni = {}, np.zeros(0, dtype=np.int64)
            self._pair_keys = self._pair_cols = np.zeros(0, dtype=np.int64)
        vocab = self._vocab
        ids = list(map(vocab.get, flat))
        if None in ids:
            new = [t for t in dict.fromkeys(flat) if t not in vocab]
            for t in new:
                vocab[t] = len(vocab)
            self._uni = np.concatenate([self._uni, np.asarray([column(t, self.n_features) for t in new], dtype=np.int64)])
            self._words = getattr(self, "_words", []) + new
            ids = list(map(vocab.__getitem__, flat))
        ids = np.asarray(ids, dtype=np.int64)
        lengths = np.asarray(list(map(len, tokens)), dtype=np.int64)
        doc_of = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        low, high = self.ngram_range
        rows, cols = [], []
        if low <= 1:
            rows.append(doc_of)
            cols.append(self._uni[ids])
        if high >= 2 and len(ids) > 1:
            same = doc_of[1:] == doc_of[:-1]  # a bigram never spans two documents
            left, right = ids[:-1][same], ids[1:][same]
            keys = left * _PAIR_BASE + right
            pos = np.searchsorted(self._pair_keys, keys)
            pos_c = np.minimum(pos, max(len(self._pair_keys) - 1, 0))
            found = (pos < len(self._pair_keys)) & (self._pair_keys[pos_c] == keys) if len(self._pair_keys) else np.zeros(len(keys), bool)
            if not found.all():
                missing = np.unique(keys[~found])
                words = self._words
                new_cols = np.asarray([column(words[k // _PAIR_BASE] + " " + words[k % _PAIR_BASE], self.n_features) for k in missing.tolist()], dtype=np.int64)
                all_keys = np.concatenate([self._pair_keys, missing])
                order = np.argsort(all_keys, kind="stable")
                self._pair_keys = all_keys[order]
                self._pair_cols = np.concatenate([self._pair_cols, new_cols])[order]
                pos = np.searchsorted(self._pair_keys, keys)
            rows.append(doc_of[1:][same])
            cols.append(self._pair_cols[pos])
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(rows), np.concatenate(cols)

    def _char_rows_cols(self, docs: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of every character n-gram of ``docs``, gathered with NumPy from the columns
        of each distinct word (computed once per word and process)."""
        words = [d.split() for d in docs]
        flat = list(chain.from_iterable(words))
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
            self._table = None
        index = self._cache  # word -> its position in the table
        ids = list(map(index.get, flat))
        if None in ids or self._table is None:
            low, high = self.ngram_range
            new = [w for w in dict.fromkeys(flat) if w not in index]
            parts = [] if self._table is None else [self._table]
            for w in new:
                index[w] = len(index)
                parts.append(np.asarray([column(g, self.n_features) for g in char_wb_ngrams(w, low, high)], dtype=np.int64))
            starts = [] if self._table is None else [self._starts]
            lengths = [] if self._table is None else [self._lengths]
            new_lengths = np.asarray([len(a) for a in parts[len(parts) - len(new):]], dtype=np.int64)
            base = 0 if self._table is None else len(self._table)
            starts.append(base + np.concatenate([[0], np.cumsum(new_lengths)[:-1]]).astype(np.int64) if len(new) else np.zeros(0, dtype=np.int64))
            lengths.append(new_lengths)
            self._table = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
            self._starts = np.concatenate(starts)
            self._lengths = np.concatenate(lengths)
            ids = list(map(index.__getitem__, flat))
        ids = np.asarray(ids, dtype=np.int64)
        lengths = self._lengths[ids]
        total = int(lengths.sum())
        ends = np.cumsum(lengths)
        gather = np.arange(total, dtype=np.int64) + np.repeat(self._starts[ids] - (ends - lengths), lengths)
        doc_of_word = np.repeat(np.arange(len(docs), dtype=np.int64), list(map(len, words)))
        return np.repeat(doc_of_word, lengths), self._table[gather]

    def ngrams(self, doc: str) -> list[str]:
        """The n-grams of ``doc`` themselves (to name the features of one sentence when explaining it)."""
        low, high = self.ngram_range
        if self.analyzer == "char_wb":
            return [g for word in doc.split() for g in char_wb_ngrams(word, low, high)]
        tokens = [t for t in doc.split(" ") if t]
        return [" ".join(tokens[i : i + n]) for n in range(low, min(high, len(tokens)) + 1) for i in range(len(tokens) - n + 1)]


def _unique_counts(keys: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_counts=True)`` for keys in ``[0, bound)``, a few times faster: a plain
    sort (of 32-bit keys when they fit) and the run boundaries, where ``np.unique`` does more work."""
    if not len(keys):
        return keys.astype(np.int64), np.zeros(0, dtype=np.int64)
    s = np.sort(keys.astype(np.uint32) if bound <= 1 << 32 else keys)
    edge = np.empty(len(s), dtype=bool)
    edge[0] = True
    np.not_equal(s[1:], s[:-1], out=edge[1:])
    first = np.flatnonzero(edge)
    return s[first].astype(np.int64), np.diff(np.append(first, len(s)))


def merge_rows(keep: np.ndarray, kept: tuple, fresh: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CSR parts whose row ``i`` is row ``i`` of ``kept`` where ``keep[i]``, else the next row of
    ``fresh`` (which has one row per ``False`` of ``keep``, in order)."""
    k_ptr, k_cols, k_vals = kept
    f_ptr, f_cols, f_vals = fresh
    n = len(keep)
    lengths = np.diff(k_ptr)
    starts = k_ptr[:-1].copy()
    lengths[~keep] = np.diff(f_ptr)
    starts[~keep] = f_ptr[:-1] + len(k_cols)  # fresh entries stand after the kept ones in the pool
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    gather = np.arange(indptr[-1], dtype=np.int64) + np.repeat(starts - indptr[:-1], lengths)
    return indptr, np.concatenate([k_cols, f_cols])[gather], np.concatenate([k_vals, f_vals])[gather]


def row_sums(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """The sum of each CSR row's values, over the row's own run (0 for a row without entries)."""
    out = np.zeros(len(indptr) - 1)
    filled = indptr[:-1] < indptr[1:]
    if len(values):
        out[filled] = np.add.reduceat(values, indptr[:-1][filled])
    return out


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
        norms = np.sqrt(row_sums(data * data, indptr))
        norms[norms == 0] = 1.0
        data /= np.repeat(norms, np.diff(indptr))
    return data
