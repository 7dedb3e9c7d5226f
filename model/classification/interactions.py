"""Cue-by-word interactions: the sentence's words, counted apart when a guideline cue is active.

A linear model over words and cues adds their weights: "improve" pushes the same way whether or not
the sentence is a recommendation. This block gives a word a second weight per gating cue: for each
cue of ``cues`` that is active in a sentence (a column of :data:`.cues.CUE_FEATURES` with a
non-zero value), each word of the sentence (the ``words`` block's tokens; unigrams) is hashed with
the cue's own MurmurHash3 seed into one shared space of ``n_features`` columns. Its value is the
cue's value times the word's count divided by the l2 norm of the sentence's word counts, so a
sentence's interaction row has the scale of its word block. So "improve" after a recommendation
cue, or in a sentence with a contrast word, can mean something other than "improve" alone.

NumPy and ``mmh3`` only: the compiled :class:`~.linear.LinearModel` runs this block without
scikit-learn (:class:`~.transformers.CueInteractions` is the same computation as a transformer).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Sequence

import mmh3
import numpy as np

from . import cues as cue_features

#: The cues that gate interactions by default: the ones that carry a polarity or a decision
#: (rule 3's contrast and concession, rule 5's recommendation and need, rule 6's plan and aim,
#: rule 7's figure, rule 2's reported speech, negation).
DEFAULT_INTERACTION_CUES = ("contrast", "concessive_start", "imperative", "need", "plan", "aim", "has_number", "reporting", "negation")
_CACHE_LIMIT = 500_000


def cue_seed(cue: str) -> int:
    """The MurmurHash3 seed of one gating cue (from its name, so it does not depend on list order)."""
    return mmh3.hash(cue, 0, signed=False)


def check_cues(cues: Sequence[str]) -> None:
    """A one-line error for gating cue names that are not guideline cue features (or repeated)."""
    cues = list(cues)
    if not cues:
        raise ValueError("interaction_cues is empty: name at least one guideline cue (or set interactions = false)")
    unknown = [c for c in cues if c not in cue_features.CUE_FEATURES]
    if unknown:
        raise ValueError(f"interaction_cues: unknown cue(s) {', '.join(map(repr, unknown))}; the guideline cues are {', '.join(cue_features.CUE_FEATURES)}")
    if len(set(cues)) != len(cues):
        raise ValueError("interaction_cues names a cue twice")


class InteractionHasher:
    """Hashes ``(cue, word)`` pairs to columns, once per pair and process."""

    def __init__(self, cues: Sequence[str], n_features: int):
        check_cues(cues)
        self.cues = tuple(cues)
        self.n_features = int(n_features)
        self._index = np.asarray([cue_features.CUE_FEATURES.index(c) for c in self.cues], dtype=np.int64)
        self._seeds = [cue_seed(c) for c in self.cues]
        self._cache: dict[str, list[int]] = {}  # word -> its column under each cue (to name features)
        self._vocab: dict[str, int] = {}  # word -> its row in _table
        self._table = np.zeros((0, len(self.cues)), dtype=np.int64)  # a row per word: its column under each cue

    def word_columns(self, word: str) -> list[int]:
        cols = self._cache.get(word)
        if cols is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            n = self.n_features
            cols = self._cache[word] = [mmh3.hash(word, s, signed=False) % n for s in self._seeds]
        return cols

    def rows(self, docs: Sequence[str], cue_values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR parts ``(indptr, indices, values)``: one row per doc (tokens joined by spaces), from
        ``cue_values`` (rows of :data:`CUE_FEATURES`). Gathered with NumPy over the sentences with an
        active gating cue (a word's columns come from a table filled once per word and process). A
        column may repeat within a row (two pairs that hash alike); the sums a linear model takes
        are the same."""
        n = len(docs)
        indptr = np.zeros(n + 1, dtype=np.int64)
        empty = (indptr, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))
        if not n:
            return empty
        gate = np.asarray(cue_values, dtype=np.float64)[:, self._index]
        active = np.flatnonzero(gate.any(axis=1))
        if not len(active):
            return empty
        tokens = [list(filter(None, docs[i].split(" "))) for i in active.tolist()]
        flat = list(chain.from_iterable(tokens))
        if not flat:
            return empty
        vocab = self._vocab
        if len(vocab) >= _CACHE_LIMIT:
            vocab.clear()
            self._table = np.zeros((0, len(self.cues)), dtype=np.int64)
        new = [t for t in dict.fromkeys(flat) if t not in vocab]
        if new:
            for t in new:
                vocab[t] = len(vocab)
            nf = self.n_features
            cols_new = np.asarray([[mmh3.hash(t, s, signed=False) % nf for s in self._seeds] for t in new], dtype=np.int64)
            self._table = np.concatenate([self._table, cols_new.reshape(len(new), len(self.cues))])
        ids = np.asarray(list(map(vocab.__getitem__, flat)), dtype=np.int64)
        v = len(vocab)
        doc_of = np.repeat(np.arange(len(active), dtype=np.int64), list(map(len, tokens)))
        keys, counts = np.unique(doc_of * v + ids, return_counts=True)
        udoc, uid = keys // v, keys % v
        counts = counts.astype(np.float64)
        norms = np.sqrt(np.bincount(udoc, weights=counts * counts, minlength=len(active)))
        share = counts / norms[udoc]
        g = gate[active[udoc]]  # each (sentence, word) entry's gating values
        entry, k = np.nonzero(g)  # entry-major: a row's entries stay together, in word order
        row = active[udoc[entry]]
        np.cumsum(np.bincount(row, minlength=n), out=indptr[1:])
        return indptr, self._table[uid[entry], k], g[entry, k] * share[entry]

    def names(self, doc: str, cue_values: np.ndarray) -> dict[int, str]:
        """Column -> "cue*word" for one sentence (to explain it)."""
        out = {}
        for k, cue in enumerate(self.cues):
            if cue_values[self._index[k]]:
                for word in doc.split(" "):
                    if word:
                        out[self.word_columns(word)[k]] = f"{cue}*{word}"
        return out


_SHARED: dict[tuple, InteractionHasher] = {}


def shared_interaction_hasher(cues: Sequence[str], n_features: int) -> InteractionHasher:
    key = (tuple(cues), int(n_features))
    h = _SHARED.get(key)
    if h is None:
        h = _SHARED[key] = InteractionHasher(key[0], key[1])
    return h


@dataclass
class InteractionBlock:
    """The compiled interaction block of a :class:`~.linear.LinearModel`."""

    name: str
    cues: tuple[str, ...]
    n_features: int
    weight: float = 1.0
    offset: int = 0

    def __post_init__(self):
        self.cues = tuple(self.cues)
        try:
            self._hasher = shared_interaction_hasher(self.cues, self.n_features)
        except ValueError as exc:
            from ...errors import ModelError

            raise ModelError(f"the model's interaction block: {exc}; retrain it with `findings train`") from None

    @property
    def width(self) -> int:
        return self.n_features

    def sparse(self, inputs, shared: dict | None = None):
        """``shared``: the batch's guideline cue matrix when the cue block computed it already."""
        inputs = list(inputs)
        cue_values = shared.get(("cues", "guideline")) if shared is not None else None
        if cue_values is None or len(cue_values) != len(inputs):
            cue_values = cue_features.cue_matrix(inputs)
        docs = [" ".join(x["tokens"]) if x["tokens"] else "" for x in inputs]
        indptr, cols, vals = self._hasher.rows(docs, cue_values)
        return indptr, cols, vals * self.weight

    def names(self, inp: dict) -> dict[int, str]:
        return self._hasher.names(" ".join(inp["tokens"]) if inp["tokens"] else "", cue_features.cue_matrix([inp])[0])

    def spec(self) -> dict:
        return {"type": "interactions", "name": self.name, "cues": list(self.cues), "n_features": self.n_features, "weight": self.weight}
