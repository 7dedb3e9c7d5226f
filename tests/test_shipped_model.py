"""The shipped default model: present, current with the data, and reproducible from `findings train`."""
import json

import pytest

from finding_classifier.corpus import data_hash
from finding_classifier.model.persistence import default_model_dir, load_model, read_meta
from finding_classifier.training.config import load_config


@pytest.fixture(scope="module")
def meta():
    return read_meta(default_model_dir())


def test_shipped_model_is_current_with_the_data(meta, repo_root):
    hashes = {s["name"]: s["sha256"] for s in meta["sources"]}
    assert hashes["reports"] == data_hash(repo_root / "data" / "annotations")
    assert hashes["bank"] == data_hash(repo_root / "data" / "bank")
    assert meta["data_sha256"] == hashes["reports"]


def test_shipped_model_uses_the_committed_config(meta):
    assert meta["config"] == load_config()


def test_shipped_model_carries_its_cross_validated_figures(meta):
    cv = meta["cross_validation"]
    assert cv["mode"] == "leave-one-report-out"
    assert cv["n"] == sum(s["sentences"] for s in meta["sources"] if s["held_out"])
    context_reference = "no_context" if meta["config"]["model"]["context"] else "with_context"
    assert {"majority", "keyword_rules", context_reference} <= set(cv["baselines"])
    assert cv["macro_f1"] > cv["baselines"]["majority"]["macro_f1"]


def test_load_returns_a_pipeline_that_labels_sentences():
    import finding_classifier
    from finding_classifier.model.classification.features import inputs_from_records

    nlp = finding_classifier.load()
    doc = nlp("Key findings\n\nStaff told us they felt well supported and training was good. "
              "The panel met four times in 2023.\n\n- Strengthen oversight of the budget\n")
    spans = list(doc.spans["sentences"])
    assert [s.text for s in spans] == ["Staff told us they felt well supported and training was good.",
                                       "The panel met four times in 2023.", "Strengthen oversight of the budget"]
    assert spans[0]._.label == "strength"
    # the component gives what the estimator gives for the same sentences in the same order
    est, _ = load_model()
    records = [{"report": "r", "section": s._.section, "text": s.text, "block": s._.block} for s in spans]
    proba = est.predict_proba(inputs_from_records(records))
    for span, row in zip(spans, proba):
        assert span._.probs == pytest.approx(dict(zip(est.classes_, row)))
        assert span._.label == max(span._.probs, key=span._.probs.get)


def test_factory_is_registered_with_spacy():
    import spacy

    from finding_classifier.model.sentences import make_nlp

    nlp = make_nlp()
    nlp.add_pipe("finding_classifier", config={"model": str(default_model_dir())})
    assert nlp.pipe_names == ["report_segmenter", "finding_classifier"]
    assert "finding_classifier" in spacy.registry.factories.get_all() or "finding_classifier" in spacy.util.registry._entry_point_factories.get_all()


@pytest.mark.slow
def test_findings_train_reproduces_the_shipped_model(tmp_path, repo_root, monkeypatch):
    """Same data + config + seed: the same model (file and predictions) and the same figures."""
    import numpy as np

    from finding_classifier.corpus import read_annotations
    from finding_classifier.model.classification.features import inputs_from_records
    from finding_classifier.evaluate.crossval import for_training
    from finding_classifier.training.train import train

    monkeypatch.chdir(repo_root)
    out = tmp_path / "model"
    meta = train(output=out, cross_validation=for_training())
    shipped_meta = read_meta(default_model_dir())
    assert meta["cross_validation"] == json.loads(json.dumps(shipped_meta["cross_validation"]))
    X = inputs_from_records(read_annotations(repo_root / "data" / "annotations"))
    new, _ = load_model(out)
    shipped, _ = load_model()
    # Identical to the last bit on the machine that trained it (the fit runs on one BLAS thread);
    # another CPU's vector kernels may round differently, so the test asks for equal predictions.
    np.testing.assert_allclose(new.predict_proba(X), shipped.predict_proba(X), rtol=0, atol=1e-9)
    assert list(new.predict(X)) == list(shipped.predict(X))
