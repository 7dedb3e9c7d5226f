"""Concurrency and interruption, with real processes: two `findings classify -o same.csv` at once, and
SIGINT at several moments of `findings train` and `findings evaluate -o`, leave the old output or a
complete new one, never a partial one, and no temporary file or folder beside it (issue 12)."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import tiny_config

pytestmark = pytest.mark.slow

FINDINGS = [sys.executable, "-c", "from finding_classifier.launch import main; main()"]  # what the findings script runs
ENV = dict(os.environ, OMP_NUM_THREADS="1")
#: Seconds after the start at which SIGINT is sent: during start-up (imports), the work and the
#: writing. (Not earlier: while the interpreter itself starts, before any code of the project runs,
#: Python's own handler prints a traceback.)
MOMENTS = [0.6, 1.0, 2.0, 3.0, 4.0, 5.5, 7.0]


def leftovers(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))


def interrupted(args, delay, cwd):
    proc = subprocess.Popen(FINDINGS + [str(a) for a in args], cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert "Traceback" not in err, err
    return proc.returncode, err


def test_two_classify_runs_writing_one_file_leave_one_complete_output(tmp_path, tiny_model):
    reports = tmp_path / "in"
    reports.mkdir()
    for i in range(6):
        (reports / f"r{i}.txt").write_text(f"# Findings\n\nStaff were positive about the training in area {i}. The panel met in May.\n", encoding="utf-8")
    one = subprocess.run(FINDINGS + ["classify", "--model", str(tiny_model), str(reports), "-f", "csv", "-o", str(tmp_path / "one.csv")],
                         env=ENV, capture_output=True, text=True)
    assert one.returncode == 0, one.stderr
    expected = (tmp_path / "one.csv").read_text(encoding="utf-8")
    for _ in range(3):
        procs = [subprocess.Popen(FINDINGS + ["classify", "--model", str(tiny_model), str(reports), "-f", "csv", "-o", str(tmp_path / "same.csv")],
                                  env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        for p in procs:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
        assert (tmp_path / "same.csv").read_text(encoding="utf-8") == expected
        assert leftovers(tmp_path, "same.csv") == []


def test_sigint_during_train_leaves_the_old_model_or_a_complete_new_one(tmp_path, tiny_data):
    from finding_classifier.model.persistence import load_model, read_meta

    cfg = tiny_config(tmp_path / "c.toml", tiny_data)
    out = tmp_path / "model"
    first = subprocess.run(FINDINGS + ["train", "--no-cv", "--data", str(tiny_data), "--config", str(cfg), "-o", str(out)], env=ENV, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    old_created = read_meta(out)["created"]
    outcomes = set()
    for delay in MOMENTS:
        time.sleep(1.1)  # `created` is to the second: a new model is told from the old one by it
        code, err = interrupted(["train", "--no-cv", "--data", tiny_data, "--config", cfg, "-o", out, "--force"], delay, tmp_path)
        assert code in (0, 130), err
        assert leftovers(tmp_path, "model") == []
        load_model(out)  # complete: loads and its checksum matches
        created = read_meta(out)["created"]
        outcomes.add("old" if created == old_created else "new")
        old_created = created
        if code == 130:
            assert "error: interrupted" in err
    assert "old" in outcomes  # at least one interrupt landed before the model was replaced


def test_sigint_during_evaluate_output_leaves_no_partial_folder(tmp_path, tiny_data, tiny_model):
    out = tmp_path / "eval"
    for delay in MOMENTS:
        code, err = interrupted(["evaluate", "--test", tiny_data, "--model", tiny_model, "-o", out, "--force"], delay, tmp_path)
        assert code in (0, 130), err
        assert leftovers(tmp_path, "eval") == []
        if out.exists():  # complete: every file the evaluation writes for a test set
            assert {"metrics.json", "report.md", "confusion.png", "errors.csv"} <= {p.name for p in out.iterdir()}
            json.loads((out / "metrics.json").read_text(encoding="utf-8"))
