"""The report tokenizer: parses a report into blocks and tokenizes only the prose blocks.

Registered as ``finding_classifier.ReportTokenizer.v1`` so that a pipeline saved with
``nlp.to_disk()`` loads back with ``spacy.load()``. Call it as ``tokenizer(text, canonical=True)``
for canonical block text (what the HTML, DOCX and PDF readers write); ``nlp(text)`` reads plain
text or Markdown.

spaCy's tokenizer strips a word's leading and trailing punctuation one character at a time, each
time searching the rest of the word again: a run of thousands of ``(`` or ``\u201c`` takes seconds.
Such runs are cut into short tokens here (the text, and so every offset, stays as it is).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ...schema import PROSE_BLOCKS
from ..structure import Block, parse_report, report_metadata

#: A run of more punctuation than this at the edge of a word is cut into pieces of this length.
PUNCT_RUN = 8
_LONG_RUN = re.compile(r"[^\w\s]{%d,}" % (PUNCT_RUN + 1))


class ReportTokenizer:
    """Parses a report into blocks and tokenizes the prose blocks, separated by blank lines."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str, canonical: bool = False) -> Doc:
        structure = parse_report(text, canonical=canonical)
        blocks = structure.blocks
        prose = [b for b in blocks if b.kind in PROSE_BLOCKS and b.text]
        parts: list[str] = []
        index: list[tuple[int, Block]] = []
        pos = 0
        for b in prose:
            index.append((pos, b))
            parts.append(b.text)
            pos += len(b.text) + 2
        doc = self._tokenize("\n\n".join(parts))
        doc._.source = text
        doc._.blocks = index
        doc._.block_starts = [s for s, _ in index]
        doc._.metadata = report_metadata(structure.metadata)
        doc.user_data["metadata_lines"] = structure.metadata
        doc.user_data["all_blocks"] = blocks
        return doc

    def _tokenize(self, text: str) -> Doc:
        if not _LONG_RUN.search(text):
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _LONG_RUN.finditer(text):
            self._extend(text[pos : m.start()], words, spaces)
            run = m.group(0)
            for k in range(0, len(run), PUNCT_RUN):
                words.append(run[k : k + PUNCT_RUN])
                spaces.append(False)
            pos = m.end()
        self._extend(text[pos:], words, spaces)
        # a single space after a token is its trailing whitespace; anything else stays a space token
        out_w: list[str] = []
        out_s: list[bool] = []
        for w, s in zip(words, spaces):
            if w == " " and out_w and not out_s[-1] and not out_w[-1].isspace():
                out_s[-1] = True
                continue
            out_w.append(w)
            out_s.append(s)
        doc = Doc(self.tokenizer.vocab, words=out_w, spaces=out_s)
        return doc

    def _extend(self, chunk: str, words: list[str], spaces: list[bool]) -> None:
        for tok in self.tokenizer(chunk) if chunk else ():
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))

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
