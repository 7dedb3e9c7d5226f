import json
import shutil
import warnings

import pytest
import skops.io as sio

from finding_classifier.corpus import read_annotations
from finding_classifier.errors import ModelError
from finding_classifier.model.classification.features import inputs_from_records
from finding_classifier.model.persistence import default_model_dir, load_model, save_model, sha256_file


class Crafted:
    """A type a model file must never be allowed to bring in."""

    def __init__(self):
        self.command = "rm -rf /"


@pytest.fixture()
def model_copy(tiny_model, tmp_path):
    dst = tmp_path / "m"
    shutil.copytree(tiny_model, dst)
    return dst


def test_round_trip_predicts_the_same(tiny_model, tiny_data):
    est, meta = load_model(tiny_model)
    X = inputs_from_records(read_annotations(tiny_data))
    again, _ = load_model(tiny_model)
    assert (est.predict_proba(X) == again.predict_proba(X)).all()
    assert meta["labels"] == ["strength", "area_for_improvement", "evidence"]
    assert {"python", "scikit-learn", "spacy", "finding-classifier"} <= set(meta["versions"])


def test_refuses_to_overwrite_without_force(tiny_model, model_copy):
    est, meta = load_model(model_copy)
    before = (model_copy / "model.skops").read_bytes()
    with pytest.raises(ModelError, match="--force"):
        save_model(est, meta, "card", model_copy)
    assert (model_copy / "model.skops").read_bytes() == before
    save_model(est, dict(meta, note="replaced"), "card", model_copy, force=True)
    assert json.loads((model_copy / "meta.json").read_text())["note"] == "replaced"
    assert not [p for p in model_copy.parent.iterdir() if p.name.startswith(".")]  # no temporary folders left


def test_truncated_model_file_is_refused(model_copy):
    data = (model_copy / "model.skops").read_bytes()
    (model_copy / "model.skops").write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="checksum"):
        load_model(model_copy)


def test_crafted_file_with_matching_checksum_is_refused(model_copy):
    est, _ = load_model(model_copy)
    est.smuggled_ = Crafted()
    sio.dump(est, model_copy / "model.skops")
    meta = json.loads((model_copy / "meta.json").read_text())
    meta["model_sha256"] = sha256_file(model_copy / "model.skops")  # an attacker can recompute it
    (model_copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="refused to load.*Crafted"):
        load_model(model_copy)


@pytest.mark.parametrize(
    "breakage, message",
    [
        (lambda d: (d / "meta.json").unlink(), "missing meta.json"),
        (lambda d: (d / "meta.json").write_text("{not json"), "broken meta.json"),
        (lambda d: (d / "model.skops").unlink(), "missing model.skops"),
        (lambda d: (d / "meta.json").write_text(json.dumps(dict(json.loads((d / "meta.json").read_text()), labels=["good", "bad"]))), "label set"),
    ],
)
def test_broken_model_folders_fail_clearly(model_copy, breakage, message):
    breakage(model_copy)
    with pytest.raises(ModelError, match=message) as exc:
        load_model(model_copy)
    assert str(model_copy) in str(exc.value)


def test_missing_model_folder(tmp_path):
    with pytest.raises(ModelError, match="no such model folder"):
        load_model(tmp_path / "nowhere")


def test_scikit_learn_version_mismatch_warns(model_copy):
    meta = json.loads((model_copy / "meta.json").read_text())
    meta["versions"]["scikit-learn"] = "0.0.1"
    (model_copy / "meta.json").write_text(json.dumps(meta))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_model(model_copy)
    assert any("scikit-learn 0.0.1" in str(w.message) for w in caught)


def test_shipped_model_is_package_data():
    d = default_model_dir()
    assert (d / "meta.json").is_file() and (d / "model.skops").is_file() and (d / "MODEL_CARD.md").is_file()
