"""Structure-aware sentence segmentation as a spaCy pipeline.

``make_nlp()`` builds a blank English :class:`spacy.language.Language` whose tokenizer first parses
the report into blocks (:mod:`..structure`) and tokenizes only the prose blocks, and whose
``report_segmenter`` component marks sentence starts. The sentences that reach the classifier are
``doc.spans["sentences"]``; each knows its report, section path, block kind and character offsets
into the source text through extension attributes::

    span._.report, span._.section, span._.section_path, span._.block, span._.start, span._.end
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import segmenter as _segmenter  # noqa: F401  (registers the report_segmenter factory)
from . import tokenizer as _tokenizer  # noqa: F401  (registers the report tokenizer)
from .extensions import SPANS_KEY, ensure_extensions


_NLP: Language | None = None


def make_nlp() -> Language:
    """A blank English pipeline with the report tokenizer and the ``report_segmenter`` component."""
    ensure_extensions()
    # The tokenizer is named in the config (not assigned afterwards) so that a pipeline saved with
    # nlp.to_disk() loads back with spacy.load() with its report tokenizer.
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "finding_classifier.ReportTokenizer.v1"}}})
    nlp.add_pipe("report_segmenter")
    return nlp


def get_nlp() -> Language:
    """A shared segmentation pipeline (built once per process)."""
    global _NLP
    if _NLP is None:
        _NLP = make_nlp()
    return _NLP


def segment_text(text: str, report_id: str = "report", nlp: Language | None = None) -> Doc:
    nlp = nlp or get_nlp()
    doc = nlp(text)
    doc._.report = report_id
    return doc


def sentences(doc: Doc) -> list[Span]:
    return list(doc.spans[SPANS_KEY])


def sentence_text(span: Span) -> str:
    """A sentence's text as every output shows it (inline markup removed, whitespace folded)."""
    return " ".join(span.text.split())


def sentence_records(doc: Doc) -> list[dict]:
    """One dict per sentence: the guideline's keys plus offsets and block kind."""
    out = []
    for span in doc.spans[SPANS_KEY]:
        out.append(
            {
                "report": doc._.report,
                "section": span._.section,
                "text": sentence_text(span),
                "start": span._.start,
                "end": span._.end,
                "block": span._.block,
            }
        )
    return out
