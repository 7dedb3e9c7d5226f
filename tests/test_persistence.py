import io
import json
import shutil
import zipfile

import numpy as np
import pytest

from finding_classifier.corpus import read_annotations
from finding_classifier.errors import ModelError
from finding_classifier.model.classification.inputs import inputs_from_records
from finding_classifier.model.persistence import default_model_dir, load_model, save_model, sha256_file
from finding_classifier.schema import MODEL_FILE


@pytest.fixture()
def model_copy(tiny_model, tmp_path):
    dst = tmp_path / "m"
    shutil.copytree(tiny_model, dst)
    return dst


@pytest.fixture(scope="module")
def fitted(tiny_data):
    from finding_classifier.model.classification.estimator import FindingClassifier

    records = read_annotations(tiny_data)
    X = inputs_from_records(records)
    return FindingClassifier(hash_bits=12).fit(X, [r["label"] for r in records]), X


def test_a_saved_model_predicts_what_the_estimator_predicted_before_saving(fitted, tmp_path):
    est, X = fitted
    before = est.predict_proba(X)
    save_model(est, {"labels": ["strength", "area_for_improvement", "evidence"]}, "card", tmp_path / "m")
    loaded, meta = load_model(tmp_path / "m")
    np.testing.assert_allclose(loaded.predict_proba(X), before, rtol=0, atol=1e-9)
    assert list(loaded.classes_) == list(est.classes_)
    assert meta["format_version"] == 2 and meta["model_file"] == MODEL_FILE


def test_a_saved_calibrated_svm_keeps_its_platt_scaling(tiny_data, tmp_path):
    from finding_classifier.model.classification.estimator import FindingClassifier

    records = read_annotations(tiny_data)
    X = inputs_from_records(records)
    est = FindingClassifier(hash_bits=12, learner="svm").fit(X, [r["label"] for r in records])
    save_model(est, {"labels": ["strength", "area_for_improvement", "evidence"]}, "card", tmp_path / "m")
    loaded, _ = load_model(tmp_path / "m")
    assert loaded.platt is not None and loaded.platt.shape == (3, 2)
    np.testing.assert_allclose(loaded.predict_proba(X), est.predict_proba(X), rtol=0, atol=1e-9)


def test_saving_twice_gives_the_same_bytes(fitted, tmp_path):
    est, _ = fitted
    for name in ("a", "b"):
        save_model(est, {"labels": ["strength", "area_for_improvement", "evidence"]}, "card", tmp_path / name)
    assert (tmp_path / "a" / MODEL_FILE).read_bytes() == (tmp_path / "b" / MODEL_FILE).read_bytes()


def test_meta_records_versions(tiny_model):
    _, meta = load_model(tiny_model)
    assert meta["labels"] == ["strength", "area_for_improvement", "evidence"]
    assert {"python", "scikit-learn", "spacy", "finding-classifier"} <= set(meta["versions"])


def test_refuses_to_overwrite_without_force(tiny_model, model_copy):
    model, meta = load_model(model_copy)
    before = (model_copy / MODEL_FILE).read_bytes()
    with pytest.raises(ModelError, match="--force"):
        save_model(model, meta, "card", model_copy)
    assert (model_copy / MODEL_FILE).read_bytes() == before
    save_model(model, dict(meta, note="replaced"), "card", model_copy, force=True)
    assert json.loads((model_copy / "meta.json").read_text())["note"] == "replaced"
    assert not [p for p in model_copy.parent.iterdir() if p.name.startswith(".")]  # no temporary folders left


def test_truncated_model_file_is_refused(model_copy):
    data = (model_copy / MODEL_FILE).read_bytes()
    (model_copy / MODEL_FILE).write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="checksum"):
        load_model(model_copy)


def _reseal(folder):
    meta = json.loads((folder / "meta.json").read_text())
    meta["model_sha256"] = sha256_file(folder / MODEL_FILE)  # an attacker can recompute it
    (folder / "meta.json").write_text(json.dumps(meta))


def test_a_pickled_object_in_the_file_is_never_unpickled(model_copy):
    """A crafted archive with an object array (which only pickle can load) and a matching checksum."""
    path = model_copy / MODEL_FILE
    with zipfile.ZipFile(path) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.array([{"command": "rm -rf /"}], dtype=object), allow_pickle=True)
    entries["intercept.npy"] = buf.getvalue()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in entries.items():
            z.writestr(n, data)
    _reseal(model_copy)
    with pytest.raises(ModelError, match="cannot read model.npz.*allow_pickle=False"):
        load_model(model_copy)


def test_a_model_file_outside_the_folder_is_never_read(model_copy, tmp_path):
    shutil.copy(model_copy / MODEL_FILE, tmp_path / "elsewhere.npz")
    meta = json.loads((model_copy / "meta.json").read_text())
    meta["model_file"] = "../elsewhere.npz"
    (model_copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="must be 'model.npz' in the model folder"):
        load_model(model_copy)


def test_a_model_with_other_cue_features_is_refused(model_copy):
    path = model_copy / MODEL_FILE
    with np.load(path) as z:
        arrays = {k: z[k] for k in z.files}
    spec = json.loads(bytes(arrays["spec"]).decode())
    cues = next(b for b in spec["blocks"] if b["type"] == "cues")
    cues["feature_names"] = cues["feature_names"][:-1]
    arrays["spec"] = np.frombuffer(json.dumps(spec).encode(), dtype=np.uint8)
    from finding_classifier.model.persistence.store import write_arrays

    write_arrays(path, arrays)
    _reseal(model_copy)
    with pytest.raises(ModelError, match="cue features differ from this version's.*retrain"):
        load_model(model_copy)


@pytest.mark.parametrize(
    "breakage, message",
    [
        (lambda d: (d / "meta.json").unlink(), "missing meta.json"),
        (lambda d: (d / "meta.json").write_text("{not json"), "broken meta.json"),
        (lambda d: (d / MODEL_FILE).unlink(), "missing model.npz"),
        (lambda d: (d / "meta.json").write_text(json.dumps(dict(json.loads((d / "meta.json").read_text()), labels=["good", "bad"]))), "label set"),
        (lambda d: (d / "meta.json").write_text(json.dumps(dict(json.loads((d / "meta.json").read_text()), format_version=1))),
         "model folder format 1; this version reads format 2"),
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


def test_shipped_model_is_package_data():
    d = default_model_dir()
    assert (d / "meta.json").is_file() and (d / MODEL_FILE).is_file() and (d / "MODEL_CARD.md").is_file()
