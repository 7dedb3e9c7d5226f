"""The model commands end to end: train, classify, evaluate, metrics (tiny data written by the tests)."""
import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from finding_classifier.cli import app
from helpers import tiny_config, write_tiny

runner = CliRunner()


def invoke(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("rep") / "sample-council.md"
    p.write_text(
        "# Sample council\n\n## Key findings\n\nStaff told us the new approach worked well and people felt listened to. "
        "Waiting lists for assessments were long and reviews were often late.\n\n"
        "The team met every week.\n\n## Areas for consideration\n\n- The approach to respite for carers\n"
        "- Strengthen oversight of the budget\n",
        encoding="utf-8",
    )
    return p


def test_classify_jsonl_and_csv(tiny_model, report_file):
    res = invoke("classify", report_file, "--model", tiny_model, "--format", "jsonl")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 5
    assert set(rows[0]) >= {"report", "index", "section", "start", "end", "text", "label", "probabilities"}
    assert rows[0]["report"] == "sample-council" and rows[0]["section"] == "Key findings"
    assert rows[3]["section"] == "Areas for consideration"
    for r in rows:
        assert abs(sum(r["probabilities"].values()) - 1) < 1e-3
        assert r["label"] == max(r["probabilities"], key=r["probabilities"].get)
    text = report_file.read_text(encoding="utf-8")
    assert text[rows[1]["start"] : rows[1]["end"]] == rows[1]["text"]
    res = invoke("classify", report_file, "--model", tiny_model, "--format", "csv")
    table = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["text"] for r in table] == [r["text"] for r in rows]
    assert set(table[0]) >= {"p_strength", "p_area_for_improvement", "p_evidence"}


def test_classify_markdown_groups_by_section(tiny_model, report_file):
    res = invoke("classify", report_file, "--model", tiny_model, "--format", "markdown")
    assert res.exit_code == 0
    marker, _, body = res.stdout.partition("\n\n")
    assert marker.startswith("<!-- finding-classifier") and body.startswith("# sample-council")  # the marker: a file findings wrote
    assert "## Strengths (" in res.stdout and "## Areas for improvement (" in res.stdout
    assert "| total | 5 |" in res.stdout


def test_classify_html_is_self_contained(tiny_model, report_file, tmp_path):
    out = tmp_path / "out.html"
    res = invoke("classify", report_file, "--model", tiny_model, "--format", "html", "--output", out)
    assert res.exit_code == 0 and res.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.count("<mark ") == 5
    assert not re.search(r"""(src|href)=['"]?https?:""", html)
    assert "data-label='evidence'" in html and "<script>" in html
    assert "Sample council" in html  # the report itself, not only its sentences


def test_classify_batch_goes_on_past_a_bad_file(tiny_model, report_file, tmp_path):
    out = tmp_path / "rows.jsonl"
    res = invoke("classify", tmp_path / "missing.txt", report_file, "--model", tiny_model, "--format", "jsonl", "--output", out)
    assert res.exit_code == 1
    assert "missing.txt: no such file" in res.stderr
    assert len(out.read_text().splitlines()) == 5


def test_classify_with_a_broken_model_writes_nothing(tmp_path, report_file):
    out = tmp_path / "rows.jsonl"
    res = invoke("classify", report_file, "--model", tmp_path / "nomodel", "--format", "jsonl", "--output", out)
    assert res.exit_code == 1 and "no such model folder" in res.stderr and not out.exists()


def test_train_refuses_to_overwrite(tmp_path, tiny_data):
    cfg = tiny_config(tmp_path / "c.toml", tiny_data)
    out = tmp_path / "model"
    assert invoke("train", "--config", cfg, "--output", out, "--no-cv").exit_code == 0
    before = (out / "model.npz").read_bytes()
    res = invoke("train", "--config", cfg, "--output", out, "--no-cv")
    assert res.exit_code == 1 and "--force" in res.stderr
    assert (out / "model.npz").read_bytes() == before
    assert invoke("train", "--config", cfg, "--output", out, "--no-cv", "--force").exit_code == 0


def test_train_with_cv_stores_metrics_and_card(tmp_path, tiny_data):
    cfg = tiny_config(tmp_path / "c.toml", tiny_data)
    out = tmp_path / "model"
    res = invoke("train", "--config", cfg, "--output", out)
    assert res.exit_code == 0, res.output
    meta = json.loads((out / "meta.json").read_text())
    cv = meta["cross_validation"]
    assert cv["n"] == 22 and set(cv["per_report"]) == {"alpha", "beta", "gamma"}
    assert set(cv["baselines"]) == {"majority", "keyword_rules", "with_context" if not meta["config"]["model"]["context"] else "no_context"}
    assert meta["sentences"] == 22 and meta["config"]["seed"] == 7
    assert "Intended use" in (out / "MODEL_CARD.md").read_text()
    shown = invoke("metrics", "--model", out, "--format", "json")
    assert json.loads(shown.stdout)["cross_validation"] == cv
    assert "baseline: keyword rules" in invoke("metrics", "--model", out).stdout


def test_same_data_config_and_seed_give_the_same_model(tmp_path, tiny_data):
    cfg = tiny_config(tmp_path / "c.toml", tiny_data)
    metas = []
    for name in ("a", "b"):
        assert invoke("train", "--config", cfg, "--output", tmp_path / name).exit_code == 0
        metas.append(json.loads((tmp_path / name / "meta.json").read_text()))
    assert metas[0]["cross_validation"] == metas[1]["cross_validation"]
    assert metas[0]["model_sha256"] == metas[1]["model_sha256"]


def test_evaluate_cross_validation_json_and_outputs(tmp_path, tiny_data):
    cfg = tiny_config(tmp_path / "c.toml", tiny_data)
    out = tmp_path / "eval"
    res = invoke("evaluate", "--config", cfg, "--format", "json", "--output", out)
    assert res.exit_code == 0, res.output
    m = json.loads(res.stdout)
    for key in ("macro_f1", "accuracy", "kappa", "n", "ci95", "per_label", "confusion", "baselines"):
        assert key in m
    assert m["n"] == 22 and len(m["ci95"]) == 2 and m["ci95"][0] <= m["macro_f1"] <= m["ci95"][1]
    assert sum(map(sum, m["confusion"]["matrix"])) == 22
    assert set(m["per_label"]["strength"]) == {"precision", "recall", "f1", "support"}
    for name in ("metrics.json", "report.md", "confusion.png", "reliability.png", "learning_curve.png", "errors.csv"):
        assert (out / name).is_file(), name
    errors = list(csv.DictReader(open(out / "errors.csv", encoding="utf-8")))
    wrong = sum(m["confusion"]["matrix"][i][j] for i in range(3) for j in range(3) if i != j)
    assert len(errors) == wrong
    assert all(e["gold"] != e["predicted"] for e in errors)


def test_evaluate_external_test_set(tmp_path, tiny_model):
    test = write_tiny(tmp_path / "test", reports=("gamma",))
    res = invoke("evaluate", "--test", test, "--model", tiny_model, "--format", "json")
    assert res.exit_code == 0, res.output
    m = json.loads(res.stdout)
    assert m["n"] == 6 and "keyword_rules" in m["baselines"]


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"report": "x", "text": "A.", "label": "good"}', "unknown label 'good'"),
        ('{"report": "x", "text": "A."}', "missing key 'label'"),
        ("", "no annotated sentences"),
    ],
)
def test_evaluate_bad_test_set_fails_and_writes_nothing(tmp_path, tiny_model, line, message):
    f = tmp_path / "bad.jsonl"
    f.write_text(line + "\n" if line else "", encoding="utf-8")
    out = tmp_path / "eval"
    res = invoke("evaluate", "--test", f, "--model", tiny_model, "--output", out)
    assert res.exit_code == 1 and message in res.stderr and str(f) in res.stderr
    assert not out.exists()


def test_evaluate_end_to_end_reports_segmentation(tmp_path, tiny_model):
    d = tmp_path / "e2e"
    d.mkdir()
    (d / "rep.txt").write_text("Findings\n\nStaff were positive about training. The panel met in May.\n\n- Strengthen the carers' offer\n", encoding="utf-8")
    (d / "rep.jsonl").write_text(
        "\n".join(json.dumps({"report": "rep", "text": t, "label": lab}) for t, lab in [
            ("Staff were positive about training.", "strength"), ("The panel met in May.", "evidence"),
            ("Strengthen the carers' offer", "area_for_improvement"), ("A sentence the segmenter never saw.", "evidence")]) + "\n",
        encoding="utf-8")
    res = invoke("evaluate", "--test-reports", d, "--model", tiny_model, "--format", "json")
    assert res.exit_code == 0, res.output
    seg = json.loads(res.stdout)["segmentation"]
    assert seg["matched"] == 3 and seg["predicted"] == 3 and seg["annotated"] == 4
    assert seg["precision"] == 1.0 and seg["recall"] == 0.75
