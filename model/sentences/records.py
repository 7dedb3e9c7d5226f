"""What the sentence stage hands on: one :class:`SentenceRecord` per sentence of body prose."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Optional


@dataclass
class SentenceRecord:
    """A sentence as an annotator or an output sees it: the guideline's keys (report, section, text),
    its character offsets into the text that was read, its block kind, and, when asked for, the
    report's metadata (score and rating lines)."""

    report: str
    section: str
    text: str
    start: int
    end: int
    block: str
    metadata: Optional[dict] = None

    def to_dict(self) -> dict:
        """The JSON form (an annotation line waiting for its label); ``metadata`` only when set."""
        out = asdict(self)
        if self.metadata is None:
            del out["metadata"]
        return out
