"""The trained classifier as it runs: feature blocks and a linear softmax layer, in NumPy alone.

:class:`FindingClassifier` (in :mod:`.estimator`) is trained with scikit-learn parts; once fitted,
:meth:`~.estimator.FindingClassifier.compile` turns it into a :class:`LinearModel`: the same feature
blocks (hashed word and character n-grams with their IDF weights, the section's words, the
guideline cues) and the same coefficients, with nothing else. Its probabilities equal the
estimator's (a test checks them to 1e-9), but it loads in milliseconds, imports neither
scikit-learn nor SciPy, and is what a model folder stores (plain arrays and JSON; loading it
never executes code from the file).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ...schema import LABELS
from . import cues as cue_features
from .hashing import column, merge_rows, row_sums, shared_hasher, tfidf_rows
from .interactions import InteractionBlock

_CLAUSES = ("clauses", "decisive")  # key of the decisive clauses the guideline cue block leaves in ``shared``

#: Which cue function fills a cue block.
CUE_SETS = {
    "guideline": (cue_features.CUE_FEATURES, cue_features.cue_matrix),
    "context": (cue_features.CONTEXT_FEATURES, cue_features.context_matrix),
}


def block_text(inp: dict, source: str) -> str:
    """The text a hashed block reads: the sentence's tokens, or its neighbours' (``context``)."""
    if source == "tokens":
        return " ".join(inp["tokens"]) if inp["tokens"] else ""
    if source == "context":
        return " ".join(inp.get("prev") or ()) + " " + " ".join(inp.get("next") or ())
    if source == "decisive":  # the clause that decides a mixed sentence (rule 3)
        return " ".join(cue_features.decisive_clause(inp["tokens"]))
    raise ValueError(f"unknown text source {source!r}")


@dataclass
class HashedBlock:
    """Hashed n-grams of a text source, TF-IDF weighted (sublinear TF, l2-normalised rows)."""

    name: str
    source: str
    analyzer: str
    ngram_range: tuple[int, int]
    n_features: int
    idf: np.ndarray = field(repr=False)
    weight: float = 1.0
    sublinear: bool = True
    offset: int = 0

    def __post_init__(self):
        self.ngram_range = (int(self.ngram_range[0]), int(self.ngram_range[1]))
        self._hasher = shared_hasher(self.analyzer, self.ngram_range, self.n_features)

    @property
    def width(self) -> int:
        return self.n_features

    def sparse(self, inputs, shared: dict | None = None):
        """CSR parts ``(indptr, indices, values)`` of the block's rows.

        ``shared`` (one dict for the blocks of one batch) lets blocks with the same hasher settings
        reuse each other's counts: the ``decisive_words`` block reads the sentence's own words for
        most sentences (no contrast or concession to cut), so only the rows whose text differs from
        the ``words`` block's are hashed again. Counts are a function of the text alone, so the
        rows are the same as hashing every text afresh."""
        clauses = shared.get(_CLAUSES) if shared is not None and self.source == "decisive" else None
        if clauses is not None and clauses[0] is inputs:  # cut by the cue block of this batch
            docs = list(map(" ".join, clauses[1]))
        else:
            docs = [block_text(x, self.source) for x in inputs]
        indptr, cols, counts = self._counts(docs, shared)
        return indptr, cols, tfidf_rows(indptr, cols, counts, self.idf, self.sublinear) * self.weight

    def _counts(self, docs: list[str], shared: dict | None):
        if shared is None:
            return self._hasher.counts(docs)
        seen = shared.get(self._hasher.key)
        if seen is None or len(seen[0]) != len(docs):
            out = self._hasher.counts(docs)
            shared[self._hasher.key] = (docs, out)
            return out
        before, parts = seen
        same = np.fromiter(map(str.__eq__, docs, before), dtype=bool, count=len(docs))
        if same.all():
            return parts
        fresh = self._hasher.counts([d for d, s in zip(docs, same.tolist()) if not s])
        return merge_rows(same, parts, fresh)

    def names(self, inp: dict) -> dict[int, str]:
        return {column(g, self.n_features): g for g in self._hasher.ngrams(block_text(inp, self.source))}

    def spec(self) -> dict:
        return {"type": "hashed", "name": self.name, "source": self.source, "analyzer": self.analyzer,
                "ngram_range": list(self.ngram_range), "n_features": self.n_features, "weight": self.weight,
                "sublinear": self.sublinear}


@dataclass
class VocabularyBlock:
    """Words of the section heading against a fixed vocabulary, TF-IDF weighted (raw TF, l2 rows)."""

    name: str
    vocabulary: list[str]
    idf: np.ndarray = field(repr=False)
    pattern: str = r"[a-z]{2,}"
    weight: float = 1.0
    offset: int = 0

    def __post_init__(self):
        self._index = {w: i for i, w in enumerate(self.vocabulary)}
        self._re = re.compile(self.pattern)
        self._rows: dict = {}

    @property
    def width(self) -> int:
        return len(self.vocabulary)

    def _row(self, section: str) -> tuple[list[int], list[float]]:
        """The sorted columns and counts of one heading's words (kept per heading: a report repeats few)."""
        got = self._rows.get(section)
        if got is None:
            row: dict[int, int] = {}
            for w in self._re.findall((section or "").lower()):
                j = self._index.get(w)
                if j is not None:
                    row[j] = row.get(j, 0) + 1
            if len(self._rows) >= 10_000:
                self._rows.clear()
            got = self._rows[section] = (sorted(row), [float(row[j]) for j in sorted(row)])
        return got

    def sparse(self, inputs):
        indptr, cols, counts = [0], [], []
        for x in inputs:
            c, v = self._row(x["section"])
            cols += c
            counts += v
            indptr.append(len(cols))
        indptr = np.asarray(indptr, dtype=np.int64)
        cols = np.asarray(cols, dtype=np.int64)
        return indptr, cols, tfidf_rows(indptr, cols, np.asarray(counts, dtype=np.float64), self.idf, False) * self.weight

    def names(self, inp: dict) -> dict[int, str]:
        return {self._index[w]: "section:" + w for w in self._re.findall((inp["section"] or "").lower()) if w in self._index}

    def spec(self) -> dict:
        return {"type": "vocabulary", "name": self.name, "vocabulary": self.vocabulary, "pattern": self.pattern, "weight": self.weight}


@dataclass
class CueBlock:
    """The guideline cues (or the neighbours' cues): a few dense, named columns."""

    name: str
    cue_set: str
    feature_names: tuple[str, ...]
    weight: float = 1.0
    offset: int = 0

    def __post_init__(self):
        expected, self._fn = CUE_SETS[self.cue_set]
        if tuple(self.feature_names) != tuple(expected):
            from ...errors import ModelError

            raise ModelError(
                f"the model's {self.cue_set} cue features differ from this version's ({len(self.feature_names)} against "
                f"{len(expected)}); retrain it with `findings train`"
            )

    @property
    def width(self) -> int:
        return len(self.feature_names)

    def values_shared(self, inputs, shared: dict) -> np.ndarray:
        """The cue values before the block's weight; the guideline cues also leave each sentence's decisive clause in ``shared``
        (for the ``decisive_words`` block of the same batch: the same lists
        :func:`~.cues.decisive_clause` gives)."""
        if self.cue_set != "guideline":
            return self._fn(inputs)
        values, clauses = cue_features.cue_matrix_and_clauses(inputs)
        shared[_CLAUSES] = (inputs, clauses)
        return values

    def dense(self, inputs) -> np.ndarray:
        return self._fn(inputs) * self.weight

    def spec(self) -> dict:
        return {"type": "cues", "name": self.name, "cue_set": self.cue_set, "feature_names": list(self.feature_names), "weight": self.weight}


@dataclass
class Contribution:
    """One feature of one sentence and what it adds to each label's score (before the softmax)."""

    feature: str
    block: str
    value: float
    contributions: dict[str, float]


class LinearModel:
    """Feature blocks and a multinomial logistic layer; ``predict_proba`` columns follow ``classes``."""

    def __init__(self, classes: Sequence[str], coef: np.ndarray, intercept: np.ndarray, blocks: list, transposed: bool = False,
                 platt: np.ndarray | None = None):
        """``coef`` has a row per class (scikit-learn's layout), or a row per feature with ``transposed``.

        ``platt``: for a calibrated linear SVM, a row ``(a, b)`` per class: each class's score ``s``
        becomes ``1 / (1 + exp(a*s + b))`` and the row is normalised (scikit-learn's sigmoid
        calibration, one-vs-rest); without it the scores go through a softmax."""
        self.platt = None if platt is None else np.asarray(platt, dtype=np.float64)
        self.classes_ = np.asarray(list(classes), dtype=object)
        # Kept with a row per class, each contiguous: one ``take`` per class gathers a block's columns
        # faster than gathering feature rows (measured); ``_coef_t`` is a view with a row per feature.
        self.coef = np.ascontiguousarray(np.asarray(coef).T if transposed else coef, dtype=np.float64)
        self._coef_t = self.coef.T
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.blocks = blocks
        offset = 0
        for b in blocks:
            b.offset = offset
            offset += b.width
        if self.coef.shape != (len(self.classes_), offset):
            from ...errors import ModelError

            raise ModelError(f"coefficients have shape {self.coef.shape}, the feature blocks need {(len(self.classes_), offset)}")
        self._order = [list(self.classes_).index(lab) if lab in list(self.classes_) else -1 for lab in LABELS]

    @property
    def uses_context(self) -> bool:
        """Whether the neighbouring sentences feed any feature block."""
        return any(getattr(b, "source", "") == "context" or getattr(b, "cue_set", "") == "context" for b in self.blocks)

    @property
    def uses_encoder(self) -> bool:
        """Whether a sentence encoder (the accurate model) feeds a block."""
        return any(getattr(b, "encoder", None) is not None for b in self.blocks)

    @property
    def n_features(self) -> int:
        return self.coef.shape[1]

    def decision_function(self, inputs) -> np.ndarray:
        inputs = list(inputs)
        n = len(inputs)
        scores = np.tile(self.intercept, (n, 1))
        if not n:
            return scores
        shared: dict = {}  # hashed counts the blocks of this batch share (see HashedBlock.sparse)
        for b in self.blocks:
            if isinstance(b, CueBlock):  # the interaction block reads the same cue values
                values = b.values_shared(inputs, shared)
                shared[("cues", b.cue_set)] = values
                scores += (values * b.weight) @ self.coef[:, b.offset : b.offset + b.width].T
                continue
            if hasattr(b, "dense"):  # sentence-embedding blocks: dense columns
                scores += b.dense(inputs) @ self.coef[:, b.offset : b.offset + b.width].T
                continue
            indptr, cols, vals = b.sparse(inputs, shared) if isinstance(b, (HashedBlock, InteractionBlock)) else b.sparse(inputs)
            if not len(cols):
                continue
            at = cols + b.offset
            for k, coef in enumerate(self.coef):
                scores[:, k] += row_sums(coef.take(at) * vals, indptr)
        return scores

    def predict_proba(self, inputs) -> np.ndarray:
        scores = self.decision_function(inputs)
        if self.platt is not None:
            p = 1.0 / (1.0 + np.exp(self.platt[:, 0] * scores + self.platt[:, 1]))
            total = p.sum(axis=1, keepdims=True)
            uniform = total[:, 0] == 0
            p[uniform] = 1.0 / p.shape[1]
            total[uniform] = 1.0
            return p / total
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def proba(self, inputs) -> np.ndarray:
        """Probabilities with columns in the order of ``LABELS`` (0 for a label the model never saw)."""
        p = self.predict_proba(inputs)
        out = np.zeros((p.shape[0], len(LABELS)))
        for j, k in enumerate(self._order):
            if k >= 0:
                out[:, j] = p[:, k]
        return out

    def predict(self, inputs) -> np.ndarray:
        p = self.predict_proba(inputs)
        return self.classes_[np.argmax(p, axis=1)] if len(p) else np.array([], dtype=object)

    def explain(self, inp: dict, top: int = 10) -> list[Contribution]:
        """The features of one sentence that move its scores most, largest first.

        A feature's weight is how far it pushes its own best label above the mean of the labels.
        """
        out: list[Contribution] = []
        for b in self.blocks:
            if getattr(b, "encoder", None) is not None:  # the embedding's columns together: one contribution
                c = b.dense([inp])[0] @ self.coef[:, b.offset : b.offset + b.width].T
                out.append(Contribution("sentence embedding", b.name, 1.0, _per_label(self, c)))
                continue
            if isinstance(b, CueBlock):
                values = b.dense([inp])[0]
                for j, v in enumerate(values):
                    if v:
                        c = self.coef[:, b.offset + j] * v
                        out.append(Contribution(b.feature_names[j], b.name, float(v / b.weight if b.weight else v), _per_label(self, c)))
                continue
            indptr, cols, vals = b.sparse([inp])
            names = b.names(inp)
            for j, v in zip(cols.tolist(), vals.tolist()):
                c = self.coef[:, b.offset + j] * v
                out.append(Contribution(names.get(j, f"{b.name}#{j}"), b.name, float(v), _per_label(self, c)))
        spread = lambda c: max(c.contributions.values()) - float(np.mean(list(c.contributions.values())))  # noqa: E731
        return sorted(out, key=spread, reverse=True)[:top]

    # ------------------------------------------------------------------ storage
    def spec(self) -> dict:
        return {"classes": [str(c) for c in self.classes_], "blocks": [b.spec() for b in self.blocks],
                **({"head": "platt"} if self.platt is not None else {})}

    def arrays(self) -> dict[str, np.ndarray]:
        out = {"coef_t": np.ascontiguousarray(self._coef_t), "intercept": self.intercept}
        if self.platt is not None:
            out["platt"] = self.platt
        for b in self.blocks:
            if hasattr(b, "idf"):
                out["idf_" + b.name] = np.asarray(b.idf, dtype=np.float64)
        return out

    @classmethod
    def from_parts(cls, spec: dict, arrays) -> "LinearModel":
        blocks = []
        for s in spec["blocks"]:
            kind = s.get("type")
            if kind == "hashed":
                blocks.append(HashedBlock(s["name"], s["source"], s["analyzer"], tuple(s["ngram_range"]), int(s["n_features"]),
                                          np.asarray(arrays["idf_" + s["name"]]), float(s["weight"]), bool(s["sublinear"])))
            elif kind == "vocabulary":
                blocks.append(VocabularyBlock(s["name"], list(s["vocabulary"]), np.asarray(arrays["idf_" + s["name"]]), s["pattern"], float(s["weight"])))
            elif kind == "cues":
                blocks.append(CueBlock(s["name"], s["cue_set"], tuple(s["feature_names"]), float(s["weight"])))
            elif kind == "interactions":
                blocks.append(InteractionBlock(s["name"], tuple(s["cues"]), int(s["n_features"]), float(s["weight"])))
            elif kind == "encoder":  # the accurate model: needs the optional encoder packages
                from ..encoder.block import EncoderBlock

                blocks.append(EncoderBlock(s["name"], s["encoder"], float(s["weight"])))
            else:
                from ...errors import ModelError

                raise ModelError(f"unknown feature block type {kind!r} (a model from a newer version?)")
        platt = np.asarray(arrays["platt"]) if spec.get("head") == "platt" else None
        return cls(spec["classes"], np.asarray(arrays["coef_t"]), np.asarray(arrays["intercept"]), blocks, transposed=True, platt=platt)


def _per_label(model: LinearModel, c: np.ndarray) -> dict[str, float]:
    return {str(lab): float(v) for lab, v in zip(model.classes_, c)}
