"""Issue 12 through the command line: no traceback, the batch goes on, no output replaces an input
or a file the tool did not write."""
import json

import pytest
from typer.testing import CliRunner

from finding_classifier import pipeline
from finding_classifier.cli import app
from finding_classifier.errors import DEBUG_ENV

runner = CliRunner()

PROSE = "# Findings\n\nStaff were positive about the training they received. The panel met in May.\n"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def error_lines(res):
    return [line for line in res.output.splitlines() if line.startswith("error:")]


@pytest.fixture()
def reports(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(PROSE, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- -o never names an input


@pytest.mark.parametrize("command", [["classify", "-f", "csv"], ["segment", "-f", "jsonl"]])
def test_output_naming_an_input_is_refused_before_any_work(tmp_path, tiny_model, reports, command):
    target = reports / "b.txt"
    extra = ["--model", tiny_model] if command[0] == "classify" else []
    res = invoke(*command, *extra, reports, "-o", target)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert error_lines(res) == [f"error: {target}: is also an input of this run ({target}); give another output name"]
    assert target.read_text(encoding="utf-8") == PROSE


def test_output_naming_an_input_through_a_symlink_is_refused(tmp_path, tiny_model, reports):
    link = tmp_path / "link.txt"
    link.symlink_to(reports / "a.txt")
    res = invoke("classify", "--model", tiny_model, reports / "a.txt", "-f", "csv", "-o", link)
    assert res.exit_code == 1 and "is also an input of this run" in res.output
    assert (reports / "a.txt").read_text(encoding="utf-8") == PROSE


def test_html_pages_folder_holding_an_input_is_refused(tmp_path, tiny_model):
    out = tmp_path / "pages"
    out.mkdir()
    (out / "r.html").write_text("<html><body><p>Staff were positive about the training they received.</p></body></html>")
    before = (out / "r.html").read_bytes()
    res = invoke("classify", "--model", tiny_model, out / "r.html", "-f", "html", "-o", out)
    assert res.exit_code == 1 and "is also an input of this run" in res.output
    assert (out / "r.html").read_bytes() == before


# ---------------------------------------------------------------- a file the tool did not write


@pytest.mark.parametrize("fmt, suffix", [("csv", ".csv"), ("jsonl", ".jsonl"), ("markdown", ".md"), ("html", ".html")])
def test_a_file_findings_did_not_write_is_kept_without_force(tmp_path, tiny_model, reports, fmt, suffix):
    out = tmp_path / f"notes{suffix}"
    out.write_text("my own notes, not an output\n", encoding="utf-8")
    res = invoke("classify", "--model", tiny_model, reports / "a.txt", "-f", fmt, "-o", out)
    assert res.exit_code == 1
    assert error_lines(res) == [f"error: {out}: exists and was not written by findings (no output header of the tool in it); pass --force to replace it"]
    assert out.read_text(encoding="utf-8") == "my own notes, not an output\n"
    res = invoke("classify", "--model", tiny_model, reports / "a.txt", "-f", fmt, "-o", out, "--force")
    assert res.exit_code == 0 and "my own notes" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["classify", "-f", "csv"], ["classify", "-f", "jsonl"], ["classify", "-f", "markdown"],
                                     ["classify", "-f", "html"], ["segment", "-f", "jsonl"], ["segment"]])
def test_an_output_findings_wrote_is_replaced_by_the_next_run(tmp_path, tiny_model, reports, command):
    out = tmp_path / ("out.html" if "html" in command else "out.file")
    extra = ["--model", tiny_model] if command[0] == "classify" else []
    assert invoke(*command, *extra, reports / "a.txt", "-o", out).exit_code == 0
    first = out.read_text(encoding="utf-8")
    (reports / "other-report.txt").write_text(PROSE, encoding="utf-8")
    res = invoke(*command, *extra, reports / "other-report.txt", "-o", out)
    assert res.exit_code == 0, res.output
    assert "other-report" not in first and "other-report" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- unexpected errors


def _breaks_on(name, real):
    def classify_report(report, model):
        if report.path.endswith(name):
            raise IndexError("list index out of range")
        return real(report, model)

    return classify_report


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_unexpected_error_is_one_line_and_the_batch_goes_on(tmp_path, tiny_model, reports, monkeypatch, jobs):
    monkeypatch.setattr(pipeline, "classify_report", _breaks_on("b.txt", pipeline.classify_report))
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)  # with -j 2 the reports go to (forked) workers
    monkeypatch.setattr(pipeline, "CHUNK_REPORTS", 1)
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    out = tmp_path / "out.jsonl"
    res = invoke("classify", "--model", tiny_model, reports, "-f", "jsonl", "-o", out, "-j", jobs)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert error_lines(res) == [
        f"error: {reports / 'b.txt'}: unexpected error (IndexError: list index out of range); "
        f"run with --debug or {DEBUG_ENV}=1 to see the traceback",
        "error: 1 input(s) could not be read; the others were classified",
    ]
    written = {json.loads(line)["report"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert written == {"a", "c"}


@pytest.mark.parametrize("how", ["--debug", "env"])
def test_debug_shows_the_traceback(tmp_path, tiny_model, reports, monkeypatch, how):
    monkeypatch.setattr(pipeline, "classify_report", _breaks_on("b.txt", pipeline.classify_report))
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    monkeypatch.setattr("os.environ", dict(__import__("os").environ))  # --debug sets the variable; keep it in this test
    if how == "env":
        monkeypatch.setenv(DEBUG_ENV, "1")
    res = runner.invoke(app, (["--debug"] if how == "--debug" else []) + ["classify", "--model", str(tiny_model), str(reports / "b.txt")])
    assert res.exit_code == 1
    assert "Traceback (most recent call last)" in res.output and "IndexError: list index out of range" in res.output


def test_segment_goes_on_after_an_unexpected_error(tmp_path, reports, monkeypatch):
    from finding_classifier.cli import segment as segment_cli
    from finding_classifier.model import sentences

    real = sentences.segment_report

    def segment_report(report, nlp=None):
        if report.path.endswith("a.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(report, nlp)

    monkeypatch.setattr(sentences, "segment_report", segment_report)
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    res = invoke("segment", reports, "-f", "jsonl")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert error_lines(res)[0] == (f"error: {reports / 'a.txt'}: unexpected error (RecursionError: maximum recursion depth exceeded); "
                                   f"run with --debug or {DEBUG_ENV}=1 to see the traceback")
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert {r["report"] for r in rows} == {"b", "c"}
    assert segment_cli  # the command module imports segment_report at call time


def test_an_unexpected_error_outside_a_batch_names_the_command_input(tmp_path, monkeypatch):
    from finding_classifier.training import train as train_module

    def boom(**kwargs):
        raise KeyError("weight")

    monkeypatch.setattr(train_module, "train", boom)
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    res = invoke("train", "--no-cv", "--data", tmp_path, "-o", tmp_path / "m")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert error_lines(res) == [f"error: {tmp_path}: unexpected error (KeyError: 'weight'); run with --debug or {DEBUG_ENV}=1 to see the traceback"]


# ---------------------------------------------------------------- validator and trainer agree


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_duplicate_sentence_is_refused_by_validate_and_train_with_one_message(tmp_path):
    from helpers import TINY

    rows = [{"report": "alpha", "section": s, "text": t, "label": lab} for s, t, lab in TINY["alpha"]]
    rows.insert(3, dict(rows[0], text="  " + rows[0]["text"].replace(" ", "  ")))  # the same sentence, whitespace aside
    data = _write_jsonl(tmp_path / "alpha.jsonl", rows)
    expected = f"{data}:4: duplicate sentence (same as line 1)"
    val = invoke("data", "validate", data)
    assert val.exit_code == 1 and expected in val.output.splitlines()
    from helpers import tiny_config

    tr = invoke("train", "--no-cv", "--data", data, "--config", tiny_config(tmp_path / "c.toml", data), "-o", tmp_path / "m")
    assert tr.exit_code == 1 and error_lines(tr) == [f"error: {expected}"]
    assert not (tmp_path / "m").exists()


def test_annotations_without_section_validate_and_train(tmp_path):
    from helpers import TINY, tiny_config

    rows = [{"report": rid, "text": t, "label": lab} for rid in ("alpha", "beta") for _, t, lab in TINY[rid]]
    data = _write_jsonl(tmp_path / "nosection.jsonl", rows)
    assert invoke("data", "validate", data).exit_code == 0
    tr = invoke("train", "--no-cv", "--data", data, "--config", tiny_config(tmp_path / "c.toml", data), "-o", tmp_path / "m")
    assert tr.exit_code == 0, tr.output
    assert "warning: no training sentence has a section heading; the section feature is left out" in tr.output
    report = tmp_path / "r.txt"
    report.write_text(PROSE, encoding="utf-8")
    res = invoke("classify", "--model", tmp_path / "m", report, "-f", "jsonl")
    assert res.exit_code == 0
    probs = [json.loads(line)["probabilities"] for line in res.stdout.splitlines()]
    assert len(probs) == 2 and all(abs(sum(p.values()) - 1) < 5e-4 for p in probs)  # each rounded to 4 places


def test_end_to_end_evaluation_on_training_reports_warns(tmp_path, tiny_model):
    from helpers import TINY

    folder = tmp_path / "e2e"
    folder.mkdir()
    rows = [{"report": "gamma", "section": s, "text": t, "label": lab} for s, t, lab in TINY["gamma"]]
    _write_jsonl(folder / "gamma.jsonl", rows)
    (folder / "gamma.txt").write_text("# Learning\n\n" + "\n\n".join(t for _, t, _ in TINY["gamma"]) + "\n", encoding="utf-8")
    res = invoke("evaluate", "--test-reports", folder, "--model", tiny_model, "-f", "json")
    assert res.exit_code == 0, res.output
    assert f"warning: {folder}: the model was trained on report(s) gamma; figures on them are not a test" in res.stderr
    assert json.loads(res.stdout)["trained_on_test_reports"] == ["gamma"]


# ---------------------------------------------------------------- an interrupted folder replace


def _dead_pid():
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    return int(proc.stdout)


def test_a_model_lost_between_the_two_renames_is_restored_by_the_next_run(tmp_path, tiny_model):
    import shutil

    # what a run killed between `model -> .model.old-PID` and `tmp -> model` leaves: no model, the old
    # one hidden, and the half-written new one
    pid = _dead_pid()
    shutil.copytree(tiny_model, tmp_path / f".model.old-{pid}")
    (tmp_path / f".model.tmp-{pid}-abc123").mkdir()
    (tmp_path / f".model.tmp-{pid}-abc123" / "model.npz").write_bytes(b"half")
    report = tmp_path / "r.txt"
    report.write_text(PROSE, encoding="utf-8")
    res = invoke("classify", "--model", tmp_path / "model", report, "-f", "jsonl")
    assert res.exit_code == 0, res.output
    assert f"warning: {tmp_path / 'model'}: restored from .model.old-{pid}, left by an interrupted replace" in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model", "r.txt"]
    assert (tmp_path / "model" / "meta.json").read_bytes() == (tiny_model / "meta.json").read_bytes()


def test_leftovers_beside_an_existing_output_are_removed_when_it_is_written_again(tmp_path, tiny_data):
    from helpers import tiny_config

    cfg = tiny_config(tmp_path / "c.toml", tiny_data)
    out = tmp_path / "m"
    assert invoke("train", "--no-cv", "--data", tiny_data, "--config", cfg, "-o", out).exit_code == 0
    pid = _dead_pid()
    (tmp_path / f".m.old-{pid}").mkdir()  # killed after the second rename, before the old folder went
    live = tmp_path / f".m.old-{__import__('os').getppid()}"
    live.mkdir()  # a run still going (here: the process that started the tests) is left alone
    res = invoke("train", "--no-cv", "--data", tiny_data, "--config", cfg, "-o", out, "--force")
    assert res.exit_code == 0, res.output
    assert f"warning: {out}: removed .m.old-{pid}, left by an interrupted replace" in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["c.toml", "m", live.name])


def test_an_interrupt_while_writing_a_file_leaves_no_temporary_file(tmp_path, monkeypatch):
    import os

    from finding_classifier import atomic

    target = tmp_path / "out.csv"
    target.write_text(atomic.CSV_HEADER_START + "\nold\n", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(target, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    assert target.read_text(encoding="utf-8") == atomic.CSV_HEADER_START + "\nold\n"


def test_a_report_that_kills_its_worker_fails_alone(tmp_path, tiny_model, reports, monkeypatch):
    import multiprocessing as mp
    import os

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("the patched function reaches the workers only when they are forked")
    real = pipeline.classify_report

    def classify_report(report, model):
        if report.path.endswith("b.txt"):
            os._exit(3)  # as a crash in a C library or the out-of-memory killer would end the worker
        return real(report, model)

    monkeypatch.setattr(pipeline, "classify_report", classify_report)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(pipeline, "CHUNK_REPORTS", 1)
    monkeypatch.delenv(DEBUG_ENV, raising=False)
    res = invoke("classify", "--model", tiny_model, reports, "-f", "jsonl", "-j", 2)
    assert res.exit_code == 1 and "Traceback" not in res.output
    errors = error_lines(res)
    assert len(errors) == 2 and errors[0].startswith(f"error: {reports / 'b.txt'}: unexpected error (BrokenProcessPool")
    assert {json.loads(line)["report"] for line in res.stdout.splitlines() if line.startswith("{")} == {"a", "c"}
