import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from finding_classifier.corpus import read_annotations
from finding_classifier.evaluate.baselines import keyword_rule
from finding_classifier.model.classification.estimator import FindingClassifier
from finding_classifier.model.classification.features import _decisive, build_inputs, inputs_from_records, lexicon_vector, tokens_of, LEXICON_FEATURES
from finding_classifier.schema import LABELS


@pytest.fixture(scope="module")
def tiny_xy(tiny_data):
    records = read_annotations(tiny_data)
    return inputs_from_records(records), [r["label"] for r in records]


def test_estimator_contract(tiny_xy):
    X, y = tiny_xy
    est = FindingClassifier(C=2.0, char_ngrams=False)
    assert est.get_params()["C"] == 2.0
    assert not [k for k in vars(est) if k.endswith("_")]  # nothing learned before fit
    with pytest.raises(NotFittedError):
        est.predict(X)
    fitted = est.fit(X, y)
    assert fitted is est
    assert set(est.classes_) == set(LABELS)
    copy = clone(est)
    assert copy.get_params() == est.get_params() and not hasattr(copy, "model_")


def test_probabilities_and_determinism(tiny_xy):
    X, y = tiny_xy
    a = FindingClassifier(random_state=3).fit(X, y).predict_proba(X)
    b = FindingClassifier(random_state=3).fit(X, y).predict_proba(X)
    assert a.shape == (len(X), 3)
    np.testing.assert_allclose(a.sum(axis=1), 1.0)
    np.testing.assert_array_equal(a, b)


def test_learns_polarity_on_unseen_sentences(tiny_xy):
    X, y = tiny_xy
    est = FindingClassifier().fit(X, y)
    new = build_inputs(
        [tokens_of("Carers told us the service was effective and staff were positive."),
         tokens_of("Reviews were not consistently completed and people waited too long."),
         tokens_of("The panel met in the town hall in 2022.")],
        ["Findings"] * 3, ["r"] * 3)
    assert list(est.predict(new)) == ["strength", "area_for_improvement", "evidence"]


def test_sample_weight_changes_the_model(tiny_xy):
    X, y = tiny_xy
    w = np.where(np.array(y) == "strength", 5.0, 1.0)
    est = FindingClassifier(class_weight=None, C=0.2)
    plain = clone(est).fit(X, y).predict_proba(X)
    weighted = clone(est).fit(X, y, sample_weight=w).predict_proba(X)
    col = list(clone(est).fit(X, y).classes_).index("strength")
    assert weighted[:, col].mean() > plain[:, col].mean()


def test_context_features_see_neighbours_within_a_report_only():
    X = build_inputs([["a"], ["b"], ["c"]], ["s"] * 3, ["r1", "r1", "r2"])
    assert X[0]["prev"] is None and X[0]["next"] == ["b"]
    assert X[1]["next"] is None  # the next sentence belongs to another report
    assert X[2]["prev"] is None


@pytest.mark.parametrize(
    "sentence, decisive_starts",
    [
        ("While significantly below the national target of 95%, this represented an improvement.", "this"),
        ("Feedback was positive, however reviews were often late.", "reviews"),
        ("Some reviews were late, but people felt well supported.", "people"),
        ("Staff were supported.", "staff"),
    ],
)
def test_decisive_clause_follows_rule_3(sentence, decisive_starts):
    dec, _ = _decisive(tokens_of(sentence))
    assert dec[0] == decisive_starts


def test_lexicon_vector_reads_cues():
    def vec(text, section="Findings", block="paragraph"):
        return dict(zip(LEXICON_FEATURES, lexicon_vector({"tokens": tokens_of(text), "section": section, "block": block})))

    assert vec("Outcomes were above the England average.")["up_ref"] == 1.0
    assert vec("Uptake was below the national average.")["down_ref"] == 1.0
    assert vec("The backlog had reduced from 2,166 to 1,689.")["bad_down"] == 1.0
    assert vec("Strengthen the carers' offer.")["imperative"] == 1.0
    assert vec("Practice was not effective.")["neg_pos"] > 0 and vec("Practice was not effective.")["pos"] == 0
    assert vec("The carers' strategy", section="Areas for consideration")["heading_afi"] == 1.0
    assert vec("Access to enablement", section="Summary of strengths")["heading_strength"] == 1.0


@pytest.mark.parametrize(
    "section, text, label",
    [
        ("Findings", "Staff told us the model worked well.", "strength"),
        ("Findings", "Partners told us meetings felt like a tick-box exercise.", "area_for_improvement"),
        ("Findings", "Over 1,000 people live in the town.", "evidence"),
        ("Areas for consideration", "The carers' strategy", "area_for_improvement"),
        ("Recommendations", "Strengthen the relationship between commissioning and frontline services.", "area_for_improvement"),
    ],
)
def test_keyword_rule_baseline(section, text, label):
    assert keyword_rule({"tokens": tokens_of(text), "section": section}) == label
