"""The report tokenizer: parses a report into blocks and tokenizes only the prose blocks.

Registered as ``finding_classifier.ReportTokenizer.v1`` so that a pipeline saved with
``nlp.to_disk()`` loads back with ``spacy.load()``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ...schema import PROSE_BLOCKS
from ..structure import Block, parse_blocks


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
