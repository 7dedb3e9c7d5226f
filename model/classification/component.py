"""The classifier as a spaCy pipeline component, and ``load()``.

``nlp.add_pipe("finding_classifier", config={"model": "path/to/model"})`` labels every sentence of
``doc.spans["sentences"]`` (produced by the ``report_segmenter``) and sets::

    span._.label  -> "strength" | "area_for_improvement" | "evidence"
    span._.probs  -> {label: probability}

An empty ``model`` path means the shipped default model.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...schema import LABELS
from ..persistence import load_model
from ..sentences import SPANS_KEY, make_nlp, sentence_text
from .estimator import proba_in_label_order
from .features import inputs_from_doc
from .predictions import Prediction


def _ensure_extensions() -> None:
    if not Span.has_extension("label"):
        Span.set_extension("label", default=None)
    if not Span.has_extension("probs"):
        Span.set_extension("probs", default=None)


class FindingClassifierComponent:
    def __init__(self, nlp: Language, name: str, model: str = "", spans_key: str = SPANS_KEY):
        _ensure_extensions()
        self.name = name
        self.spans_key = spans_key
        self.model_path = model
        self.estimator, self.meta = load_model(model or None)

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[self.spans_key])
        if not spans:
            return doc
        proba = proba_in_label_order(self.estimator, inputs_from_doc(doc))
        for span, row in zip(spans, proba):
            probs = {lab: float(p) for lab, p in zip(LABELS, row)}
            span._.probs = probs
            span._.label = max(probs, key=probs.get)
        return doc

    def to_disk(self, path, exclude=tuple()):
        pass

    def from_disk(self, path, exclude=tuple()):
        return self


@Language.factory("finding_classifier", default_config={"model": "", "spans_key": SPANS_KEY})
def make_finding_classifier(nlp: Language, name: str, model: str, spans_key: str):
    return FindingClassifierComponent(nlp, name, model=model, spans_key=spans_key)


def rows_from_doc(doc, spans_key: str = SPANS_KEY) -> list[Prediction]:
    """One :class:`Prediction` per labelled sentence, in reading order."""
    return [
        Prediction(
            report=doc._.report,
            index=i,
            section=span._.section,
            start=span._.start,
            end=span._.end,
            text=sentence_text(span),
            label=span._.label,
            probabilities={lab: round(span._.probs[lab], 4) for lab in LABELS},
            block=span._.block,
        )
        for i, span in enumerate(doc.spans[spans_key])
    ]


def load(model: str | None = None) -> Language:
    """A spaCy ``Language`` that segments a report and labels its sentences.

    >>> nlp = load()
    >>> doc = nlp(open("report.txt").read())
    >>> [(s.text, s._.label, s._.probs) for s in doc.spans["sentences"]]
    """
    nlp = make_nlp()
    nlp.add_pipe("finding_classifier", config={"model": str(model or "")})
    return nlp
