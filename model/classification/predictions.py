"""What the classifier hands to every output: one :class:`Prediction` per sentence."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Prediction:
    """A labelled sentence of a report, with where it stands and how sure the model is.

    ``start``/``end`` are character offsets into the text that was read; ``probabilities`` has one
    entry per label (in ``LABELS`` order) and sums to 1.
    """

    report: str
    index: int
    section: str
    start: int
    end: int
    text: str
    label: str
    probabilities: dict[str, float] = field(default_factory=dict)
    block: str = ""

    @property
    def confidence(self) -> float:
        """The probability of the predicted label."""
        return self.probabilities[self.label]

    def to_dict(self) -> dict:
        return asdict(self)
