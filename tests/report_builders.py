"""Small classified reports built by the tests: real segmentation, labels set by hand (no model)."""
from __future__ import annotations

from finding_classifier.model.classification.predictions import ClassifiedReport, Prediction
from finding_classifier.model.sentences import segment_text, sentence_text
from finding_classifier.schema import LABELS


def classified(report_id: str, text: str, labels: list[str], metadata: dict | None = None) -> ClassifiedReport:
    """Segment ``text`` and give its sentences ``labels`` in reading order (one per sentence)."""
    doc = segment_text(text, report_id)
    spans = list(doc.spans["sentences"])
    assert len(spans) == len(labels), [sentence_text(s) for s in spans]
    preds = []
    for i, (span, lab) in enumerate(zip(spans, labels)):
        probs = {x: (0.8 if x == lab else 0.1) for x in LABELS}
        preds.append(Prediction(report_id, i, span._.section, span._.start, span._.end, sentence_text(span), lab, probs, span._.block))
    return ClassifiedReport(report_id, f"{report_id}.md", text, preds, list(doc.user_data["all_blocks"]), metadata or {})
