"""How often the model was right on a team's own corrected sentences: a first, honest estimate.

Computed from the annotation records alone (each carries the model's ``suggested`` label beside
the annotator's ``label``), so it is the same on the page, in ``findings annotate --summary`` and
after a restart.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from ..schema import LABELS


@dataclass
class LabelFigures:
    label: str
    annotated: int  # sentences the annotator gave this label
    model_right: int  # ... of which the model had suggested it too
    suggested: int  # sentences the model suggested this label for
    recall: float | None  # model_right / annotated
    precision: float | None  # model_right / suggested


@dataclass
class Summary:
    sentences: int  # decisions that carry the model's suggestion
    reports: int
    agreed: int
    accuracy: float | None
    interval: tuple[float, float] | None  # Wilson 95% interval for the accuracy, sentences taken as independent
    per_label: list[LabelFigures] = field(default_factory=list)
    #: rows: the annotator's label, columns: the model's suggestion (both in LABELS order)
    confusion: list[list[int]] = field(default_factory=list)
    labels: tuple[str, ...] = LABELS
    without_suggestion: int = 0  # records written by hand or by another tool (not counted)

    def to_dict(self) -> dict:
        return asdict(self)


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float] | None:
    if n == 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def summarize(records: list[dict]) -> Summary:
    """Figures over the records that have both a ``label`` and the model's ``suggested`` label."""
    scored = [r for r in records if r.get("suggested") in LABELS and r.get("label") in LABELS]
    index = {lab: i for i, lab in enumerate(LABELS)}
    confusion = [[0] * len(LABELS) for _ in LABELS]
    for r in scored:
        confusion[index[r["label"]]][index[r["suggested"]]] += 1
    agreed = sum(confusion[i][i] for i in range(len(LABELS)))
    per_label = []
    for i, lab in enumerate(LABELS):
        annotated = sum(confusion[i])
        suggested = sum(row[i] for row in confusion)
        right = confusion[i][i]
        per_label.append(LabelFigures(lab, annotated, right, suggested,
                                      right / annotated if annotated else None, right / suggested if suggested else None))
    n = len(scored)
    return Summary(
        sentences=n,
        reports=len({r.get("report") for r in scored}),
        agreed=agreed,
        accuracy=agreed / n if n else None,
        interval=wilson(agreed, n),
        per_label=per_label,
        confusion=confusion,
        without_suggestion=len(records) - n,
    )


def summarize_folder(path) -> Summary:
    """:func:`summarize` over every annotation file of a folder (or one file)."""
    from ..corpus import read_annotations

    return summarize(read_annotations(path))
