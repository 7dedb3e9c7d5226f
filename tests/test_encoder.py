"""The accurate model's sentence encoder, on a tiny encoder each test builds in tmp_path (no download)."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from encoder_builders import build_tiny_encoder, reference_forward
from helpers import TINY, tiny_config, write_tiny

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def needs_extra():
    for name in ("onnxruntime", "tokenizers", "onnx", "safetensors"):
        pytest.importorskip(name)


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FINDINGS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FINDINGS_ENCODER", raising=False)


@pytest.fixture(scope="module")
def accurate(tmp_path_factory):
    """A tiny encoder and an accurate model trained on it with `findings train --encoder` (with LORO)."""
    needs_extra()
    import os

    root = tmp_path_factory.mktemp("accurate")
    old = os.environ.get("FINDINGS_CACHE_DIR")
    os.environ["FINDINGS_CACHE_DIR"] = str(root / "cache")
    try:
        folder = build_tiny_encoder(root / "enc")
        return folder, _train_cli(root, folder)
    finally:
        os.environ.pop("FINDINGS_CACHE_DIR") if old is None else os.environ.__setitem__("FINDINGS_CACHE_DIR", old)


def _forget_loaded():
    from finding_classifier import pipeline
    from finding_classifier.model.encoder import runtime

    runtime._LOADED.clear()
    pipeline._NLP.clear()


def records():
    return [{"report": rid, "section": s, "text": t, "label": lab, "weight": 1.0} for rid, rows in TINY.items() for s, t, lab in rows]


@pytest.mark.parametrize("kind", ["bert", "mpnet"])
def test_onnx_graph_matches_a_plain_numpy_forward_pass(tmp_path, kind):
    needs_extra()
    from finding_classifier.model.encoder.runtime import load_encoder

    folder = build_tiny_encoder(tmp_path / kind, kind=kind)
    enc = load_encoder(str(folder))
    batch = enc.tokenizer.encode_batch(["Staff told us the council worked closely with housing.", "Some carers waited."])
    ids = np.array([e.ids for e in batch], dtype=np.int64)
    mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
    assert mask[1].sum() < mask[0].sum()  # the second row is padded
    got = enc.session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask})[0]
    want = reference_forward(folder, ids, mask)
    real = mask.astype(bool)
    assert np.abs(got[real] - want[real]).max() < 1e-4


def test_embeddings_are_unit_length_and_do_not_depend_on_the_batch(tmp_path):
    needs_extra()
    from finding_classifier.model.encoder.runtime import load_encoder

    enc = load_encoder(str(build_tiny_encoder(tmp_path / "enc")))
    short = "Carers waited."
    alone = enc.encode([short], cache=False)
    with_long = enc.encode(["Staff told us that people waited a long time for a review of their care plan.", short], cache=False)
    assert np.allclose(np.linalg.norm(with_long, axis=1), 1.0, atol=1e-5)
    assert np.abs(alone[0] - with_long[1]).max() < 1e-5  # padding in a batch changes nothing
    assert np.abs(with_long[0] - with_long[1]).max() > 1e-3


def test_training_sentences_are_encoded_once_then_read_from_the_disk_cache(tmp_path, monkeypatch):
    needs_extra()
    from finding_classifier.model.encoder import runtime

    enc = runtime.load_encoder(str(build_tiny_encoder(tmp_path / "enc")))
    texts = [t for _, t, _ in TINY["alpha"]]
    first = enc.encode(texts)
    runtime._MEMO.clear()  # a new process: only the disk cache is left
    monkeypatch.setattr(runtime.Encoder, "_run", lambda self, t: pytest.fail("re-encoded a cached sentence"))
    assert np.array_equal(enc.encode(texts), first)
    assert list((tmp_path / "cache" / "embeddings").glob("*/*.npz"))


def test_compiled_model_gives_the_estimators_probabilities_and_survives_saving(tmp_path):
    needs_extra()
    from finding_classifier.model.classification.inputs import inputs_from_records
    from finding_classifier.model.persistence import load_model, save_model
    from finding_classifier.training.config import load_config
    from finding_classifier.training.estimator import fit

    folder = build_tiny_encoder(tmp_path / "enc")
    cfg = load_config(tiny_config(tmp_path / "c.toml", tmp_path, encoder=str(folder), transformer_weight=2.0))
    est = fit(records(), cfg)
    names = est.get_feature_names_out()
    assert sum(n.startswith("encoder__") for n in names) == 16
    X = inputs_from_records(records())
    compiled = est.compile()
    assert np.abs(compiled.predict_proba(X) - est.predict_proba(X)).max() < 1e-9
    out = save_model(est, {"labels": ["strength", "area_for_improvement", "evidence"], "config": cfg}, "card", tmp_path / "m")
    loaded, _ = load_model(out)
    assert loaded.uses_encoder
    assert np.abs(loaded.predict_proba(X) - est.predict_proba(X)).max() < 1e-6


def _train_cli(tmp_path, folder):
    data = write_tiny(tmp_path / "ann")
    cfg = tiny_config(tmp_path / "c.toml", data)
    out = tmp_path / "accurate"
    res = runner.invoke(__import__("finding_classifier.cli", fromlist=["app"]).app,
                        ["train", "--data", str(data), "--config", str(cfg), "--output", str(out), "--encoder", str(folder)])
    assert res.exit_code == 0, res.output
    return out


def test_train_with_encoder_chooses_the_weight_and_stores_the_fast_model_beside(accurate):
    folder, out = accurate
    meta = json.loads((out / "meta.json").read_text())
    assert meta["encoder"]["name"] == str(folder) and meta["encoder"]["dim"] == 16
    assert set(meta["encoder"]["sha256"]) == {"model.safetensors", "tokenizer.json"}
    cv = meta["cross_validation"]
    search = cv["transformer_weight_search"]
    assert set(search["macro_f1"]) == {"0.5", "1.0", "2.0"}
    assert meta["config"]["model"]["transformer_weight"] == search["chosen"]
    assert search["macro_f1"][str(search["chosen"])] == max(search["macro_f1"].values())
    assert set(cv["fast_model"]["per_label_f1"]) == {"strength", "area_for_improvement", "evidence"}
    assert "fast_model" in cv["baselines"]
    card = (out / "MODEL_CARD.md").read_text()
    assert "| leave-one-report-out, same folds | accurate (this model) | fast (no encoder) |" in card
    assert "When to use which" in card
    shown = runner.invoke(__import__("finding_classifier.cli", fromlist=["app"]).app, ["metrics", "--model", str(out)])
    assert shown.exit_code == 0 and "fast (no encoder)" in shown.output


def test_classify_refuses_other_weights_in_one_line(tmp_path, monkeypatch, accurate):
    from finding_classifier.cli import app

    folder, out = accurate
    _forget_loaded()
    report = tmp_path / "r.md"
    report.write_text("# A council\n\n## Key findings\n\nStaff told us the team worked closely with housing.\n", encoding="utf-8")
    ok = runner.invoke(app, ["classify", str(report), "--model", str(out), "-f", "jsonl"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output.splitlines()[0])["label"] in ("strength", "area_for_improvement", "evidence")
    other = build_tiny_encoder(tmp_path / "other", seed=1)  # same files, other weights
    monkeypatch.setenv("FINDINGS_ENCODER", str(other))  # a local folder in place of the recorded name
    _forget_loaded()
    bad = runner.invoke(app, ["classify", str(report), "--model", str(out), "-f", "jsonl"])
    assert bad.exit_code == 1
    lines = [ln for ln in bad.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "model.safetensors" in lines[0] and "different weights" in lines[0], bad.output


def test_a_missing_extra_is_one_line_naming_the_install_command(tmp_path, monkeypatch, accurate):
    from finding_classifier.cli import app

    out = accurate[1]
    _forget_loaded()
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # as if not installed
    report = tmp_path / "r.md"
    report.write_text("# A council\n\n## Key findings\n\nCarers waited months.\n", encoding="utf-8")
    res = runner.invoke(app, ["classify", str(report), "--model", str(out)])
    assert res.exit_code == 1
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and 'pip install ".[encoder]"' in lines[0] and "onnxruntime" in lines[0]


@pytest.mark.slow  # a fresh interpreter loads spaCy and the model
def test_the_fast_model_never_imports_the_encoder_packages(repo_root):
    code = (
        "import sys\n"
        "for m in ('onnxruntime', 'tokenizers', 'onnx', 'safetensors', 'torch', 'sentence_transformers', 'transformers'):\n"
        "    sys.modules[m] = None  # any import of them raises ImportError\n"
        "from finding_classifier.pipeline import classify_inputs\n"
        "res = classify_inputs([sys.argv[1]], 'fast')\n"
        "assert res[0].error is None and len(res[0].report.predictions) > 20, res[0].error\n"
        "print(sorted({p.label for p in res[0].report.predictions}))\n"
    )
    report = repo_root / "data" / "reports" / "wirral-la-learning.txt"
    proc = subprocess.run([sys.executable, "-c", code, str(report)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "strength" in proc.stdout and "evidence" in proc.stdout


def test_jobs_do_not_multiply_the_encoder(tmp_path, monkeypatch, accurate):
    from finding_classifier import pipeline

    out = accurate[1]
    _forget_loaded()
    paths = []
    for i in range(3):
        p = tmp_path / f"r{i}.md"
        p.write_text(f"# Council {i}\n\n## Key findings\n\nStaff told us the team worked well.\n", encoding="utf-8")
        paths.append(str(p))
    monkeypatch.setattr(pipeline, "use_workers", lambda paths, jobs: jobs > 1)  # as if the batch were large
    monkeypatch.setattr(pipeline, "_map_in_workers", lambda *a: pytest.fail("started workers with the encoder"))
    res = pipeline.classify_inputs(paths, str(out), jobs=2)
    assert [r.error for r in res] == [None, None, None]


def test_shipped_model_names_resolve_to_the_package_folders(tmp_path, monkeypatch):
    from finding_classifier.model.persistence import default_model_dir, model_dir_of

    assert model_dir_of("fast") == default_model_dir() == model_dir_of(None)
    assert model_dir_of("accurate").name == "accurate" and model_dir_of("accurate").parent == default_model_dir().parent
    monkeypatch.chdir(tmp_path)
    (tmp_path / "accurate").mkdir()
    assert model_dir_of("accurate") == Path("accurate")  # a folder of that name wins


def test_unknown_encoder_is_one_line(tmp_path):
    needs_extra()
    from finding_classifier.errors import FindingError
    from finding_classifier.model.encoder.runtime import resolve

    (tmp_path / "empty").mkdir()
    with pytest.raises(FindingError, match="not an encoder folder"):
        resolve(str(tmp_path / "empty"))


def test_shipped_accurate_model_is_small_current_and_matches_this_versions_cues(repo_root):
    """Checked without its encoder's weights (which are not in the repository): the folder, its
    checksum, its data hashes, its cue names against this version's, and its record of the encoder."""
    from finding_classifier.corpus import data_hash
    from finding_classifier.model.classification import cues
    from finding_classifier.model.persistence import model_dir_of, read_meta, verify_file
    from finding_classifier.model.persistence.store import SPEC_ENTRY

    folder = model_dir_of("accurate")
    meta = read_meta(folder)
    path = verify_file(folder, meta)
    assert sorted(p.name for p in folder.iterdir()) == ["MODEL_CARD.md", "meta.json", "model.npz"]
    assert sum(p.stat().st_size for p in folder.iterdir()) < 20_000_000  # the head only, no encoder weights
    hashes = {s["name"]: s["sha256"] for s in meta["sources"]}
    assert hashes["reports"] == data_hash(repo_root / "data" / "annotations")
    assert hashes["bank"] == data_hash(repo_root / "data" / "bank")
    with np.load(path, allow_pickle=False) as z:
        spec = json.loads(bytes(z[SPEC_ENTRY]).decode("utf-8"))
    blocks = {b["name"]: b for b in spec["blocks"]}
    assert tuple(blocks["cues"]["feature_names"]) == tuple(cues.CUE_FEATURES)
    enc = blocks["encoder"]["encoder"]
    assert enc == meta["encoder"] and set(enc["sha256"]) == {"model.safetensors", "tokenizer.json"}
    assert meta["config"]["model"]["encoder"] == enc["name"]
    cv = meta["cross_validation"]
    assert cv["fast_model"]["n"] == cv["n"] and "transformer_weight_search" in cv
