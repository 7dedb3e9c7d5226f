"""What the classifier reads: one :class:`ClassifierInput` per sentence.

An input holds the sentence's lower-cased spaCy tokens, its section heading, its block kind and the
tokens of the sentences before and after it in the same report (``None`` at either end)::

    {"tokens": ["staff", "told", "us", ...], "section": "Key findings", "block": "paragraph",
     "prev": [...] or None, "next": [...] or None}

It is a ``TypedDict``: a named, typed shape that is still a plain ``dict``, which is the input type
the estimator declares to scikit-learn. ``prev``/``next`` come from the same report (or bank
mini-report) in reading order, so a file of annotated sentences gives the same neighbours as the
report it came from. When a report is classified, the tokens of its segmentation are reused.
"""
from __future__ import annotations

from itertools import compress
from typing import Iterable, NotRequired, Optional, Sequence, TypedDict

from spacy.attrs import IS_SPACE, LOWER

from ..sentences.strings import cached_strings


class ClassifierInput(TypedDict):
    tokens: list[str]
    section: str
    block: str
    prev: Optional[list[str]]
    next: Optional[list[str]]
    text: NotRequired[str]  # the sentence as written (read by the accurate model's encoder)


_TOKENIZER = None


def tokenizer():
    """spaCy's English tokenizer (no model weights), built once per process."""
    global _TOKENIZER
    if _TOKENIZER is None:
        import spacy

        _TOKENIZER = spacy.blank("en").tokenizer
    return _TOKENIZER


def tokens_of(text: str) -> list[str]:
    """The lower-cased tokens of a sentence, as the segmentation of a report gives them."""
    return [t.lower_ for t in tokenizer()(text) if not t.is_space]


def build_inputs(
    token_lists: Sequence[list[str]], sections: Sequence[str], groups: Sequence[str], blocks: Sequence[str] | None = None,
    texts: Sequence[str] | None = None,
) -> list[ClassifierInput]:
    """Inputs with neighbours taken within each group (report), in the given order."""
    n = len(token_lists)
    out: list[ClassifierInput] = []
    for i in range(n):
        prev = token_lists[i - 1] if i > 0 and groups[i - 1] == groups[i] else None
        nxt = token_lists[i + 1] if i + 1 < n and groups[i + 1] == groups[i] else None
        out.append(
            ClassifierInput(
                tokens=token_lists[i],
                section=sections[i] or "",
                block=(blocks[i] if blocks is not None else "") or "",
                prev=prev,
                next=nxt,
            )
        )
        if texts is not None:
            out[-1]["text"] = texts[i]
    return out


def inputs_from_records(records: Iterable[dict]) -> list[ClassifierInput]:
    """Inputs from annotation records (``report``, ``section``, ``text``), in file order."""
    records = list(records)
    toks = [tokens_of(r["text"]) for r in records]
    return build_inputs(
        toks,
        [r.get("section") or "" for r in records],
        [r["report"] for r in records],
        [r.get("block") or "" for r in records],
        [r["text"] for r in records],
    )


_LOWER: dict[int, str] = {}  # spaCy's hash of a lower-cased form -> the form


def span_tokens(doc, spans) -> list[list[str]]:
    """The lower-cased non-space tokens of each span, read from the Doc's arrays in one pass."""
    if not len(spans):
        return []
    arr = doc.to_array([LOWER, IS_SPACE])
    lowers = cached_strings(doc.vocab, arr[:, 0].tolist(), _LOWER)
    keep = (arr[:, 1] == 0).tolist()
    return [list(compress(lowers[s.start : s.end], keep[s.start : s.end])) for s in spans]


_LOWER_OF: dict[int, dict[str, str]] = {}  # id(vocab) -> token text -> its LOWER form, per process


def _lower_of(vocab) -> dict:
    cache = _LOWER_OF.get(id(vocab))
    if cache is None or len(cache) > 500_000:
        cache = _LOWER_OF[id(vocab)] = {}
    return cache


def segmented_tokens(doc, spans, spans_key: str) -> list[list[str]] | None:
    """:func:`span_tokens`, read from what the ``report_segmenter`` kept of the Doc (its token texts
    and space flags) instead of the Doc's arrays again; ``None`` when it kept nothing that matches
    (another segmenter, or the spans or tokens changed since)."""
    from ..sentences.segmenter import TOKENS_KEY

    kept = doc.user_data.get(TOKENS_KEY)
    if kept is None:
        return None
    key, n, bounds, texts, space = kept
    if key != spans_key or n != len(doc) or bounds != [(s.start, s.end) for s in spans]:
        return None
    cache = _lower_of(doc.vocab)
    lowers = list(map(cache.get, texts))
    if None in lowers:  # texts not seen before: their LOWER as spaCy's lexeme has it
        vocab = doc.vocab
        for t in texts:
            if t not in cache:
                cache[t] = vocab[t].lower_
        lowers = list(map(cache.__getitem__, texts))
    keep = [not x for x in space]
    return [list(compress(lowers[s:e], keep[s:e])) for s, e in bounds]


def inputs_from_doc(doc, spans_key: str = "sentences", texts: bool = False) -> list[ClassifierInput]:
    """Inputs from a segmented report, reusing the tokens of its segmentation (with ``texts``, each
    sentence's text as well, for a model with a sentence encoder)."""
    from ..sentences.extensions import span_blocks
    from ..sentences.pipeline import sentence_text

    spans = list(doc.spans[spans_key])
    toks = segmented_tokens(doc, spans, spans_key) if spans else None
    if toks is None:
        toks = span_tokens(doc, spans)
    blocks = span_blocks(doc, spans)
    return build_inputs(toks, [b.heading for b in blocks], [doc._.report] * len(spans), [b.kind for b in blocks],
                        [sentence_text(s) for s in spans] if texts else None)
