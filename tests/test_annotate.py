"""`findings annotate`: the session, its files, the web API (through Starlette's test client), safety and the CLI.

Reports and sentences here are written by the tests. Expected orders and labels are set by hand.
"""
import copy
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from finding_classifier.annotate import FolderLock, ReportEntry, Sentence, Session, build_reports, check_report_id, report_path, summarize
from finding_classifier.annotate.server import REFUSED, TOKEN_HEADER, create_app, is_loopback, rule_hints
from finding_classifier.cli import app
from finding_classifier.errors import FindingError
from finding_classifier.schema import GUIDELINE_VERSION, LABELS
from helpers import tiny_config

TOKEN = "test-token-0123456789"
HEAD = {TOKEN_HEADER: TOKEN}

# A short report written for these tests, with the labels a person gives its sentences (by hand, per the guideline).
REPORT = """# Learning from feedback

The council had a duty team that met every Tuesday. Staff told us the reablement team worked well and people felt listened to. Waiting times for assessments were not consistently met and some people waited months.

## Areas for development

- Strengthen oversight of the commissioning budget.
- Further work is needed to reduce the backlog of reviews.
"""
HAND_LABELS = {
    "The council had a duty team that met every Tuesday.": "evidence",
    "Staff told us the reablement team worked well and people felt listened to.": "strength",
    "Waiting times for assessments were not consistently met and some people waited months.": "area_for_improvement",
    "Strengthen oversight of the commissioning budget.": "area_for_improvement",
    "Further work is needed to reduce the backlog of reviews.": "area_for_improvement",
}
HOSTILE = 'Carers said the <script>window.__pwned = 1</script> notice & its <img src=x onerror="window.__pwned = 2"> page confused them.'


def sentence(report, index, text, probabilities, section="Findings"):
    suggested = max(probabilities, key=probabilities.get)
    start = index * 100
    return Sentence(report, index, section, start, start + len(text), text, "paragraph", suggested, probabilities)


def probs(s, a, e):
    return {"strength": s, "area_for_improvement": a, "evidence": e}


def hand_reports():
    """Two reports with probabilities chosen by hand (margins: a0 .85, a1 .05, a2 .20; b0 .01, b1 .50)."""
    a = ReportEntry("alpha", "alpha.txt", [
        sentence("alpha", 0, "The board met monthly.", probs(0.05, 0.05, 0.90)),
        sentence("alpha", 1, "Some reviews were late, but people felt supported.", probs(0.40, 0.35, 0.25)),
        sentence("alpha", 2, HOSTILE, probs(0.20, 0.50, 0.30), section="Feedback <b>from</b> carers"),
    ])
    b = ReportEntry("beta", "beta.txt", [
        sentence("beta", 0, "Practice varied between teams.", probs(0.34, 0.33, 0.33)),
        sentence("beta", 1, "Partners described leadership as strong.", probs(0.70, 0.20, 0.10)),
    ])
    return [a, b]


@pytest.fixture()
def client_for(tmp_path):
    def make(reports=None, folder=None, annotator="ann-1", order="document"):
        session = Session(reports if reports is not None else hand_reports(), folder or tmp_path / "out", annotator, order)
        return session, TestClient(create_app(session, TOKEN))
    return make


def lines(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def decide(client, report, index, label):
    r = client.post("/api/decide", json={"report": report, "index": index, "label": label}, headers=HEAD)
    assert r.status_code == 200, r.text
    return r.json()


# -- the token -------------------------------------------------------------------------------------

def test_every_request_needs_the_token(client_for, tmp_path):
    _, c = client_for()
    for path in ("/", "/static/app.js", "/static/app.css", "/api/state", "/api/item?pos=0", "/api/summary", "/nowhere"):
        assert c.get(path).status_code == 403, path
        assert c.get(path, params={"token": "wrong"}).status_code == 403, path
        assert c.get(path, headers={TOKEN_HEADER: TOKEN[:-1]}).status_code == 403, path
    refused = c.get("/api/state")
    assert refused.text == REFUSED and "no-store" in refused.headers["cache-control"]
    for path, body in (("/api/decide", {"report": "alpha", "index": 0, "label": "strength"}), ("/api/accept", {"report": "alpha", "index": 0}), ("/api/undo", {})):
        assert c.post(path, json=body).status_code == 403
        assert c.post(path + f"?token={TOKEN}", json=body).status_code == 403  # writes take the header only
    assert not (tmp_path / "out" / "alpha.jsonl").exists()
    assert c.get("/", params={"token": TOKEN}).status_code == 200
    assert c.get("/static/app.js", params={"token": TOKEN}).status_code == 200
    assert c.get("/api/state", headers=HEAD).status_code == 200


def test_writes_take_json_only(client_for, tmp_path):
    _, c = client_for()
    r = c.post("/api/decide", content="report=alpha&index=0&label=strength", headers={**HEAD, "content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415
    assert c.post("/api/decide", content="{not json", headers={**HEAD, "content-type": "application/json"}).status_code == 400
    assert c.post("/api/decide", json={"report": "alpha", "index": 0, "label": "good"}, headers=HEAD).status_code == 400
    assert c.post("/api/decide", json={"report": "alpha", "index": True, "label": "strength"}, headers=HEAD).status_code == 404
    assert not (tmp_path / "out" / "alpha.jsonl").exists()


# -- escaping --------------------------------------------------------------------------------------

def test_report_text_reaches_the_page_only_as_data(client_for):
    _, c = client_for()
    page = c.get("/", params={"token": TOKEN})
    assert page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "window.__pwned" not in page.text and "confused them" not in page.text
    item = c.get("/api/item", params={"pos": 2}, headers=HEAD)
    assert item.headers["content-type"] == "application/json"
    assert item.json()["text"] == HOSTILE and item.json()["section"] == "Feedback <b>from</b> carers"
    assert "<script>" not in item.text.replace(json.dumps(HOSTILE)[1:-1], "")  # the text is a JSON string, nothing else
    js = c.get("/static/app.js", params={"token": TOKEN}).text
    assert "textContent" in js
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in js, sink


def test_static_files_are_a_fixed_list(client_for):
    _, c = client_for()
    for path in ("/static/../server.py", "/static/%2e%2e/server.py", "/static/index.html", "/static/rules.toml", "/static/"):
        assert c.get(path, params={"token": TOKEN}).status_code == 404, path


# -- decisions, files, undo ------------------------------------------------------------------------

def test_decisions_are_written_at_once_in_reading_order(client_for, tmp_path):
    session, c = client_for(order="uncertain")
    out = tmp_path / "out"
    decide(c, "alpha", 2, "area_for_improvement")
    assert [r["text"] for r in lines(out / "alpha.jsonl")] == [HOSTILE]
    decide(c, "alpha", 0, "evidence")
    r = c.post("/api/accept", json={"report": "alpha", "index": 1}, headers=HEAD)
    assert r.status_code == 200
    recs = lines(out / "alpha.jsonl")
    assert [x["text"] for x in recs] == ["The board met monthly.", "Some reviews were late, but people felt supported.", HOSTILE]
    first, second, third = recs
    assert first == {"report": "alpha", "section": "Findings", "text": "The board met monthly.", "label": "evidence",
                     "annotator": "ann-1", "start": 0, "end": 22, "block": "paragraph", "source": "report",
                     "suggested": "evidence", "confidence": 0.9, "changed": False}
    assert second["label"] == second["suggested"] == "strength" and second["changed"] is False  # accepted
    assert third["label"] == "area_for_improvement" and third["changed"] is False
    assert not (out / "beta.jsonl").exists()
    decide(c, "beta", 0, "area_for_improvement")  # the model said strength (0.34)
    (b,) = lines(out / "beta.jsonl")
    assert (b["label"], b["suggested"], b["changed"]) == ("area_for_improvement", "strength", True)
    assert sorted(p.name for p in out.iterdir()) == ["alpha.jsonl", "beta.jsonl"]


def test_relabel_and_undo(client_for, tmp_path):
    session, c = client_for()
    out = tmp_path / "out"
    assert decide(c, "alpha", 0, "strength")["next"] == 1
    decide(c, "alpha", 0, "evidence")  # changed my mind on the same sentence
    assert [r["label"] for r in lines(out / "alpha.jsonl")] == ["evidence"]
    r = c.post("/api/undo", json={}, headers=HEAD).json()
    assert r["pos"] == 0 and r["progress"]["can_undo"] is True
    assert [x["label"] for x in lines(out / "alpha.jsonl")] == ["strength"]  # back to the first decision
    assert c.post("/api/undo", json={}, headers=HEAD).json()["pos"] == 0
    assert not (out / "alpha.jsonl").exists()  # no decision left: no file (an empty file is not valid data)
    r = c.post("/api/undo", json={}, headers=HEAD).json()
    assert r["pos"] is None and r["progress"]["can_undo"] is False and r["progress"]["done"] == 0


def test_navigation_item_context_and_progress(client_for):
    session, c = client_for()
    state = c.get("/api/state", headers=HEAD).json()
    assert state["resume"] == 0 and state["order"] == "document" and state["annotator"] == "ann-1"
    assert [(p["id"], p["done"], p["total"]) for p in state["progress"]["reports"]] == [("alpha", 0, 3), ("beta", 0, 2)]
    assert [k["keys"] for k in state["labels"]] == [["1", "s"], ["2", "a"], ["3", "e"]]
    item = c.get("/api/item", params={"pos": 1}, headers=HEAD).json()
    assert item["report"] == "alpha" and item["report_name"] == "alpha.txt" and item["section"] == "Findings"
    assert [x["text"] for x in item["before"]] == ["The board met monthly."]
    assert [x["text"] for x in item["after"]] == [HOSTILE]
    assert (item["suggested"], item["confidence"], item["label"]) == ("strength", 0.40, None)
    assert c.get("/api/item", params={"pos": 5}, headers=HEAD).status_code == 404
    assert c.get("/api/item", params={"pos": "x"}, headers=HEAD).status_code == 400
    r = decide(c, "alpha", 1, "evidence")
    assert r["next"] == 2 and r["progress"]["reports"][0]["done"] == 1
    assert c.get("/api/item", params={"pos": 2}, headers=HEAD).json()["before"][-1]["label"] == "evidence"
    for key in [("alpha", 2), ("beta", 0), ("beta", 1)]:
        r = decide(c, *key, "evidence")
    assert r["next"] == 0  # wraps round to the one left undecided
    assert decide(c, "alpha", 0, "evidence")["next"] is None  # all done
    assert c.get("/api/state", headers=HEAD).json()["resume"] is None


def test_uncertain_order_serves_the_smallest_margin_first(client_for):
    _, c = client_for(order="uncertain")
    # margins by hand: beta0 .01, alpha1 .05, alpha2 .20, beta1 .50, alpha0 .85
    expected = [("beta", 0), ("alpha", 1), ("alpha", 2), ("beta", 1), ("alpha", 0)]
    served = [(i["report"], i["index"]) for i in (c.get("/api/item", params={"pos": p}, headers=HEAD).json() for p in range(5))]
    assert served == expected
    pos = c.get("/api/state", headers=HEAD).json()["resume"]
    walked = []
    while pos is not None:
        item = c.get("/api/item", params={"pos": pos}, headers=HEAD).json()
        walked.append((item["report"], item["index"]))
        pos = c.post("/api/accept", json={"report": item["report"], "index": item["index"]}, headers=HEAD).json()["next"]
    assert walked == expected


def test_resume_after_a_stop(client_for, tmp_path):
    out = tmp_path / "out"
    _, c = client_for(order="uncertain")
    decide(c, "beta", 0, "area_for_improvement")
    decide(c, "alpha", 1, "strength")
    # a line written by hand that matches no sentence is kept; so is a note
    with open(out / "alpha.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"report": "alpha", "text": "A sentence from an older segmentation.", "label": "evidence", "start": 5000}) + "\n")
    recs = lines(out / "alpha.jsonl")
    recs[0]["note"] = "rule 3: the later clause"
    (out / "alpha.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    session, c2 = client_for(order="uncertain", annotator=None)  # a new server on the same folder
    assert any("1 line(s) match no sentence" in w for w in session.warnings)
    state = c2.get("/api/state", headers=HEAD).json()
    assert state["progress"]["done"] == 2
    assert state["resume"] == 2  # beta0 and alpha1 are done: the next in uncertain order is alpha2
    assert c2.get("/api/item", params={"pos": 1}, headers=HEAD).json()["label"] == "strength"
    decide(c2, "alpha", 1, "evidence")
    decide(c2, "alpha", 0, "evidence")
    recs = lines(out / "alpha.jsonl")
    assert [r["text"] for r in recs] == ["The board met monthly.", "Some reviews were late, but people felt supported.", "A sentence from an older segmentation."]
    assert recs[1]["label"] == "evidence" and recs[1]["note"] == "rule 3: the later clause" and recs[1]["annotator"] == "ann-1"
    assert "annotator" not in recs[0]


def test_a_failed_write_loses_nothing_and_says_so(client_for, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _, c = client_for()
    decide(c, "alpha", 0, "evidence")
    before = (out / "alpha.jsonl").read_bytes()

    def full_disk(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    r = c.post("/api/decide", json={"report": "alpha", "index": 1, "label": "strength"}, headers=HEAD)
    assert r.status_code == 500 and "not saved" in r.json()["error"] and "No space left" in r.json()["error"]
    monkeypatch.undo()
    assert (out / "alpha.jsonl").read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["alpha.jsonl"]  # no temporary left
    state = c.get("/api/state", headers=HEAD).json()
    assert state["progress"]["done"] == 1 and state["resume"] == 1  # the failed decision is not counted


def test_stale_temporaries_of_a_crash_are_removed_and_ignored(client_for, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".alpha.jsonl.abc123.tmp").write_text('{"report": "alpha", "te', encoding="utf-8")  # a write cut short
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    client_for()
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


# -- what may be written where -----------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["../evil", "..", ".", ".hidden", "a/b", "a\\b", "C:evil", "/etc/passwd", "", " ", "nul\0x", "x" * 200])
def test_report_ids_cannot_name_a_file_outside_the_folder(bad, tmp_path):
    assert check_report_id(bad)
    with pytest.raises(FindingError):
        report_path(tmp_path, bad)
    with pytest.raises(FindingError):
        Session([ReportEntry(bad, "x.txt", [sentence(bad, 0, "The board met monthly.", probs(0.1, 0.1, 0.8))])], tmp_path / "out")


def test_only_the_report_files_in_the_output_folder_are_written(client_for, tmp_path):
    (tmp_path / "evil.jsonl").write_text("untouched\n", encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    _, c = client_for()
    for body in ({"report": "../evil", "index": 0, "label": "strength"}, {"report": "../../evil", "index": 0, "label": "strength"},
                 {"report": "/tmp/evil", "index": 0, "label": "strength"}, {"report": ["alpha"], "index": 0, "label": "strength"}):
        r = c.post("/api/decide", json=body, headers=HEAD)
        assert r.status_code == 404, body
    decide(c, "alpha", 0, "evidence")
    decide(c, "beta", 1, "strength")
    after = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    changed = sorted(str(p.relative_to(tmp_path)) for p in after if before.get(p) != after[p])
    assert changed == ["out", "out/alpha.jsonl", "out/beta.jsonl"]
    assert (tmp_path / "evil.jsonl").read_text(encoding="utf-8") == "untouched\n"


def test_report_files_whose_id_is_unsafe_are_refused(tmp_path):
    (tmp_path / ".hidden.txt").write_text(REPORT, encoding="utf-8")
    with pytest.raises(FindingError, match="starts with a dot"):
        build_reports([str(tmp_path / ".hidden.txt")], str(tmp_path / "no-model"))  # refused before any model is loaded


# -- the lock ----------------------------------------------------------------------------------------

def test_a_second_server_on_the_folder_refuses(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    runner = CliRunner()
    with FolderLock(out) as lock:
        lock.note("http://127.0.0.1:4321/?token=secret")
        with pytest.raises(FindingError, match="another `findings annotate` is using this folder"):
            FolderLock(out).acquire()
        res = runner.invoke(app, ["annotate", str(tmp_path / "r.txt"), "-o", str(out), "--no-browser"])
        assert res.exit_code == 1
        msg = res.stderr.strip()
        assert len(msg.splitlines()) == 1 and "Traceback" not in res.output
        assert f"pid {os.getpid()}" in msg and "http://127.0.0.1:4321/" in msg and "secret" not in msg
    assert not (out / ".findings-annotate.lock").exists()
    (out / ".findings-annotate.lock").write_text('{"pid": 999999}\n', encoding="utf-8")  # left by a crash: nobody holds it
    with FolderLock(out):
        pass


def test_other_hosts_need_asking_and_are_warned_about(tmp_path):
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    with FolderLock(out):  # so the command stops right after its warning
        res = CliRunner().invoke(app, ["annotate", str(tmp_path / "r.txt"), "-o", str(out), "--host", "0.0.0.0", "--no-browser"])
    assert res.exit_code == 1
    assert "warning: serving on 0.0.0.0: anyone who can reach this machine" in res.stderr


def test_cli_refuses_bad_calls_in_one_line(tmp_path):
    import socket

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    runner = CliRunner()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    for args, says in ((["-o", str(tmp_path / "o")], "give the report files"),
                       ([str(tmp_path / "r.txt"), "-o", str(tmp_path / "file")], "is not a folder"),
                       (["-", "-o", str(tmp_path / "o")], "standard input"),
                       ([str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o2")], "no report could be read"),
                       (["--summary", "-o", str(tmp_path / "nowhere")], "no such file or folder"),
                       ([str(tmp_path / "r.txt"), "-o", str(tmp_path / "o3"), "--port", str(busy.getsockname()[1])], "cannot listen on 127.0.0.1")):
        res = runner.invoke(app, ["annotate", *args, "--no-browser"])
        assert res.exit_code == 1, args
        assert says in res.stderr and "Traceback" not in res.output, (args, res.output)
    busy.close()
    assert not (tmp_path / "o3" / ".findings-annotate.lock").exists()  # released on the way out


# -- summary -----------------------------------------------------------------------------------------

def test_summary_per_label_and_confusion():
    recs = [  # (your label, the model's suggestion), counted by hand
        ("strength", "strength"), ("strength", "strength"), ("strength", "evidence"),
        ("area_for_improvement", "area_for_improvement"), ("area_for_improvement", "strength"),
        ("evidence", "evidence"), ("evidence", "evidence"), ("evidence", "evidence"),
    ]
    records = [{"report": f"r{i % 2}", "text": f"s{i}", "label": lab, "suggested": sug} for i, (lab, sug) in enumerate(recs)]
    records.append({"report": "r0", "text": "hand", "label": "evidence"})  # no suggestion: not counted
    s = summarize(records)
    assert (s.sentences, s.agreed, s.reports, s.without_suggestion) == (8, 6, 2, 1)
    assert s.accuracy == 0.75
    assert s.confusion == [[2, 0, 1], [1, 1, 0], [0, 0, 3]]
    per = {f.label: f for f in s.per_label}
    assert (per["strength"].annotated, per["strength"].model_right, per["strength"].suggested) == (3, 2, 3)
    assert per["area_for_improvement"].recall == 0.5 and per["area_for_improvement"].precision == 1.0
    assert per["evidence"].precision == 0.75
    lo, hi = s.interval
    assert 0.40 < lo < 0.75 < hi < 0.97  # Wilson 95% for 6/8 is about 0.41-0.93
    assert summarize([]).accuracy is None and summarize([]).interval is None


def test_summary_on_the_page_and_on_the_command_line(client_for, tmp_path):
    _, c = client_for()
    decide(c, "alpha", 0, "evidence")  # model: evidence
    decide(c, "alpha", 1, "area_for_improvement")  # model: strength
    decide(c, "beta", 1, "strength")  # model: strength
    page = c.get("/api/summary", headers=HEAD).json()
    assert (page["sentences"], page["agreed"]) == (3, 2)
    assert page["confusion"] == [[1, 0, 0], [1, 0, 0], [0, 0, 1]]
    res = CliRunner().invoke(app, ["annotate", "--summary", "-o", str(tmp_path / "out"), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["confusion"] == page["confusion"]
    res = CliRunner().invoke(app, ["annotate", "--summary", "-o", str(tmp_path / "out")])
    assert res.exit_code == 0 and "agreed with you on 2 of 3 sentences" in res.stdout and "confusion" in res.stdout


def test_two_annotators_folders_compare_with_data_agreement(tmp_path):
    first = Session(hand_reports(), tmp_path / "ann-1", "ann-1")
    second = Session(hand_reports(), tmp_path / "ann-2", "ann-2")
    for (report, index), (a, b) in {("alpha", 0): ("evidence", "evidence"), ("alpha", 1): ("strength", "area_for_improvement"),
                                    ("beta", 0): ("area_for_improvement", "area_for_improvement"), ("beta", 1): ("strength", "strength")}.items():
        first.decide(report, index, a)
        second.decide(report, index, b)
    res = CliRunner().invoke(app, ["data", "agreement", str(tmp_path / "ann-1"), str(tmp_path / "ann-2"), "-f", "json"])
    assert res.exit_code == 0, res.output
    a = json.loads(res.stdout)
    assert (a["n"], a["observed"]) == (4, 0.75)
    assert [(d["a"], d["b"]) for d in a["disagreements"]] == [("strength", "area_for_improvement")]


def test_rule_hints_follow_the_guideline_version():
    hints = rule_hints()
    assert hints["version"] == GUIDELINE_VERSION
    assert [r["n"] for r in hints["rules"]] == list(range(1, 10))
    assert all(0 < len(r["hint"]) <= 80 for r in hints["rules"])


# -- the folder is training and test data ------------------------------------------------------------

def test_the_folder_is_valid_data_for_validate_train_and_evaluate(tmp_path, tiny_model):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "northbrook-review.txt").write_text(REPORT, encoding="utf-8")
    entries, warnings = build_reports([str(reports)], str(tiny_model))
    assert not warnings
    (entry,) = entries
    assert [s.text for s in entry.sentences] == list(HAND_LABELS)  # the segmenter finds the five sentences
    out = tmp_path / "mine"
    session = Session(entries, out, "ann-1", "uncertain")
    c = TestClient(create_app(session, TOKEN))
    runner = CliRunner()
    pos = c.get("/api/state", headers=HEAD).json()["resume"]
    while pos is not None:
        item = c.get("/api/item", params={"pos": pos}, headers=HEAD).json()
        pos = decide(c, item["report"], item["index"], HAND_LABELS[item["text"]])["next"]
        # after every decision the folder is valid input
        res = runner.invoke(app, ["data", "validate", str(out), "--reports", str(reports)])
        assert res.exit_code == 0, res.output
    assert [r["label"] for r in lines(out / "northbrook-review.jsonl")] == list(HAND_LABELS.values())
    cfg = tiny_config(tmp_path / "config.toml", out)
    res = runner.invoke(app, ["train", "--data", str(out), "--config", str(cfg), "--no-cv", "-o", str(tmp_path / "model")])
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "model" / "meta.json").read_text())["sentences"] == 5
    res = runner.invoke(app, ["evaluate", "--test", str(out), "-m", str(tiny_model), "-f", "json"])
    assert res.exit_code == 0, res.output
    m = json.loads(res.stdout)
    assert m["n"] == 5 and m["per_report"] and 0.0 <= m["accuracy"] <= 1.0


# -- the real server process: token in the URL, loopback, a crash, resume ------------------------------

@pytest.mark.slow  # a cold process loads spaCy and scikit-learn (about 10 s here)
def test_the_server_process_survives_a_kill_with_the_folder_valid(tmp_path, tiny_model):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "northbrook-review.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "mine"
    proc = subprocess.Popen([sys.executable, "-c", "from finding_classifier.cli import main; main()", "annotate", str(reports), "-o", str(out),
                             "-m", str(tiny_model), "--no-browser", "--annotator", "ann-2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "?token=" in url, proc.stderr.read() if proc.poll() is not None else url
        base, token = url.split("/?token=")
        head = {TOKEN_HEADER: token}
        with httpx.Client(base_url=base, timeout=10) as h:
            assert h.get("/api/state").status_code == 403
            state = h.get("/api/state", headers=head).json()
            for pos in (state["resume"], state["resume"] + 1):
                item = h.get("/api/item", params={"pos": pos}, headers=head).json()
                r = h.post("/api/decide", json={"report": item["report"], "index": item["index"], "label": HAND_LABELS[item["text"]]}, headers=head)
                assert r.status_code == 200
        proc.send_signal(signal.SIGKILL)  # a crash: no clean-up at all
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()
    assert [r["text"] for r in lines(out / "northbrook-review.jsonl")] == list(HAND_LABELS)[:2]
    res = CliRunner().invoke(app, ["data", "validate", str(out), "--reports", str(reports)])
    assert res.exit_code == 0, res.output
    entries, _ = build_reports([str(reports)], str(tiny_model))  # start again: the lock of the killed process is gone
    with FolderLock(out):
        session = Session(entries, out, "ann-2")
    assert session.progress()["done"] == 2 and session.resume_position() == 2
