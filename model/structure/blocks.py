"""What the structure stage produces: blocks of a report (heading, paragraph, list item, table,
boilerplate) with their offsets, section path and the rule that decided them, and the report's
metadata (score and rating lines)."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


class OffsetMap:
    """Maps each character of a cleaned text back to its offset in the source text.

    Stored as runs (a cleaned position and the source offset it starts at; the characters of a run
    map to consecutive source offsets), so a block of a million characters costs a few runs, not a
    list of a million integers. Indexing and ``len()`` behave like the list of offsets it stands for.
    """

    __slots__ = ("_clean", "_src", "_len")

    def __init__(self) -> None:
        self._clean: list[int] = []
        self._src: list[int] = []
        self._len = 0

    def add(self, src: int, n: int = 1) -> None:
        """Append ``n`` cleaned characters that come from ``src, src+1, ...``."""
        if n <= 0:
            return
        if self._clean and self._src[-1] + (self._len - self._clean[-1]) == src:
            self._len += n  # continues the last run
            return
        self._clean.append(self._len)
        self._src.append(src)
        self._len += n

    def extend(self, other: "OffsetMap") -> None:
        for i, (c, s) in enumerate(zip(other._clean, other._src)):
            nxt = other._clean[i + 1] if i + 1 < len(other._clean) else other._len
            self.add(s, nxt - c)

    def truncate(self, n: int) -> None:
        """Keep the first ``n`` characters."""
        self._len = min(self._len, n)
        while self._clean and self._clean[-1] >= self._len:
            self._clean.pop()
            self._src.pop()

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError(i)
        k = bisect_right(self._clean, i) - 1
        return self._src[k] + (i - self._clean[k])

    def __iter__(self):
        for i in range(self._len):
            yield self[i]

    def __eq__(self, other) -> bool:
        return list(self) == list(other)

    def __repr__(self) -> str:
        return f"OffsetMap({len(self)} chars, {len(self._clean)} runs)"


@dataclass
class Block:
    kind: str  # heading, paragraph, list_item, table, boilerplate
    start: int
    end: int
    section: tuple[str, ...] = ()
    text: str = ""  # prose blocks: the cleaned text (inline markup removed, whitespace folded)
    offsets: OffsetMap | list = field(default_factory=list, repr=False)  # source offset of each char of text
    depth: int = 0  # list nesting depth
    lead_in: bool = False  # the list this item belongs to was introduced by a line ending in a colon
    rule: str = ""  # the rule or feature that decided the block's kind ("markdown:atx-heading", "line-model:heading 0.97")
    line: int = 0  # first and last line (1-based) of the block in the source text
    end_line: int = 0
    level: int = 0  # heading level (1-6 marked, 7 for a bold-only line; bare titles: their framework level or 3)

    @property
    def heading(self) -> str:
        return self.section[-1] if self.section else ""


@dataclass
class Structure:
    """A parsed report: its blocks in reading order and its metadata (score and rating lines)."""

    blocks: list[Block]
    metadata: list[dict] = field(default_factory=list)
    markdown: bool = False  # the text was read as Markdown
    canonical: bool = False  # the text was canonical block text (markers trusted)
