"""Nothing lost: outputs are never half-written, never replace what they should not, and bad
input anywhere in a batch leaves earlier results alone."""
import json
import os
import stat

import pytest
from typer.testing import CliRunner

from finding_classifier.cli import app
from helpers import tiny_config, write_tiny

runner = CliRunner()


def invoke(*args, input=None):
    result = runner.invoke(app, [str(a) for a in args], input=input)
    assert "Traceback" not in result.output
    return result


@pytest.fixture()
def report(tmp_path):
    p = tmp_path / "rep.txt"
    p.write_text("Findings\n\nStaff were positive about training. The panel met in May.\n", encoding="utf-8")
    return p


def test_evaluate_output_never_replaces_a_folder_of_other_files(tmp_path, tiny_model):
    test = write_tiny(tmp_path / "test", reports=("gamma",))
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    for extra in ([], ["--force"]):
        res = invoke("evaluate", "--test", test, "--model", tiny_model, "-o", precious, *extra)
        assert res.exit_code == 1
        assert (precious / "thesis.txt").read_text() == "years of work"
    assert "--force" in invoke("evaluate", "--test", test, "--model", tiny_model, "-o", precious).stderr


def test_evaluate_output_is_replaced_only_with_force(tmp_path, tiny_model):
    test = write_tiny(tmp_path / "test", reports=("gamma",))
    out = tmp_path / "eval"
    assert invoke("evaluate", "--test", test, "--model", tiny_model, "-o", out).exit_code == 0
    assert invoke("evaluate", "--test", test, "--model", tiny_model, "-o", out).exit_code == 1
    assert invoke("evaluate", "--test", test, "--model", tiny_model, "-o", out, "--force").exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) & 0o055  # readable by others, like any new folder
    assert json.loads((out / "metrics.json").read_text())["n"] == 6


def test_train_force_never_replaces_a_folder_that_is_not_a_model(tmp_path, tiny_data):
    cfg = tiny_config(tmp_path / "c.toml", tiny_data)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "notes.txt").write_text("keep me")
    res = invoke("train", "--config", cfg, "-o", notes, "--no-cv", "--force")
    assert res.exit_code == 1 and "not part of the model" in res.stderr
    assert (notes / "notes.txt").read_text() == "keep me"


def test_a_batch_where_every_input_fails_leaves_the_output_alone(tmp_path, tiny_model, report):
    out = tmp_path / "rows.csv"
    assert invoke("classify", report, "--model", tiny_model, "-f", "csv", "-o", out).exit_code == 0
    before = out.read_text()
    res = invoke("classify", tmp_path / "missing.txt", "--model", tiny_model, "-f", "csv", "-o", out)
    assert res.exit_code == 1 and "nothing written" in res.stderr
    assert out.read_text() == before
    res = invoke("segment", tmp_path / "missing.txt", "-f", "jsonl", "-o", tmp_path / "seg.jsonl")
    assert res.exit_code == 1 and not (tmp_path / "seg.jsonl").exists()


def test_output_files_are_readable_by_others(tmp_path, tiny_model, report):
    out = tmp_path / "rows.jsonl"
    invoke("classify", report, "--model", tiny_model, "-f", "jsonl", "-o", out)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


@pytest.mark.parametrize("target", ["folder", "under_a_file"])
def test_bad_output_paths_give_one_line(tmp_path, tiny_model, report, target):
    (tmp_path / "afile").write_text("x")
    out = tmp_path if target == "folder" else tmp_path / "afile" / "rows.csv"
    res = invoke("classify", report, "--model", tiny_model, "-f", "csv", "-o", out)
    assert res.exit_code == 1
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(out) in lines[0]


def test_training_needs_all_three_labels(tmp_path):
    data = tmp_path / "two"
    data.mkdir()
    rows = [("Staff were positive and effective.", "strength"), ("The board met monthly.", "evidence"),
            ("People praised the team.", "strength"), ("There were 40 referrals.", "evidence")]
    for rid in ("a", "b"):
        (data / f"{rid}.jsonl").write_text("".join(json.dumps({"report": rid, "text": f"{t} ({rid})", "label": lab}) + "\n" for t, lab in rows))
    res = invoke("train", "--config", tiny_config(tmp_path / "c.toml", data), "-o", tmp_path / "m", "--no-cv")
    assert res.exit_code == 1 and "area_for_improvement" in res.stderr
    assert not (tmp_path / "m").exists()


def test_reports_with_the_same_file_name_stay_apart(tmp_path, tiny_model):
    for year, text in (("2023", "Staff were positive."), ("2024", "Waiting lists were long.")):
        (tmp_path / year).mkdir()
        (tmp_path / year / "report.txt").write_text(f"Findings\n\n{text}\n")
    res = invoke("classify", tmp_path / "2023/report.txt", tmp_path / "2024/report.txt", "--model", tiny_model, "-f", "jsonl")
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["report"] for r in rows] == ["report", "report-2"]
    assert "report-2" in res.stderr


def test_a_file_name_with_brackets_is_a_file_not_a_pattern(tmp_path, tiny_model):
    p = tmp_path / "rep [final].txt"
    p.write_text("Findings\n\nStaff were positive.\n")
    res = invoke("classify", p, "--model", tiny_model, "-f", "jsonl")
    assert res.exit_code == 0 and json.loads(res.stdout.splitlines()[0])["report"] == "rep [final]"


def test_external_test_on_training_reports_warns(tmp_path, tiny_model):
    test = write_tiny(tmp_path / "test", reports=("gamma",))
    res = invoke("evaluate", "--test", test, "--model", tiny_model, "-f", "json")
    assert res.exit_code == 0
    assert "trained on report(s) gamma" in res.stderr
    assert json.loads(res.stdout)["trained_on_test_reports"] == ["gamma"]


@pytest.mark.parametrize("line, message", [
    ("seed = \"x\"", "seed = 'x' must be int"),
    ("[model]\nC = \"big\"", "C = 'big' must be float"),
    ("[sources.bank]\nweight = \"heavy\"", "weight must be a number"),
    ("[model]\nlearning_rate = 3", "unknown [model] key"),
])
def test_config_values_are_checked(tmp_path, line, message):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(line + "\n")
    res = invoke("evaluate", "--config", cfg)
    assert res.exit_code == 1 and message in res.stderr and str(cfg) in res.stderr


def test_the_block_of_each_sentence_reaches_training(repo_root):
    from finding_classifier.corpus import load_dataset

    ds = load_dataset(repo_root / "data" / "annotations")
    assert set(ds["block"]) == {"paragraph", "list_item"}
