"""The ``report_segmenter`` component: sentence starts for report prose (abbreviations, decimals,
quotes and brackets, list items without final punctuation), and the body-prose sentences collected
in ``doc.spans``."""
from __future__ import annotations

from itertools import compress

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LIKE_NUM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lang.english import ABBREVIATIONS
from .extensions import SPANS_KEY, ensure_extensions
from .strings import cached_strings

TERMINALS = frozenset({".", "!", "?", "..", "...", "\u2026", "?!", "!?"})
CLOSERS = frozenset({'"', "'", "\u201d", "\u2019", ")", "]", "\u00bb"})
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
        # One pass over the Doc's arrays instead of a Token object per look: the texts come from a
        # per-process cache of spaCy's string hashes.
        arr = doc.to_array([ORTH, SPACY, IS_SPACE, IDX, LIKE_NUM])
        texts = _strings(doc, arr[:, 0])
        glued = (arr[:, 1] == 0).tolist()  # no whitespace after the token
        space = arr[:, 2].astype(bool).tolist()
        like_num = arr[:, 4].astype(bool).tolist()
        starts = [False] * n
        starts[0] = True
        block_starts = doc._.block_starts or [0]
        if len(block_starts) > 1:  # the first token of every prose block starts a sentence
            for i in np.searchsorted(arr[:, 3].astype(np.int64), np.asarray(block_starts[1:], dtype=np.int64)).tolist():
                if i < n:
                    starts[i] = True
        ends = list(compress(range(n - 1), map(_CAN_END.__getitem__, texts[:-1])))
        for i in ends:
            if not _is_terminal(texts, glued, like_num, i):
                continue
            j = i + 1
            while j < n and texts[j] in CLOSERS and glued[j - 1]:
                j += 1
            if j >= n or starts[j]:
                continue
            nxt = texts[j]
            if glued[j - 1] and not space[j]:
                continue  # "2.5", "A.B" or a closing mark glued to the next word
            first = nxt.lstrip("\"'\u201c\u2018(\u00ab[")[:1] or nxt[:1]
            if first.isupper() or first.isdigit() or nxt[:1] in "\"'\u201c\u2018([\u00a3" or space[j]:
                starts[j] = True
        values = np.where(np.array(starts, dtype=bool), 1, -1).astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)
        bounds = list(compress(range(n), starts)) + [n]
        sentences = []
        kept = []
        for s, e in zip(bounds, bounds[1:]):
            while s < e and space[s]:
                s += 1
            while e > s and space[e - 1]:
                e -= 1
            if s >= e:
                continue
            span = Span(doc, s, e)
            if self.drop_lead_ins and texts[e - 1][-1:] in _LEAD_IN_ENDS and span.text.rstrip(" -\u2013").endswith(":"):
                continue
            sentences.append(span)
            kept.append((s, e))
        doc.spans[self.spans_key] = sentences
        # what the classifier's inputs read, kept for it (checked against the spans it finds there)
        doc.user_data[TOKENS_KEY] = (self.spans_key, n, kept, texts, space)
        return doc

    def to_disk(self, path, exclude=tuple()):
        pass

    def from_disk(self, path, exclude=tuple()):
        return self


def _is_terminal(texts: list[str], glued: list[bool], like_num: list[bool], i: int) -> bool:
    text = texts[i]
    if text in TERMINALS:
        if text == "." and i > 0 and glued[i - 1]:
            prev = texts[i - 1].lower().rstrip(".")
            if prev in _AMBIGUOUS_END:
                return i + 1 < len(texts) and texts[i + 1].lower() in _OPENERS
            if prev in ABBREVIATIONS:
                if prev in _DIGIT_AFTER:
                    return not (i + 1 < len(texts) and like_num[i + 1])
                return False
        return True
    if text.endswith(".") and len(text) > 2 and text.lower().rstrip(".") not in ABBREVIATIONS and "." not in text[:-1]:
        stem = text[:-1]
        return stem.isalnum() and (any(c.isdigit() for c in stem) or (stem[0].isupper() and len(stem) > 2))
    return False


class _CanEnd(dict):
    """token text -> can it end a sentence (it ends in "." or is a terminal mark), per distinct text."""

    def __missing__(self, text: str) -> bool:
        if len(self) > 200_000:
            self.clear()
        value = self[text] = text.endswith(".") or text in TERMINALS
        return value


_CAN_END = _CanEnd()
#: ``doc.user_data`` key of what the segmenter read: (spans key, number of tokens, each sentence's
#: (start, end) token bounds, every token's text, whether each token is a space token).
TOKENS_KEY = ("finding_classifier", "segmenter_tokens")
_ORTH: dict[int, str] = {}  # spaCy's hash of a token text -> the text, per process
_LEAD_IN_ENDS = frozenset({":", "-", "\u2013"})


def _strings(doc: Doc, hashes) -> list[str]:
    return cached_strings(doc.vocab, hashes.tolist(), _ORTH)


@Language.factory(
    "report_segmenter",
    default_config={"drop_lead_ins": True, "spans_key": SPANS_KEY},
)
def make_report_segmenter(nlp: Language, name: str, drop_lead_ins: bool, spans_key: str):
    return ReportSegmenter(nlp, name, drop_lead_ins=drop_lead_ins, spans_key=spans_key)
