"""The sentence classifier: a scikit-learn estimator over words, characters, headings, guideline cues and context.

``FindingClassifier`` follows the estimator contract: parameters are set in ``__init__`` and only
stored, learned state ends in ``_``, and it has ``fit``/``predict``/``predict_proba``. Its input is a
list of classifier inputs (see :mod:`.features`); its output labels are those of
:data:`finding_classifier.schema.LABELS`.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from .features import CONTEXT_FEATURES, lexicon_matrix


def proba_in_label_order(estimator, X) -> np.ndarray:
    """``predict_proba`` with columns in the order of ``LABELS`` (a label the model never saw gets 0)."""
    from ...schema import LABELS

    proba = estimator.predict_proba(X)
    classes = list(estimator.classes_)
    out = np.zeros((proba.shape[0], len(LABELS)))
    for j, lab in enumerate(LABELS):
        if lab in classes:
            out[:, j] = proba[:, classes.index(lab)]
    return out


def _joined(tokens) -> str:
    return " ".join(tokens) if tokens else ""


class FindingClassifier(ClassifierMixin, BaseEstimator):
    """Labels sentences as strength, area_for_improvement or evidence.

    Parameters
    ----------
    C : inverse regularisation strength of the logistic regression.
    words : add word n-grams (TF-IDF over the spaCy tokens).
    word_ngram_max : longest word n-gram (1 = unigrams only).
    char_ngrams : add character n-grams (within word boundaries) of ``char_ngram_min``..``char_ngram_max``.
    hash_bits : word and character n-grams are hashed into 2**hash_bits columns (TF-IDF weighted).
    section : add the words of the sentence's section heading.
    lexicon : add the guideline cues (evaluative, hedging, negation, comparison, recommendation, ...).
    lexicon_weight : scale of the guideline cue block relative to the TF-IDF blocks.
    context : add features of the neighbouring sentences (their cues and, if ``context_words``, their words).
    context_weight : scale of the context blocks.
    class_weight : passed to the logistic regression ("balanced" handles the label imbalance).
    random_state : seed passed to the solver.
    """

    def __init__(
        self,
        C: float = 1.0,
        words: bool = True,
        word_ngram_max: int = 2,
        char_ngrams: bool = True,
        char_ngram_min: int = 3,
        char_ngram_max: int = 5,
        hash_bits: int = 18,
        section: bool = True,
        lexicon: bool = True,
        lexicon_weight: float = 1.0,
        context: bool = False,
        context_words: bool = False,
        context_weight: float = 0.5,
        class_weight: str | None = "balanced",
        max_iter: int = 3000,
        random_state: int = 0,
    ):
        self.C = C
        self.words = words
        self.word_ngram_max = word_ngram_max
        self.char_ngrams = char_ngrams
        self.char_ngram_min = char_ngram_min
        self.char_ngram_max = char_ngram_max
        self.hash_bits = hash_bits
        self.section = section
        self.lexicon = lexicon
        self.lexicon_weight = lexicon_weight
        self.context = context
        self.context_words = context_words
        self.context_weight = context_weight
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.random_state = random_state

    # ------------------------------------------------------------------ features
    def _blocks(self, X, fit: bool):
        texts = [_joined(x["tokens"]) for x in X]
        blocks = []
        if fit:
            # Hashed n-grams: no vocabulary to store, so the model file stays small and loads fast.
            self.word_hasher_ = HashingVectorizer(
                token_pattern=r"[^ ]+", lowercase=False, ngram_range=(1, self.word_ngram_max),
                n_features=2**self.hash_bits, alternate_sign=False, norm=None, dtype=np.float64,
            )
            self.word_tfidf_ = TfidfTransformer(sublinear_tf=True)
        word_counts = None
        if self.words or (self.context and self.context_words):
            word_counts = self.word_hasher_.transform(texts)
            if fit:
                self.word_tfidf_.fit(word_counts)
            if self.words:
                blocks.append(self.word_tfidf_.transform(word_counts))
        if self.char_ngrams:
            if fit:
                self.char_hasher_ = HashingVectorizer(
                    analyzer="char_wb", ngram_range=(self.char_ngram_min, self.char_ngram_max), lowercase=False,
                    n_features=2**self.hash_bits, alternate_sign=False, norm=None, dtype=np.float64,
                )
                self.char_tfidf_ = TfidfTransformer(sublinear_tf=True)
                blocks.append(self.char_tfidf_.fit_transform(self.char_hasher_.transform(texts)))
            else:
                blocks.append(self.char_tfidf_.transform(self.char_hasher_.transform(texts)))
        if self.section:
            sections = [x["section"].lower() for x in X]
            if fit:
                self.section_vectorizer_ = TfidfVectorizer(token_pattern=r"[a-z]{2,}", lowercase=False, dtype=np.float64)
                blocks.append(self.section_vectorizer_.fit_transform(sections))
            else:
                blocks.append(self.section_vectorizer_.transform(sections))
        if self.lexicon or self.context:
            dense = lexicon_matrix(X, context=self.context)
            n_lex = dense.shape[1] - (len(CONTEXT_FEATURES) if self.context else 0)
            scale = np.ones(dense.shape[1])
            scale[:n_lex] = self.lexicon_weight if self.lexicon else 0.0
            scale[n_lex:] = self.context_weight
            blocks.append(sp.csr_matrix(dense * scale))
        if self.context and self.context_words:
            around = [_joined(x.get("prev")) + " " + _joined(x.get("next")) for x in X]
            blocks.append(self.word_tfidf_.transform(self.word_hasher_.transform(around)) * self.context_weight)
        return sp.hstack(blocks, format="csr")

    # ------------------------------------------------------------------ estimator API
    def fit(self, X, y, sample_weight=None):
        X = list(X)
        y = np.asarray(y)
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} inputs but y has {len(y)} labels")
        features = self._blocks(X, fit=True)
        self.model_ = LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=self.max_iter, random_state=self.random_state
        )
        # One BLAS thread: the solver's sums then run in the same order on any machine, so the same
        # data, config and seed give the same coefficients to the last bit (and the same model file).
        with threadpool_limits(limits=1):
            self.model_.fit(features, y, sample_weight=sample_weight)
        self.classes_ = self.model_.classes_
        self.n_features_ = features.shape[1]
        for name in ("word_hasher_", "char_hasher_", "section_vectorizer_"):
            vec = getattr(self, name, None)
            if vec is not None:
                # an address scikit-learn caches on text vectorisers; it would make saved models differ byte for byte
                vars(vec).pop("_stop_words_id", None)
        return self

    def predict_proba(self, X):
        check_is_fitted(self, "model_")
        X = list(X)
        if not X:
            return np.zeros((0, len(self.classes_)))
        return self.model_.predict_proba(self._blocks(X, fit=False))

    def predict(self, X):
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else np.array([], dtype=object)
