"""Structure-aware sentence segmentation as a spaCy pipeline.

``make_nlp()`` builds a blank English :class:`spacy.language.Language` whose tokenizer first parses
the report into blocks (:mod:`.structure`) and tokenizes only the prose blocks, and whose
``report_segmenter`` component marks sentence starts with rules for report prose (abbreviations,
decimals, quotes and brackets, list items without final punctuation). The sentences that reach
the classifier are ``doc.spans["sentences"]``; each knows its report, section path, block kind and
character offsets into the source text through extension attributes::

    span._.report, span._.section, span._.section_path, span._.block, span._.start, span._.end
"""
from __future__ import annotations

from bisect import bisect_right

import numpy as np
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from ..schema import PROSE_BLOCKS
from .structure import Block, parse_blocks

SPANS_KEY = "sentences"
TERMINALS = frozenset({".", "!", "?", "..", "...", "\u2026", "?!", "!?"})
CLOSERS = frozenset({'"', "'", "\u201d", "\u2019", ")", "]", "\u00bb"})
ABBREVIATIONS = frozenset(
    "e.g eg i.e ie al no nos dr mr mrs ms prof cllr approx incl vs cf st fig para ref ca est min max av "
    "dept govt jan feb mar apr jun jul aug sep sept oct nov dec co ltd".split()
)
_DIGIT_AFTER = frozenset({"no", "nos", "para", "fig", "ref"})
# "etc." ends a sentence only when a word that typically opens one follows it.
_AMBIGUOUS_END = frozenset({"etc"})
_OPENERS = frozenset(
    """the there this these those it its we our they their in a an however as at for from on to with he she i you
    all some many most each every since while whilst although when where following during over after before by
    staff people one two three further finally overall""".split()
)


def _ensure_extensions() -> None:
    if not Doc.has_extension("report"):
        Doc.set_extension("report", default="")
        Doc.set_extension("source", default="")
        Doc.set_extension("blocks", default=None)
        Doc.set_extension("block_starts", default=None)
    for name, getter in (
        ("report", lambda s: s.doc._.report),
        ("section_path", lambda s: _block_of(s).section),
        ("section", lambda s: _block_of(s).heading),
        ("block", lambda s: _block_of(s).kind),
        ("start", lambda s: _source_offset(s, s.start_char)),
        ("end", lambda s: _source_offset(s, s.end_char - 1) + 1),
    ):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


def _block_index(doc: Doc, char: int) -> int:
    return bisect_right(doc._.block_starts, char) - 1


def _block_of(span: Span) -> Block:
    return span.doc._.blocks[_block_index(span.doc, span.start_char)][1]


def _source_offset(span: Span, char: int) -> int:
    doc = span.doc
    doc_start, block = doc._.blocks[_block_index(doc, char)]
    return block.offsets[min(char - doc_start, len(block.offsets) - 1)]


class ReportTokenizer:
    """Parses a report into blocks and tokenizes the prose blocks, separated by blank lines."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        blocks = parse_blocks(text)
        prose = [b for b in blocks if b.kind in PROSE_BLOCKS and b.text]
        parts: list[str] = []
        index: list[tuple[int, Block]] = []
        pos = 0
        for b in prose:
            index.append((pos, b))
            parts.append(b.text)
            pos += len(b.text) + 2
        doc = self.tokenizer("\n\n".join(parts))
        doc._.source = text
        doc._.blocks = index
        doc._.block_starts = [s for s, _ in index]
        doc.user_data["all_blocks"] = blocks
        return doc

    # Serialization is delegated to the wrapped tokenizer so that nlp.to_disk/from_disk work.
    def to_bytes(self, **kwargs):
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data, **kwargs):
        self.tokenizer.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs):
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.tokenizer.from_disk(path, **kwargs)
        return self

    def pipe(self, texts, batch_size=1000):
        for text in texts:
            yield self(text)


@registry.tokenizers("finding_classifier.ReportTokenizer.v1")
def create_report_tokenizer():
    base = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp: Language):
        return ReportTokenizer(base(nlp))

    return make


class ReportSegmenter:
    """Sets sentence starts on report prose and collects the body-prose sentences in ``doc.spans``.

    Lead-in sentences that end in a colon ("The team looked at the following areas:") are left out
    of the sentence stream, as the guideline asks.
    """

    def __init__(self, nlp: Language, name: str = "report_segmenter", drop_lead_ins: bool = True, spans_key: str = SPANS_KEY):
        self.name = name
        self.drop_lead_ins = drop_lead_ins
        self.spans_key = spans_key
        _ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            doc.spans[self.spans_key] = []
            return doc
        block_starts = doc._.block_starts or [0]
        starts = [False] * n
        bi = 0
        for tok in doc:
            while bi + 1 < len(block_starts) and tok.idx >= block_starts[bi + 1]:
                bi += 1
                starts[tok.i] = True
        starts[0] = True
        for i in range(n - 1):
            tok = doc[i]
            if not _is_terminal(doc, i):
                continue
            j = i + 1
            while j < n and doc[j].text in CLOSERS and doc[j - 1].whitespace_ == "":
                j += 1
            if j >= n or starts[j]:
                continue
            nxt = doc[j].text
            if doc[j - 1].whitespace_ == "" and not doc[j].is_space:
                continue  # "2.5", "A.B" or a closing mark glued to the next word
            first = nxt.lstrip("\"'\u201c\u2018(\u00ab[")[:1] or nxt[:1]
            if first.isupper() or first.isdigit() or nxt[:1] in "\"'\u201c\u2018([\u00a3" or doc[j].is_space:
                starts[j] = True
        values = np.where(np.array(starts, dtype=bool), 1, -1).astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)
        sentences = []
        for sent in doc.sents:
            span = _trim(sent)
            if span is None:
                continue
            if self.drop_lead_ins and span.text.rstrip(" -\u2013").endswith(":"):
                continue
            sentences.append(span)
        doc.spans[self.spans_key] = sentences
        return doc

    def to_disk(self, path, exclude=tuple()):
        pass

    def from_disk(self, path, exclude=tuple()):
        return self


def _is_terminal(doc: Doc, i: int) -> bool:
    text = doc[i].text
    if text in TERMINALS:
        if text == "." and i > 0:
            prev = doc[i - 1].text.lower().rstrip(".")
            if doc[i - 1].whitespace_ == "" and prev in _AMBIGUOUS_END:
                return i + 1 < len(doc) and doc[i + 1].lower_ in _OPENERS
            if doc[i - 1].whitespace_ == "" and prev in ABBREVIATIONS:
                if prev in _DIGIT_AFTER:
                    return not (i + 1 < len(doc) and doc[i + 1].like_num)
                return False
        return True
    if text.endswith(".") and len(text) > 2 and text.lower().rstrip(".") not in ABBREVIATIONS and "." not in text[:-1]:
        stem = text[:-1]
        return stem.isalnum() and (any(c.isdigit() for c in stem) or (stem[0].isupper() and len(stem) > 2))
    return False


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    if start >= end:
        return None
    return span.doc[start:end]


@Language.factory(
    "report_segmenter",
    default_config={"drop_lead_ins": True, "spans_key": SPANS_KEY},
)
def make_report_segmenter(nlp: Language, name: str, drop_lead_ins: bool, spans_key: str):
    return ReportSegmenter(nlp, name, drop_lead_ins=drop_lead_ins, spans_key=spans_key)


_NLP: Language | None = None


def make_nlp() -> Language:
    """A blank English pipeline with the report tokenizer and the ``report_segmenter`` component."""
    _ensure_extensions()
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

