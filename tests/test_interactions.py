"""The cue-by-word interaction block: hashed words per active gating cue, in scikit-learn and NumPy."""
import math

import mmh3
import numpy as np
import pytest

from finding_classifier.corpus import read_annotations
from finding_classifier.errors import FindingError
from finding_classifier.evaluate.metrics import paired_bootstrap
from finding_classifier.model.classification.cues import CUE_FEATURES
from finding_classifier.model.classification.estimator import FindingClassifier
from finding_classifier.model.classification.inputs import inputs_from_records
from finding_classifier.model.classification.interactions import InteractionBlock, InteractionHasher, cue_seed
from finding_classifier.model.classification.transformers import CueInteractions
from finding_classifier.model.persistence import load_model, save_model
from finding_classifier.training.config import load_config

N = 2**10


def cue_row(**on) -> np.ndarray:
    """A row of the guideline cue matrix with the named cues set by hand, every other cue 0."""
    row = np.zeros(len(CUE_FEATURES))
    for name, v in on.items():
        row[CUE_FEATURES.index(name)] = v
    return row


def col(word: str, cue: str, n: int = N) -> int:
    return mmh3.hash(word, cue_seed(cue), signed=False) % n


def test_the_block_is_empty_when_no_gating_cue_is_active():
    h = InteractionHasher(("need", "plan"), N)
    # the sentence has other cues (pos, contrast) but neither gating cue
    indptr, cols, vals = h.rows(["staff were kind"], np.array([cue_row(pos=1.0, contrast=1.0)]))
    assert indptr.tolist() == [0, 0] and len(cols) == 0 and len(vals) == 0


def test_an_active_cue_hashes_each_word_with_its_count_over_the_row_norm():
    h = InteractionHasher(("need", "plan"), N)
    docs = ["care care good", "nothing here", "more staff needed"]
    gates = np.array([cue_row(need=1.0), cue_row(), cue_row(plan=0.5)])
    indptr, cols, vals = h.rows(docs, gates)
    assert indptr.tolist() == [0, 2, 2, 5]  # the middle sentence has no gating cue
    first = dict(zip(cols[:2].tolist(), vals[:2].tolist()))
    assert first == pytest.approx({col("care", "need"): 2 / math.sqrt(5), col("good", "need"): 1 / math.sqrt(5)})
    third = dict(zip(cols[2:].tolist(), vals[2:].tolist()))  # three words once each: 1/sqrt(3), times the cue's 0.5
    assert third == pytest.approx({col(w, "plan"): 0.5 / math.sqrt(3) for w in ("more", "staff", "needed")})


def test_each_cue_has_its_own_seed_and_two_active_cues_give_two_columns_per_word():
    assert cue_seed("need") != cue_seed("plan")
    h = InteractionHasher(("need", "plan"), 2**16)
    indptr, cols, vals = h.rows(["improve"], np.array([cue_row(need=1.0, plan=1.0)]))
    assert sorted(cols.tolist()) == sorted([col("improve", "need", 2**16), col("improve", "plan", 2**16)])
    assert len(set(cols.tolist())) == 2 and vals.tolist() == [1.0, 1.0]


def test_hashing_is_deterministic_across_hashers():
    gates = np.array([cue_row(contrast=1.0), cue_row(negation=1.0)])
    docs = ["however the backlog grew", "the team did not review plans"]
    a = InteractionHasher(("contrast", "negation"), N).rows(docs, gates)
    b = InteractionHasher(("contrast", "negation"), N).rows(docs, gates)
    for x, y in zip(a, b):
        assert x.tolist() == y.tolist()


def test_unknown_or_repeated_gating_cues_are_refused_in_one_line():
    with pytest.raises(ValueError, match="unknown cue") as exc:
        InteractionHasher(("need", "sparkle"), N)
    assert "\n" not in str(exc.value)
    with pytest.raises(ValueError, match="twice"):
        InteractionHasher(("need", "need"), N)


def test_the_transformer_and_the_compiled_block_give_the_same_rows(tiny_data):
    X = inputs_from_records(read_annotations(tiny_data))
    cues = ("negation", "reporting", "has_number")
    m = CueInteractions(cues, N).fit(X).transform(X)
    assert m.nnz > 0 and (m.getnnz(axis=1) == 0).any()  # some sentences have a gating cue, some none
    indptr, cols, vals = InteractionBlock("interactions", cues, N).sparse(X)
    dense = np.zeros((len(X), N))
    np.add.at(dense, (np.repeat(np.arange(len(X)), np.diff(indptr)), cols), vals)
    np.testing.assert_allclose(m.toarray(), dense, rtol=0, atol=1e-12)


@pytest.fixture(scope="module")
def fitted(tiny_data):
    records = read_annotations(tiny_data)
    X = inputs_from_records(records)
    y = [r["label"] for r in records]
    est = FindingClassifier(hash_bits=10, interactions=True, interaction_bits=10).fit(X, y)
    return est, X, y


def test_the_numpy_model_gives_the_estimators_probabilities(fitted):
    est, X, y = fitted
    model = est.compile()
    block = [b for b in model.blocks if isinstance(b, InteractionBlock)]
    assert len(block) == 1 and block[0].width == N
    # the block's columns were learned (non-zero weights) and change the scores
    assert np.abs(model.coef[:, block[0].offset : block[0].offset + N]).max() > 0
    without = FindingClassifier(hash_bits=10).fit(X, y)
    assert np.abs(without.predict_proba(X) - est.predict_proba(X)).max() > 1e-4
    np.testing.assert_allclose(model.predict_proba(X), est.predict_proba(X), rtol=0, atol=1e-9)
    names = [c.feature for c in model.explain(X[0], top=500) if c.block == "interactions"]
    assert all("*" in n for n in names)


def test_a_saved_model_with_interactions_predicts_what_the_estimator_did(fitted, tmp_path):
    est, X, _ = fitted
    before = est.predict_proba(X)
    save_model(est, {"labels": ["strength", "area_for_improvement", "evidence"]}, "card", tmp_path / "m")
    loaded, _ = load_model(tmp_path / "m")
    block = [b for b in loaded.blocks if isinstance(b, InteractionBlock)]
    assert len(block) == 1 and block[0].cues == tuple(est.interaction_cues)
    np.testing.assert_allclose(loaded.predict_proba(X), before, rtol=0, atol=1e-9)


@pytest.mark.parametrize(
    "line, message",
    [
        ("interaction_bits = 30", "'interaction_bits' parameter of FindingClassifier must be an int in the range [8, 22]"),
        ('interaction_cues = ["need", "sparkle"]', "unknown cue(s) 'sparkle'"),
        ("interaction_bits = \"18\"", "interaction_bits = '18' must be int"),
    ],
)
def test_bad_interaction_settings_are_one_line_config_errors(tmp_path, line, message):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[model]\ninteractions = true\n" + line + "\n", encoding="utf-8")
    with pytest.raises(FindingError) as exc:
        load_config(cfg)
    assert message in str(exc.value) and "\n" not in str(exc.value)


def test_the_paired_bootstrap_of_two_predictions():
    gold = ["strength", "evidence", "area_for_improvement", "evidence"] * 5
    worse = ["strength", "strength", "area_for_improvement", "evidence"] * 5  # one in four wrong
    same = paired_bootstrap(gold, worse, worse, n=200, seed=3)
    assert same["delta"] == 0 and same["ci95"] == [0.0, 0.0]
    better = paired_bootstrap(gold, worse, gold, n=200, seed=3)
    # worse: strength P 1/2 R 1 -> F1 2/3; evidence P 1 R 1/2 -> 2/3; afi 1: macro 7/9; gold: 1
    assert better["delta"] == pytest.approx(1 - 7 / 9)
    assert better["ci95"][0] > 0 and better["p_not_better"] == 0.0
    assert paired_bootstrap(gold, worse, gold, n=200, seed=3) == better  # seeded


def test_interaction_weight_scales_the_block_in_both_forms(tiny_data):
    records = read_annotations(tiny_data)
    X = inputs_from_records(records)
    est = FindingClassifier(hash_bits=10, interactions=True, interaction_bits=10, interaction_weight=0.5).fit(X, [r["label"] for r in records])
    model = est.compile()
    block = [b for b in model.blocks if isinstance(b, InteractionBlock)][0]
    assert block.weight == 0.5
    full = InteractionBlock("interactions", block.cues, N).sparse(X)[2]
    np.testing.assert_allclose(block.sparse(X)[2], 0.5 * full, rtol=0, atol=1e-15)
    np.testing.assert_allclose(model.predict_proba(X), est.predict_proba(X), rtol=0, atol=1e-9)
