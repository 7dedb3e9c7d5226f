"""The unit the structure stage produces: a block of a report (heading, paragraph, list item, table,
boilerplate) with its offsets and section path."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    kind: str
    start: int
    end: int
    section: tuple[str, ...] = ()
    text: str = ""
    offsets: list[int] = field(default_factory=list, repr=False)
    depth: int = 0
    lead_in: bool = False  # the list this item belongs to was introduced by a line ending in a colon

    @property
    def heading(self) -> str:
        return self.section[-1] if self.section else ""
