"""Structure-aware sentence segmentation as a spaCy pipeline.

``make_nlp()`` builds a blank English :class:`spacy.language.Language` whose tokenizer first parses
the report into blocks (:mod:`..structure`) and tokenizes only the prose blocks, and whose
``report_segmenter`` component marks sentence starts. The sentences that reach the classifier are
``doc.spans["sentences"]``; each knows its report, section path, block kind and character offsets
into the source text through extension attributes::

    span._.report, span._.section, span._.section_path, span._.block, span._.start, span._.end

and the report's score and rating lines are ``doc._.metadata`` (``{label: value}``, e.g.
``{"Score": "3 - Evidence shows a good standard"}``; each line in detail in
``doc.user_data["metadata_lines"]``).

The pipeline takes text of any length up to the reading limit: spaCy's ``max_length`` guards
against the memory of a parser or an entity recogniser, which this pipeline does not have, and the
structure stage has already cut the text into blocks.
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import segmenter as _segmenter  # noqa: F401  (registers the report_segmenter factory)
from . import tokenizer as _tokenizer  # noqa: F401  (registers the report tokenizer)
from ...schema import MAX_REPORT_BYTES
from .extensions import SPANS_KEY, ensure_extensions
from .records import SentenceRecord


_NLP: Language | None = None


def make_nlp() -> Language:
    """A blank English pipeline with the report tokenizer and the ``report_segmenter`` component."""
    ensure_extensions()
    # The tokenizer is named in the config (not assigned afterwards) so that a pipeline saved with
    # nlp.to_disk() loads back with spacy.load() with its report tokenizer.
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "finding_classifier.ReportTokenizer.v1"}}})
    nlp.add_pipe("report_segmenter")
    nlp.max_length = max(nlp.max_length, 2 * MAX_REPORT_BYTES)  # a report at the size limit is read, not refused
    return nlp


def get_nlp() -> Language:
    """A shared segmentation pipeline (built once per process)."""
    global _NLP
    if _NLP is None:
        _NLP = make_nlp()
    return _NLP


def segment_text(text: str, report_id: str = "report", nlp: Language | None = None, canonical: bool = False) -> Doc:
    """Run the pipeline ``nlp`` (default: the segmentation pipeline) over a report's text.

    ``canonical=True`` for canonical block text (``Report.canonical``: what the HTML, DOCX and PDF
    readers write): its markers are trusted. Text of any length is taken.
    """
    nlp = nlp or get_nlp()
    doc = nlp(nlp.tokenizer(text, canonical=canonical))
    doc._.report = report_id
    return doc


def segment_report(report, nlp: Language | None = None) -> Doc:
    """:func:`segment_text` for a :class:`~finding_classifier.model.reading.Report`."""
    return segment_text(report.text, report.id, nlp=nlp, canonical=getattr(report, "canonical", False))


def sentences(doc: Doc) -> list[Span]:
    return list(doc.spans[SPANS_KEY])


def sentence_text(span: Span) -> str:
    """A sentence's text as every output shows it (inline markup removed, whitespace folded)."""
    return " ".join(span.text.split())


def sentence_records(doc: Doc, metadata: bool = False) -> list[SentenceRecord]:
    """One :class:`SentenceRecord` per sentence (with ``metadata=True``, carrying the report's score
    and rating lines, ``doc._.metadata``)."""
    meta = (doc._.metadata or {}) if metadata else None
    return [
        SentenceRecord(doc._.report, span._.section, sentence_text(span), span._.start, span._.end, span._.block, meta)
        for span in doc.spans[SPANS_KEY]
    ]