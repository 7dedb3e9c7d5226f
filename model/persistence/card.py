"""The model card (``MODEL_CARD.md``) written beside every saved model, and the Markdown table of
figures it shares with the evaluation report."""
from __future__ import annotations

from ...schema import LABELS


def _f(x) -> str:
    return "  -  " if x is None or x != x else f"{x:.3f}"


def _ci(m: dict) -> str:
    low, high = m.get("ci95") or (None, None)
    return "" if low is None else f"{_f(low)}-{_f(high)}"


def summary_markdown(m: dict, agreement: dict | None = None) -> str:
    """A Markdown table of the headline figures beside the baselines (and the annotators' agreement)."""
    lines = [
        f"Mode: {m.get('mode', 'test set')}; sentences: {m['n']}",
        "",
        "| system | macro-F1 | accuracy | kappa |",
        "| --- | --- | --- | --- |",
        f"| **model** (95% CI of macro-F1, sentence bootstrap: {_ci(m) or 'not computed'}) | {_f(m['macro_f1'])} | {_f(m['accuracy'])} | {_f(m['kappa'])} |",
    ]
    for name, b in (m.get("baselines") or {}).items():
        lines.append(f"| baseline: {name.replace('_', ' ')} | {_f(b['macro_f1'])} | {_f(b['accuracy'])} | {_f(b.get('kappa'))} |")
    if agreement:
        lines.append(
            f"| annotators' agreement, second pass vs first ({agreement['n']} sentences of {len(agreement.get('reports', []))} reports) | {_f(agreement.get('macro_f1'))} | {_f(agreement.get('accuracy'))} | {_f(agreement.get('kappa'))} |"
        )
        if agreement.get("model"):
            a = agreement["model"]
            lines.append(f"| model on those same {a['n']} sentences (held out) | {_f(a['macro_f1'])} | {_f(a['accuracy'])} | {_f(a['kappa'])} |")
    lines += ["", "| label | precision | recall | F1 | support |", "| --- | --- | --- | --- | --- |"]
    for lab in LABELS:
        p = m["per_label"][lab]
        lines.append(f"| {lab} | {_f(p['precision'])} | {_f(p['recall'])} | {_f(p['f1'])} | {p['support']} |")
    conf = m["confusion"]
    lines += ["", "Confusion (rows gold, columns predicted):", "", "| gold \\ predicted | " + " | ".join(conf["labels"]) + " |",
              "| --- |" + " --- |" * len(conf["labels"])]
    for lab, row in zip(conf["labels"], conf["matrix"]):
        lines.append(f"| {lab} | " + " | ".join(str(v) for v in row) + " |")
    if m.get("per_report"):
        lines += ["", "| held-out report | n | macro-F1 | accuracy | kappa |", "| --- | --- | --- | --- | --- |"]
        for name, r in m["per_report"].items():
            lines.append(f"| {name} | {r['n']} | {_f(r['macro_f1'])} | {_f(r['accuracy'])} | {_f(r['kappa'])} |")
    ece = m.get("ece", (m.get("calibration") or {}).get("ece"))
    if ece is not None:
        lines += ["", f"Expected calibration error: {_f(ece)}"]
    if m.get("segmentation"):
        s = m["segmentation"]
        lines += ["", f"Segmentation against the annotated sentences: precision {_f(s['precision'])}, recall {_f(s['recall'])}, F1 {_f(s['f1'])}"]
    return "\n".join(lines) + "\n"


def model_card(meta: dict) -> str:
    cv = meta.get("cross_validation")
    src = "\n".join(
        f"- `{s['name']}` ({'real reports, held out in turn' if s['held_out'] else 'train only'}): "
        f"{s['sentences']} sentences from `{s['path']}`, weight {s['weight']}, sha256 `{s['sha256'][:16]}...`"
        for s in meta.get("sources", [])
    )
    text = f"""# Model card: finding-classifier

Created {meta['created']} with finding-classifier {meta['versions']['finding-classifier']},
scikit-learn {meta['versions']['scikit-learn']}, spaCy {meta['versions']['spacy']}, Python {meta['versions']['python']}.

## Intended use
Labels each sentence of body prose of an English health and social care assessment report (CQC
local-authority and integrated-care-system assessments, council peer-challenge letters and
self-assessments) as `strength`, `area_for_improvement` or `evidence`, following the annotation
guideline version {meta.get('guideline_version', 2)}. It is an aid for reading and comparing reports: a person
checks the labels that matter. It does not judge an organisation.

## Data
{src}

Total training sentences: {meta['sentences']}. Seed {meta['config']['seed']}.

## Metrics (leave-one-report-out over the real reports)
"""
    if cv:
        text += "\n" + summary_markdown(cv, cv.get("annotator_agreement"))
    else:
        text += "\nNot cross-validated (trained with --no-cv).\n"
    text += """
## Limits
- Trained on very few real reports (one council briefing holds 60% of the real sentences); expect lower
  figures on reports of other kinds, councils and years. Check it on your own annotated reports:
  `findings evaluate --test`.
- The settings were chosen with these same leave-one-report-out runs (there is no untouched test
  report), so the figures above are somewhat optimistic. The 95% interval resamples sentences and
  understates the spread between reports; see the per-report rows.
- The model leans on classifying headings and on wording it has seen. Outside a heading such as
  "Areas for improvement", plain recommendations ("... should improve ...", "... must be reduced") are
  sometimes labelled `evidence` or `strength`. Mixed sentences, figures without a word of direction and
  context sentences are the other usual errors.
- Probabilities are from a logistic regression; see the calibration figures before thresholding them.
"""
    return text
