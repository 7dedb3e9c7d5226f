"""The classifier as a spaCy pipeline component, and ``load()``.

``nlp.add_pipe("finding_classifier", config={"model": "path/to/model"})`` labels every sentence of
``doc.spans["sentences"]`` (produced by the ``report_segmenter``) and sets::

    span._.label  -> "strength" | "area_for_improvement" | "evidence"
    span._.probs  -> {label: probability}

An empty ``model`` path means the shipped default model. Creating the component reads no file: the
model is read by ``initialize()`` (or on the first document), and ``nlp.to_disk()`` saves it with the
pipeline, so ``spacy.load()`` of that folder restores it on any machine.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...schema import LABELS
from ..persistence import load_model
from ..sentences import SPANS_KEY, make_nlp, sentence_text
from .inputs import inputs_from_doc
from .predictions import Prediction


def _ensure_extensions() -> None:
    if not Span.has_extension("label"):
        Span.set_extension("label", default=None)
    if not Span.has_extension("probs"):
        Span.set_extension("probs", default=None)


def _plain_span_storage(span: Span) -> bool:
    """Do ``span._.label`` and ``span._.probs`` keep their values in ``doc.user_data`` under
    ``("._.", name, start_char, end_char)``, as spaCy 3 stores an extension with no getter, setter or
    method? (Checked on one span with spaCy's own key; otherwise the values go through ``span._``.)"""
    if any(Span.get_extension(name)[1:] != (None, None, None) for name in ("label", "probs")):
        return False
    key = getattr(span._, "_get_key", None)
    return key is not None and key("label") == ("._.", "label", span.start_char, span.end_char)


class FindingClassifierComponent:
    """Labels the sentences in ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, name: str = "finding_classifier", model: str = "", spans_key: str = SPANS_KEY):
        _ensure_extensions()
        self.name = name
        self.spans_key = spans_key
        self.model_path = model
        self.model = None  # the LinearModel, read by initialize() / from_disk()
        self.meta: dict | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, model: str | None = None) -> None:
        """Read the model folder (``model``, else the configured path, else the shipped model)."""
        path = model if model is not None else self.model_path
        self.model, self.meta = load_model(path or None)

    def _ready(self):
        if self.model is None:
            self.initialize()
        return self.model

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 64):
        """Label documents in batches: one matrix product for the sentences of many reports."""
        model = self._ready()
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._label(model, batch)
                batch = []
        if batch:
            yield from self._label(model, batch)

    def _label(self, model, docs: list[Doc]):
        inputs = [x for doc in docs for x in inputs_from_doc(doc, self.spans_key, texts=model.uses_encoder)]
        proba = model.proba(inputs).tolist() if inputs else []  # Python floats, read without a NumPy scalar each
        at = 0
        for doc in docs:
            spans = list(doc.spans[self.spans_key])
            rows = proba[at : at + len(spans)]
            at += len(spans)
            if spans and _plain_span_storage(spans[0]):
                # Written where ``span._.probs = ...`` writes, without building an Underscore per span.
                data = doc.user_data
                for span, row in zip(spans, rows):
                    probs = dict(zip(LABELS, row))
                    a, b = span.start_char, span.end_char
                    data[("._.", "probs", a, b)] = probs
                    data[("._.", "label", a, b)] = max(probs, key=probs.get)
                continue
            for span, row in zip(spans, rows):
                probs = dict(zip(LABELS, row))
                span._.probs = probs
                span._.label = max(probs, key=probs.get)
        return docs

    def to_disk(self, path, exclude=tuple()) -> None:
        from ..persistence.card import model_card
        from ..persistence.store import save_model

        model = self._ready()
        meta = {k: v for k, v in (self.meta or {}).items() if k not in ("format_version", "model_file", "model_sha256")}
        save_model(model, meta, model_card(meta) if "versions" in meta else "# finding-classifier model\n", Path(path), force=True)

    def from_disk(self, path, exclude=tuple()):
        self.model, self.meta = load_model(Path(path))
        return self


@Language.factory(
    "finding_classifier",
    assigns=["span._.label", "span._.probs"],
    requires=["doc.spans"],
    default_config={"model": "", "spans_key": SPANS_KEY},
)
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
    """A spaCy ``Language`` that segments a report and labels its sentences (the model is read now,
    so a missing or broken model folder fails here with one line).

    >>> nlp = load()
    >>> doc = nlp(open("report.txt").read())
    >>> [(s.text, s._.label, s._.probs) for s in doc.spans["sentences"]]
    """
    nlp = make_nlp()
    pipe = nlp.add_pipe("finding_classifier", config={"model": str(model or "")})
    pipe.initialize()
    return nlp
