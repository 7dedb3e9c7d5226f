"""The shipped default model: present, current with the data, and reproducible from `findings train`."""

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


def test_shipped_model_carries_the_suite_pass_rates_it_scores(meta):
    # the figures in meta.json and the card are what `findings evaluate --suite` measures today
    from finding_classifier.evaluate.behaviour import run_suite, summary

    est, _ = load_model()
    assert meta["suite"] == summary(run_suite(est.proba))


def test_load_returns_a_pipeline_that_labels_sentences():
    import finding_classifier
    from finding_classifier.model.classification.inputs import inputs_from_records

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


def test_the_pipeline_saved_with_to_disk_loads_anywhere_with_its_classifier(tmp_path, monkeypatch):
    """nlp.to_disk() writes the classifier into the pipeline folder; spacy.load() of that folder, from
    another working directory, labels as the original did."""
    import spacy

    import finding_classifier

    text = "Key findings\n\nStaff told us they felt well supported. Reviews were often late.\n"
    nlp = finding_classifier.load()
    doc = nlp(text)
    expected = [(s.text, s._.label, s._.probs) for s in doc.spans["sentences"]]
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "finding_classifier" / "model.npz").is_file()
    monkeypatch.chdir(tmp_path / "pipeline" / "finding_classifier")  # a relative model path would now break
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == ["report_segmenter", "finding_classifier"]
    doc = again(text)
    assert [(s.text, s._.label, s._.probs) for s in doc.spans["sentences"]] == expected


def test_creating_the_component_reads_no_file(tmp_path):
    """No file I/O in __init__: a missing model folder is only an error when the model is needed."""
    from finding_classifier.errors import ModelError
    from finding_classifier.model.sentences import make_nlp

    nlp = make_nlp()
    pipe = nlp.add_pipe("finding_classifier", config={"model": str(tmp_path / "not-yet-trained")})
    assert pipe.model is None
    meta = nlp.get_pipe_meta("finding_classifier")
    assert set(meta.assigns) == {"span._.label", "span._.probs"}
    with pytest.raises(ModelError, match="no such model folder"):
        nlp("Key findings\n\nStaff were positive.\n")


@pytest.mark.slow
def test_findings_train_reproduces_the_shipped_model(tmp_path, repo_root, monkeypatch):
    """Same data + config + seed: the same model (file and predictions).

    The fit alone, without the leave-one-report-out run that took most of CI's time: that the same
    data, config and seed also give the same figures is checked on tiny data
    (test_same_data_config_and_seed_give_the_same_model)."""
    import numpy as np

    from finding_classifier.corpus import read_annotations
    from finding_classifier.model.classification.inputs import inputs_from_records
    from finding_classifier.training.train import train

    monkeypatch.chdir(repo_root)
    out = tmp_path / "model"
    train(output=out)
    meta = read_meta(out)
    shipped_meta = read_meta(default_model_dir())
    assert meta["sources"] == shipped_meta["sources"] and meta["config"] == shipped_meta["config"]
    if meta["model_sha256"] != shipped_meta["model_sha256"]:
        print("model file differs byte for byte (another CPU's rounding?); comparing predictions")
    X = inputs_from_records(read_annotations(repo_root / "data" / "annotations"))
    new, _ = load_model(out)
    shipped, _ = load_model()
    # Identical to the last bit on the machine that trained it (the fit runs on one BLAS thread);
    # another CPU's vector kernels may round differently, so the test asks for equal predictions.
    np.testing.assert_allclose(new.predict_proba(X), shipped.predict_proba(X), rtol=0, atol=1e-9)
    assert list(new.predict(X)) == list(shipped.predict(X))
