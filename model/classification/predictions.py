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


@dataclass
class ClassifiedReport:
    """One classified report, everything an output needs without parsing anything again.

    ``text`` is the text that was read (every offset refers to it); ``blocks`` are the structure
    stage's blocks of that text in reading order (headings, paragraphs, list items, tables,
    boilerplate); ``metadata`` is what the report says about itself outside its prose (a score or
    rating line), empty when the reading and structure stages found none.
    """

    id: str
    path: str
    text: str
    predictions: list[Prediction] = field(default_factory=list)
    blocks: list = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    def rename(self, new_id: str) -> None:
        """Give the report (and each of its predictions) another id, e.g. to keep ids unique in a batch."""
        self.id = new_id
        for p in self.predictions:
            p.report = new_id


def report_metadata(doc=None, report=None) -> dict[str, str]:
    """The report's metadata (score and rating lines), wherever the pipeline put it.

    Looked up on the spaCy ``doc`` (``doc._.metadata`` or ``doc.user_data["metadata"]``), then on the
    read ``report`` (``report.metadata``); an empty dict when no stage recorded any. Keys and values
    become strings.
    """
    found = None
    if doc is not None:
        if doc.has_extension("metadata"):
            found = getattr(doc._, "metadata", None)
        if not found:
            found = doc.user_data.get("metadata")
    if not found and report is not None:
        found = getattr(report, "metadata", None)
    if not found:
        return {}
    if isinstance(found, dict):
        return {str(k): _as_text(v) for k, v in found.items()}
    return {str(i): _as_text(v) for i, v in enumerate(found)}


def _as_text(value) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def classified_report(doc, predictions: list[Prediction], path: str = "", report=None) -> ClassifiedReport:
    """The :class:`ClassifiedReport` of a labelled doc (``report``: the read report, if any)."""
    return ClassifiedReport(
        id=doc._.report,
        path=path or getattr(report, "path", ""),
        text=getattr(report, "text", None) or doc._.source,
        predictions=predictions,
        blocks=list(doc.user_data.get("all_blocks") or []),
        metadata=report_metadata(doc, report),
    )
