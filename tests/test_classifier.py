import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from finding_classifier.corpus import read_annotations
from finding_classifier.evaluate.baselines import keyword_rule
from finding_classifier.model.classification.estimator import FindingClassifier
from finding_classifier.model.classification.cues import CUE_FEATURES, _decisive, lexicon_vector
from finding_classifier.model.classification.inputs import build_inputs, inputs_from_records, tokens_of
from finding_classifier.schema import LABELS


@pytest.fixture(scope="module")
def tiny_xy(tiny_data):
    records = read_annotations(tiny_data)
    return inputs_from_records(records), [r["label"] for r in records]


def small(**kw):
    """Unit tests hash into 2**12 columns: the same code, a fraction of the memory and time."""
    return FindingClassifier(**dict({"hash_bits": 12}, **kw))


def test_estimator_contract(tiny_xy):
    X, y = tiny_xy
    est = small(C=2.0, char_ngrams=False)
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
    a = small(random_state=3).fit(X, y).predict_proba(X)
    b = small(random_state=3).fit(X, y).predict_proba(X)
    assert a.shape == (len(X), 3)
    np.testing.assert_allclose(a.sum(axis=1), 1.0)
    np.testing.assert_array_equal(a, b)


def test_learns_polarity_on_unseen_sentences(tiny_xy):
    X, y = tiny_xy
    est = small().fit(X, y)
    new = build_inputs(
        [tokens_of("Carers told us the service was effective and staff were positive."),
         tokens_of("Reviews were not consistently completed and people waited too long."),
         tokens_of("The panel met in the town hall in 2022.")],
        ["Findings"] * 3, ["r"] * 3)
    assert list(est.predict(new)) == ["strength", "area_for_improvement", "evidence"]


def test_sample_weight_changes_the_model(tiny_xy):
    X, y = tiny_xy
    w = np.where(np.array(y) == "strength", 5.0, 1.0)
    est = small(class_weight=None, C=0.2)
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
        return dict(zip(CUE_FEATURES, lexicon_vector({"tokens": tokens_of(text), "section": section, "block": block})))

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


# ------------------------------------------------------------------ parameters, tags, composition
@pytest.mark.parametrize(
    "params, message",
    [
        ({"C": -1}, "'C' parameter of FindingClassifier must be a float in the range (0.0, inf)"),
        ({"hash_bits": 40}, "'hash_bits' parameter of FindingClassifier must be an int in the range [8, 22]"),
        ({"char_ngram_min": 5, "char_ngram_max": 3}, "char_ngram_min (5) must not exceed char_ngram_max (3)"),
        ({"words": False, "char_ngrams": False, "section": False, "lexicon": False}, "every feature block is off"),
        ({"class_weight": "heavy"}, "'class_weight' parameter"),
        ({"context_words": True}, "context_words needs context = true"),
    ],
)
def test_bad_parameters_fail_in_fit_with_one_line(tiny_xy, params, message):
    X, y = tiny_xy
    with pytest.raises(ValueError) as exc:
        small(**params).fit(X, y)
    assert message in str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.parametrize("labels, message", [(["good", "bad"], "unknown label(s) 'bad', 'good'"), (["evidence"], "only the label 'evidence'")])
def test_labels_outside_the_guideline_are_refused(tiny_xy, labels, message):
    X, _ = tiny_xy
    y = [labels[i % len(labels)] for i in range(len(X))]
    with pytest.raises(ValueError) as exc:
        small().fit(X, y)
    assert message in str(exc.value)


def test_tags_declare_dict_inputs_and_the_api_checks_pass():
    from sklearn.utils import get_tags
    from sklearn.utils.estimator_checks import (check_estimator_cloneable, check_estimator_repr, check_get_params_invariance,
                                                check_no_attributes_set_in_init, check_parameters_default_constructible,
                                                check_set_params, check_valid_tag_types)

    est = FindingClassifier()
    tags = get_tags(est)
    assert tags.input_tags.dict and not tags.input_tags.two_d_array and tags.estimator_type == "classifier"
    # the checks that apply to an estimator of non-array input: the parameter and API contract
    for check in (check_estimator_cloneable, check_estimator_repr, check_no_attributes_set_in_init,
                  check_parameters_default_constructible, check_get_params_invariance, check_set_params, check_valid_tag_types):
        check("FindingClassifier", est)


def test_the_union_names_its_features_and_drops_switched_off_blocks(tiny_xy):
    X, y = tiny_xy
    est = small(char_ngrams=False).fit(X, y)
    names = list(est.get_feature_names_out())
    assert len(names) == est.n_features_out_
    assert [n for n in names if n.startswith("cues__")] == ["cues__" + c for c in CUE_FEATURES]
    assert not [n for n in names if n.startswith("chars__")]
    assert dict(est.features_.transformer_list)["chars"] == "drop"
    assert any(n.startswith("section__") for n in names)


# ------------------------------------------------------------------ the compiled model
def test_hashed_ngrams_equal_scikit_learns_hashing_vectorizer(tiny_xy):
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import HashingVectorizer

    from finding_classifier.model.classification.hashing import NgramHasher

    X, _ = tiny_xy
    texts = [" ".join(x["tokens"]) for x in X] + ["", "a", "co-production 10\u2009000 caf\u00e9s", "  spaced   out  "]
    for analyzer, rng in (("word", (1, 2)), ("word", (2, 3)), ("char_wb", (3, 5)), ("char_wb", (1, 2))):
        ref = HashingVectorizer(analyzer=analyzer, token_pattern=r"[^ ]+", lowercase=False, ngram_range=rng, n_features=2**10,
                                alternate_sign=False, norm=None, dtype=np.float64).transform(texts)
        for _ in range(2):  # cold, then from the token cache
            indptr, cols, counts = NgramHasher(analyzer, rng, 2**10).counts(texts)
            mine = sp.csr_matrix((counts, cols, indptr), shape=ref.shape)
            assert abs(mine - ref).sum() == 0, (analyzer, rng)


@pytest.mark.parametrize("params", [{}, {"context": True, "context_words": True}, {"section": False, "words": False}, {"learner": "svm"}, {"decisive_words": True}])
def test_compiled_model_gives_the_estimators_probabilities(tiny_xy, params):
    X, y = tiny_xy
    est = small(**params).fit(X, y)
    lm = est.compile()
    np.testing.assert_allclose(lm.predict_proba(X), est.predict_proba(X), rtol=0, atol=1e-9)
    assert list(lm.predict(X)) == list(est.predict(X))
    assert lm.uses_context == bool(params.get("context"))


def test_compiled_model_of_two_labels_matches_the_sigmoid(tiny_xy):
    X, y = tiny_xy
    keep = [i for i, lab in enumerate(y) if lab != "evidence"]
    X2, y2 = [X[i] for i in keep], [y[i] for i in keep]
    est = small().fit(X2, y2)
    np.testing.assert_allclose(est.compile().predict_proba(X2), est.predict_proba(X2), rtol=0, atol=1e-9)
    assert est.compile().proba(X2)[:, LABELS.index("evidence")].max() == 0.0


def test_explain_names_the_features_that_decided(tiny_xy):
    X, y = tiny_xy
    lm = small().fit(X, y).compile()
    inp = build_inputs([tokens_of("Partners described leadership as strong and effective.")], ["Summary"], ["r"])[0]
    top = lm.explain(inp, top=5)
    assert len(top) == 5
    names = [c.feature for c in top]
    assert all(isinstance(n, str) and "#" not in n for n in names)  # n-grams, cue names, section words: no bare columns
    assert set(top[0].contributions) == set(LABELS)


# ------------------------------------------------------------------ issue 13: cues that follow the rules
def _cues(text, section="Findings"):
    return dict(zip(CUE_FEATURES, lexicon_vector({"tokens": tokens_of(text), "section": section, "block": "paragraph"})))


@pytest.mark.parametrize(
    "sentence, decisive_starts, concession",
    [
        # rule 3: a concession is background wherever it stands
        ("Despite concerns in this area, the local authority was committed to developing co-production.", "the", True),
        ("The team had cleared its waiting list by May, although two posts were vacant.", "the", True),
        ("However, carers told us the new respite service worked well.", "carers", False),
        ("Most reviews were on time, while a few teams were behind.", "a", False),
    ],
)
def test_decisive_clause_with_concession_or_contrast_anywhere(sentence, decisive_starts, concession):
    dec, conceded = _decisive(tokens_of(sentence))
    assert dec[0] == decisive_starts and conceded is concession
    if "although" in sentence:
        assert "vacant" not in dec  # the trailing concession is set aside


def test_rule_cues_read_grading_results_aims_and_delay():
    assert _cues("The team worked closely with housing colleagues.")["graded"] == 1.0
    assert _cues("The team worked with housing colleagues.")["graded"] == 0.0
    assert _cues("The team did not work closely with housing colleagues.")["graded"] == 0.0
    assert _cues("Carers could easily find advice online.")["graded"] == 1.0
    assert _cues("Audits were repeated monthly, which meant fewer missed visits.")["result"] == 1.0
    aim = _cues("The strategy set out the council's aim to reduce loneliness.")
    assert aim["aim"] == 1.0 and aim["aim_no_result"] == 1.0 and aim["graded"] == 0.0
    assert _cues("Some carers waited several months for a review.")["wait_duration"] == 1.0
    assert _cues("Some carers waited for a review.")["wait_duration"] == 0.0
    assert _cues("Families described calling the service several times before anyone answered.")["delay"] == 1.0
    assert _cues("The team did not have a quality framework in place.")["delay"] == 1.0


def test_rule_cues_read_concession_contrast_and_reported_speech():
    assert _cues("Despite concerns in this area, the council was committed to developing co-production.")["concession_neutral_main"] == 1.0
    assert _cues("Despite concerns in this area, the council had an effective co-production board.")["concession_neutral_main"] == 0.0
    start = _cues("However, feedback from carers was positive.")
    assert start["contrast_start"] == 1.0 and start["contrast_start_pos"] == 1.0
    assert _cues("However, reviews were often late.")["contrast_start_pos"] == 0.0
    told_good, told_bad = _cues("Staff told us the duty system worked well."), _cues("People told us they had to chase their worker for news.")
    assert told_good["reported_pos"] > 0 and told_good["reported_neg"] == 0
    assert told_bad["reported_neg"] > 0 and told_bad["reported_pos"] == 0
    neutral = _cues("Staff told us about the weekly practice forum.")
    assert neutral["reported_pos"] == neutral["reported_neg"] == 0 and neutral["dec_neutral"] == 1.0
