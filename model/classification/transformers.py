"""The feature blocks of :class:`~.estimator.FindingClassifier` as scikit-learn transformers.

Each reads a list of :class:`~.inputs.ClassifierInput` dicts and names its columns with
``get_feature_names_out``; the estimator composes them in a ``FeatureUnion``. The computations
themselves live in :mod:`.hashing` and :mod:`.cues`, shared with the compiled
:class:`~.linear.LinearModel` that runs them without scikit-learn.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

from .hashing import ANALYZERS, shared_hasher
from .interactions import DEFAULT_INTERACTION_CUES, shared_interaction_hasher
from .linear import CUE_SETS, block_text


class DictInputTransformer(TransformerMixin, BaseEstimator):
    """A transformer of :class:`~.inputs.ClassifierInput` dicts that learns nothing (its tags say so)."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.dict = True
        tags.requires_fit = False
        return tags


class _Stateless(DictInputTransformer):
    def fit(self, X, y=None):
        self.n_features_out_ = self._width()
        return self


class HashedNgrams(_Stateless):
    """Counts of hashed word n-grams (``analyzer="word"``) or character n-grams within word boundaries
    (``"char_wb"``) of the sentence (``source="tokens"``) or of its neighbours (``"context"``)."""

    def __init__(self, source: str = "tokens", analyzer: str = "word", ngram_min: int = 1, ngram_max: int = 2, n_features: int = 2**18):
        self.source = source
        self.analyzer = analyzer
        self.ngram_min = ngram_min
        self.ngram_max = ngram_max
        self.n_features = n_features

    def _width(self) -> int:
        return int(self.n_features)

    def transform(self, X):
        if self.analyzer not in ANALYZERS:
            raise ValueError(f"analyzer must be one of {ANALYZERS}, not {self.analyzer!r}")
        X = list(X)
        hasher = shared_hasher(self.analyzer, (self.ngram_min, self.ngram_max), self.n_features)
        indptr, cols, counts = hasher.counts(block_text(x, self.source) for x in X)
        return sp.csr_matrix((counts, cols, indptr), shape=(len(X), int(self.n_features)))

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"{self.analyzer}_hash_{i}" for i in range(int(self.n_features))], dtype=object)


class SectionText(_Stateless):
    """The lower-cased section heading of each sentence (the input of a ``TfidfVectorizer``)."""

    def _width(self) -> int:
        return 1

    def transform(self, X):
        return [(x["section"] or "").lower() for x in X]

    def get_feature_names_out(self, input_features=None):
        return np.asarray(["section"], dtype=object)


class GuidelineCues(_Stateless):
    """The guideline's cues (``cue_set="guideline"``) or the neighbouring sentences' (``"context"``)."""

    def __init__(self, cue_set: str = "guideline"):
        self.cue_set = cue_set

    def _width(self) -> int:
        return len(CUE_SETS[self.cue_set][0])

    def transform(self, X):
        return CUE_SETS[self.cue_set][1](list(X))

    def get_feature_names_out(self, input_features=None):
        return np.asarray(CUE_SETS[self.cue_set][0], dtype=object)


class CueInteractions(_Stateless):
    """Words of the sentence hashed apart for each active gating cue (see :mod:`.interactions`)."""

    def __init__(self, cues: tuple = DEFAULT_INTERACTION_CUES, n_features: int = 2**18):
        self.cues = cues
        self.n_features = n_features

    def _width(self) -> int:
        return int(self.n_features)

    def transform(self, X):
        X = list(X)
        hasher = shared_interaction_hasher(tuple(self.cues), int(self.n_features))
        docs = [block_text(x, "tokens") for x in X]
        indptr, cols, vals = hasher.rows(docs, CUE_SETS["guideline"][1](X))
        m = sp.csr_matrix((vals, cols, indptr), shape=(len(X), int(self.n_features)))
        m.sum_duplicates()
        return m

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"interaction_hash_{i}" for i in range(int(self.n_features))], dtype=object)
