"""The ``report_segmenter`` component: sentence starts for report prose (abbreviations, decimals,
quotes and brackets, list items without final punctuation), and the body-prose sentences collected
in ``doc.spans``."""
from __future__ import annotations

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import SPANS_KEY, ensure_extensions

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



class ReportSegmenter:
    """Sets sentence starts on report prose and collects the body-prose sentences in ``doc.spans``.

    Lead-in sentences that end in a colon ("The team looked at the following areas:") are left out
    of the sentence stream, as the guideline asks.
    """

    def __init__(self, nlp: Language, name: str = "report_segmenter", drop_lead_ins: bool = True, spans_key: str = SPANS_KEY):
        self.name = name
        self.drop_lead_ins = drop_lead_ins
        self.spans_key = spans_key
        ensure_extensions()

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
