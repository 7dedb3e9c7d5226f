"""``findings segment``: output formats, --output, stdin, and batches with unreadable inputs."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from finding_classifier.cli import app

KEYS = {"report", "section", "text", "start", "end", "block", "metadata"}

REPORT = (
    "# Exampleshire assessment\n\n"
    "## Key findings\n\n"
    "Staff were positive about training. People waited too long for reviews.\n\n"
    "Score: 3\n\n"
    "## Areas for development\n\n"
    "- The carers' strategy\n"
    "- Transitions for young people\n\n"
    "\u00a9 Care Quality Commission\n"
)
EXPECTED = [
    ("Key findings", "Staff were positive about training.", "paragraph"),
    ("Key findings", "People waited too long for reviews.", "paragraph"),
    ("Areas for development", "The carers' strategy", "list_item"),
    ("Areas for development", "Transitions for young people", "list_item"),
]


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(app, ["segment", *args], input=input)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert "Traceback" not in (result.stderr or "")
    # the command ended through its own exit, not an exception escaping it
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.fixture
def report(tmp_path) -> Path:
    p = tmp_path / "exampleshire-2024.txt"
    p.write_text(REPORT, encoding="utf-8")
    return p


def test_jsonl_records_have_the_documented_keys(report):
    result = run("--format", "jsonl", str(report))
    assert result.exit_code == 0, result.output
    no_traceback(result)
    rows = jsonl(result.stdout)
    assert all(set(r) == KEYS for r in rows)
    assert [(r["section"], r["text"], r["block"]) for r in rows] == EXPECTED
    assert {r["report"] for r in rows} == {"exampleshire-2024"}
    for r in rows:
        assert isinstance(r["start"], int) and isinstance(r["end"], int)
        assert REPORT[r["start"] : r["end"]] == r["text"]


def test_jsonl_keeps_non_ascii_text(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("## Findings\n\nThe council\u2019s offer cost \u00a35 per caf\u00e9 visit.\n", encoding="utf-8")
    result = run("-f", "jsonl", str(p))
    assert result.exit_code == 0
    assert "The council\u2019s offer cost \u00a35 per caf\u00e9 visit." in result.stdout
    assert jsonl(result.stdout)[0]["text"] == "The council\u2019s offer cost \u00a35 per caf\u00e9 visit."


def test_output_writes_the_file_and_nothing_to_stdout(report, tmp_path):
    out = tmp_path / "out" / "nested" / "sentences.jsonl"
    result = run("--format", "jsonl", "--output", str(out), str(report))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    rows = jsonl(out.read_text(encoding="utf-8"))
    assert [(r["section"], r["text"], r["block"]) for r in rows] == EXPECTED
    # written atomically: no temporary file left behind
    assert [p.name for p in out.parent.iterdir()] == ["sentences.jsonl"]


def test_table_format_on_stdout_and_to_a_file(report, tmp_path):
    result = run(str(report))
    assert result.exit_code == 0
    assert "People waited" in result.stdout  # the table may wrap the sentence over two lines
    assert "Score: 3" not in result.stdout
    out = tmp_path / "table.txt"
    result = run("-o", str(out), str(report))
    assert result.exit_code == 0
    written = out.read_text(encoding="utf-8")
    assert "Staff were positive about training." in written
    assert "Care Quality Commission" not in written


def test_batch_with_a_missing_file_prints_the_good_one_and_fails(report, tmp_path):
    missing = tmp_path / "no-such-report.txt"
    result = run("-f", "jsonl", str(missing), str(report))
    assert result.exit_code != 0
    no_traceback(result)
    rows = jsonl(result.stdout)
    assert [r["text"] for r in rows] == [t for _, t, _ in EXPECTED]
    err_lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    naming = [ln for ln in err_lines if str(missing) in ln]
    assert len(naming) == 1
    assert naming[0].startswith("error:") and "no such file" in naming[0]
    assert str(report) not in result.stderr


def test_batch_with_output_still_writes_the_good_reports(report, tmp_path):
    bad = tmp_path / "scan.bin.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "s.jsonl"
    result = run("-f", "jsonl", "-o", str(out), str(bad), str(report))
    assert result.exit_code == 1
    no_traceback(result)
    assert len(jsonl(out.read_text(encoding="utf-8"))) == len(EXPECTED)
    assert any(str(bad) in ln and "binary" in ln for ln in result.stderr.splitlines())


def _bad_input(kind: str, d: Path) -> Path:
    if kind == "empty":
        (d / "empty.txt").write_text("  \n", encoding="utf-8")
        return d / "empty.txt"
    if kind == "unknown-type":
        (d / "report.docx").write_bytes(b"PK\x03\x04")
        return d / "report.docx"
    if kind == "folder-without-reports":
        (d / "empty-folder").mkdir()
        return d / "empty-folder"
    if kind == "glob-matching-nothing":
        return d / "*.pdf"
    return d / "missing.txt"


@pytest.mark.parametrize("kind", ["missing", "empty", "unknown-type", "folder-without-reports", "glob-matching-nothing"])
def test_each_kind_of_bad_input_is_one_clean_error(tmp_path, report, kind):
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = _bad_input(kind, bad_dir)
    result = run("-f", "jsonl", str(bad), str(report))
    assert result.exit_code == 1
    no_traceback(result)
    assert len(jsonl(result.stdout)) == len(EXPECTED)
    assert sum(str(bad) in ln for ln in result.stderr.splitlines()) == 1


def test_stdin():
    result = run("-f", "jsonl", "-", input=REPORT.encode("utf-8"))
    assert result.exit_code == 0, result.output
    rows = jsonl(result.stdout)
    assert [(r["section"], r["text"], r["block"]) for r in rows] == EXPECTED
    assert {r["report"] for r in rows} == {"stdin"}


def test_folder_and_glob_inputs(tmp_path):
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    (d / "b.txt").write_text("## A\n\nStaff were positive.\n", encoding="utf-8")
    (d / "sub" / "a.md").write_text("## B\n\nPeople waited.\n", encoding="utf-8")
    result = run("-f", "jsonl", str(d))
    assert result.exit_code == 0
    assert [(r["report"], r["text"]) for r in jsonl(result.stdout)] == [("b", "Staff were positive."), ("a", "People waited.")]
    result = run("-f", "jsonl", str(d / "*.txt"))
    assert [r["report"] for r in jsonl(result.stdout)] == ["b"]


def test_windows_1252_report_warns_on_stderr(tmp_path):
    p = tmp_path / "legacy.txt"
    p.write_bytes("## Findings\n\nThe council\u2019s offer was clear.\n".encode("cp1252"))
    result = run("-f", "jsonl", str(p))
    assert result.exit_code == 0
    assert jsonl(result.stdout)[0]["text"] == "The council\u2019s offer was clear."
    assert any(ln.startswith("warning:") and str(p) in ln and "Windows-1252" in ln for ln in result.stderr.splitlines())


def test_report_without_prose_warns_but_succeeds(tmp_path):
    p = tmp_path / "headings.md"
    p.write_text("# Title\n\n## Section\n\nScore: 3\n", encoding="utf-8")
    result = run("-f", "jsonl", str(p))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no sentences of body prose" in result.stderr and str(p) in result.stderr


@pytest.mark.slow  # a new Python process: seconds of imports
def test_installed_command_batch_error_has_no_traceback(tmp_path, report):
    exe = Path(sys.executable).with_name("findings")
    if not exe.exists():
        pytest.skip("findings console script not installed next to this interpreter")
    missing = tmp_path / "missing.txt"
    proc = subprocess.run([str(exe), "segment", "-f", "jsonl", str(missing), str(report)], capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert [json.loads(ln)["text"] for ln in proc.stdout.splitlines()] == [t for _, t, _ in EXPECTED]
    assert sum(str(missing) in ln for ln in proc.stderr.splitlines()) == 1


# ------------------------------------------------------------------ score lines and --show-blocks
def test_jsonl_sentences_carry_the_reports_score_lines(report):
    rows = jsonl(run("--format", "jsonl", str(report)).stdout)
    assert [r["metadata"] for r in rows] == [{"Score": "3"}] * 4


def test_show_blocks_jsonl_says_how_each_element_was_read(report):
    result = run("--show-blocks", "--format", "jsonl", str(report))
    assert result.exit_code == 0, result.output
    no_traceback(result)
    rows = jsonl(result.stdout)
    assert [(r["line"], r["read_as"]) for r in rows] == [
        (1, "heading"), (3, "heading"), (5, "paragraph"), (7, "metadata"), (9, "heading"),
        (11, "list_item"), (12, "list_item"), (14, "furniture"),
    ]
    assert rows[0]["rule"] == "markdown:atx-heading"
    assert rows[3]["rule"] == "framework:score-line" and rows[3]["text"] == "Score: 3"
    assert rows[7]["rule"] == "furniture:copyright"
    assert {r["report"] for r in rows} == {"exampleshire-2024"}
    text = report.read_text(encoding="utf-8")
    assert text[rows[2]["start"] : rows[2]["end"]] == "Staff were positive about training. People waited too long for reviews."


def test_show_blocks_table_names_the_rule(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("Key findings\n\nPeople waited too long for reviews.\n\nDear Ms Smith,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["segment", "--show-blocks", str(p)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    no_traceback(result)
    out = " ".join(result.stdout.split())
    for word in ("heading", "rules:short-title", "paragraph", "furniture", "furniture:salutation"):
        assert word in out, out
