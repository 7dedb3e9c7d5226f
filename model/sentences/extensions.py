"""The extension attributes of a segmented report: ``doc._.report``, ``doc._.metadata`` (its score
and rating lines) and, on every sentence span,
``span._.report``, ``._.section``, ``._.section_path``, ``._.block``, ``._.start`` and ``._.end``
(character offsets into the text that was read)."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from ..structure import Block

SPANS_KEY = "sentences"


def ensure_extensions() -> None:
    if not Doc.has_extension("report"):
        Doc.set_extension("report", default="")
        Doc.set_extension("source", default="")
        Doc.set_extension("blocks", default=None)
        Doc.set_extension("block_starts", default=None)
    if not Doc.has_extension("metadata"):
        Doc.set_extension("metadata", default=None)  # score and rating lines: {label: value}
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


def span_blocks(doc: Doc, spans) -> list[Block]:
    """The block of each span, looked up in one pass (what ``span._.block`` and ``._.section`` read)."""
    blocks, starts = doc._.blocks, doc._.block_starts
    if not blocks:
        return []
    return [blocks[bisect_right(starts, s.start_char) - 1][1] for s in spans]
