"""The fast paths of classification give what a straightforward computation gives.

Issue 11's speed work must not change a label or a probability. Each fast path is checked here
against a plain reference written in the test (every entry of every feature block added to its
sentence's scores one by one, each block computed on its own), on the shared reports and on small inputs made here.
"""
from pathlib import Path

import numpy as np
import pytest

from finding_classifier.model.classification.hashing import merge_rows
from finding_classifier.model.classification.inputs import build_inputs, tokens_of
from finding_classifier.model.classification.linear import HashedBlock, block_text
from finding_classifier.model.persistence import load_model

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


@pytest.fixture(scope="module")
def model():
    return load_model()[0]


def reference_scores(model, inputs) -> np.ndarray:
    """Intercept plus, for every block computed alone, each entry's value times its coefficients, added to its row."""
    scores = np.tile(model.intercept, (len(inputs), 1))
    for b in model.blocks:
        if hasattr(b, "dense"):
            scores += b.dense(inputs) @ model.coef[:, b.offset : b.offset + b.width].T
            continue
        indptr, cols, vals = b.sparse(inputs)  # no counts shared with another block
        rows = np.repeat(np.arange(len(inputs)), np.diff(indptr))
        np.add.at(scores, rows, (model.coef[:, b.offset + cols] * vals).T)  # entry by entry, unbuffered
    return scores


def invented_inputs():
    sentences = [
        "Staff told us they felt well supported, however waiting lists had grown.",
        "Although partnership work was strong, co-production was not yet embedded.",
        "The council had a well-led, well-resourced team.",
        "Leaders acted on feedback; but carers said they were not always listened to.",
        "",  # a sentence with no tokens at all
        "However, the plan was clear.",
        "Data was good.",
    ]
    toks = [tokens_of(s) for s in sentences]
    return build_inputs(toks, ["Key findings"] * len(toks), ["r"] * 3 + ["s"] * (len(toks) - 3),
                        ["paragraph"] * len(toks))


def report_inputs():
    from finding_classifier.model.classification.component import load
    from finding_classifier.model.classification.inputs import inputs_from_doc

    nlp = load()
    out = []
    for path in sorted(REPORTS.glob("*.txt")):
        doc = nlp.get_pipe("report_segmenter")(nlp.tokenizer(path.read_text(encoding="utf-8")))
        out += inputs_from_doc(doc)
    return out


def test_merge_rows_takes_each_row_from_where_it_is_kept():
    kept = (np.array([0, 2, 2, 3]), np.array([1, 5, 7]), np.array([1.0, 2.0, 3.0]))  # rows: {1,5}, {}, {7}
    fresh = (np.array([0, 1, 1]), np.array([4]), np.array([9.0]))  # rows: {4}, {}
    indptr, cols, vals = merge_rows(np.array([False, True, False]), kept, fresh)
    assert indptr.tolist() == [0, 1, 1, 1]
    assert cols.tolist() == [4]
    assert vals.tolist() == [9.0]
    indptr, cols, vals = merge_rows(np.array([True, False, True]), kept, (np.array([0, 1]), np.array([4]), np.array([9.0])))
    assert indptr.tolist() == [0, 2, 3, 4]
    assert cols.tolist() == [1, 5, 4, 7]
    assert vals.tolist() == [1.0, 2.0, 9.0, 3.0]


def test_decisive_block_sharing_counts_gives_its_own_rows(model):
    inputs = invented_inputs()
    decisive = [b for b in model.blocks if isinstance(b, HashedBlock) and b.source == "decisive"]
    words = [b for b in model.blocks if isinstance(b, HashedBlock) and b.source == "tokens" and b.analyzer == "word"]
    assert decisive and words, "the shipped model has a words and a decisive_words block"
    # the invented sentences have rows that are cut (a contrast, a concession, hyphens) and rows that are not
    assert {block_text(x, "decisive") == block_text(x, "tokens") for x in inputs} == {True, False}
    shared: dict = {}
    words[0].sparse(inputs, shared)
    got = decisive[0].sparse(inputs, shared)
    alone = decisive[0].sparse(inputs)
    assert got[0].tolist() == alone[0].tolist() and got[1].tolist() == alone[1].tolist()
    np.testing.assert_allclose(got[2], alone[2], rtol=0, atol=1e-12)


@pytest.mark.parametrize("which", ["invented", "one sentence", "shared reports"])
def test_scores_equal_the_plain_reference(model, which):
    inputs = {"invented": invented_inputs, "one sentence": lambda: invented_inputs()[:1], "shared reports": report_inputs}[which]()
    np.testing.assert_allclose(model.decision_function(inputs), reference_scores(model, inputs), rtol=0, atol=1e-9)


def test_kind_features_read_lazily_are_the_line_models_full_row():
    from finding_classifier.model.structure import features as F
    from finding_classifier.model.structure.lines import split_lines

    lines = split_lines("Key Findings For Carers\n\nThe Team met Staff; leaders were visible.\n\n- Housing\n")
    ctx = F.Context(lines)
    views = [F.BlockView(ctx, 0, 1), F.BlockView(ctx, 1, 2), F.BlockView(ctx, 2, 3)]
    f = F.kind_features(ctx, views, 1, "heading")
    # read in an order of its own, one by one, before the whole row exists
    assert f["prev_heading"] == 1.0 and f["prev_item"] == 0.0
    assert f["n_words"] == 7.0 and f["terminal"] == 1.0 and f["first_upper"] == 1.0
    assert f["next_marker"] == 1.0 and f["next_short"] == 1.0 and f["prev_short"] == 1.0
    assert f["title_share"] == pytest.approx(2 / 5)  # of "Team", "Staff;", "leaders", "were", "visible." ("The" is short)
    assert dict(f) == dict(zip(F.KIND_BASE, F.kind_base(ctx, views, 1, "heading")))
    assert len(F.kind_base(ctx, views, 0, "")) == len(F.KIND_BASE)


@pytest.mark.parametrize("sublinear", [True, False])
def test_tfidf_rows_equal_scikit_learns_transformer(sublinear):
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfTransformer

    from finding_classifier.model.classification.hashing import tfidf_rows

    # rows: two entries, none, one, three (an empty row in the middle and counts above one)
    counts = sp.csr_matrix((np.array([1.0, 3.0, 2.0, 1.0, 1.0, 4.0]), np.array([0, 4, 2, 1, 3, 4]), np.array([0, 2, 2, 3, 6])), shape=(4, 5))
    ref = TfidfTransformer(sublinear_tf=sublinear).fit(counts)
    got = tfidf_rows(counts.indptr, counts.indices, counts.data, ref.idf_, sublinear)
    np.testing.assert_allclose(got, ref.transform(counts).data, rtol=0, atol=1e-12)


def cue_sentences():
    """Sentences that reach each rule the flag path skips when its trigger words are absent."""
    sentences = [
        "People waited several months for an assessment, which was not good.",  # wait with duration, negation
        "Carers told us that staff were not always helpful and support was poor.",  # reported speech, negated positive
        "Despite pressures, the team worked closely with partners, which meant waits had reduced.",  # concession, result
        "The council aimed to improve outcomes so that people were supported.",  # aim, no result
        "Staff were not effectively supported; however, leaders were visible and well regarded.",  # contrast, graded
        "Performance was mixed and not yet consistent, with 40 per cent of reviews late.",  # percent, not yet, number
        "We reviewed case files and spoke with people.",  # method, we
        "Is the tick-box approach still used?",  # hyphen merge, question, still
        "Even though funding was limited, delays in reviews were still reported by carers.",
        "Good.",
    ]
    toks = [tokens_of(s) for s in sentences]
    return build_inputs(toks, ["Areas for development"] * len(toks), ["r"] * len(toks), ["paragraph"] * len(toks))


@pytest.mark.parametrize("which", ["invented", "cue sentences", "shared reports"])
def test_cue_matrix_equals_lexicon_vector_row_by_row(which):
    from finding_classifier.model.classification.cues import CUE_FEATURES, cue_matrix, lexicon_vector

    inputs = {"invented": invented_inputs, "cue sentences": cue_sentences, "shared reports": report_inputs}[which]()
    got = cue_matrix(inputs)
    assert got.shape == (len(inputs), len(CUE_FEATURES))
    ref = np.asarray([lexicon_vector(x) for x in inputs], dtype=np.float64)
    for i, x in enumerate(inputs):  # row by row, so a failure names the sentence and the feature
        diff = [name for name, a, b in zip(CUE_FEATURES, got[i], ref[i]) if a != b]
        assert not diff, (" ".join(x["tokens"]), diff)
    if which == "cue sentences":  # the sentences do reach the rules (else the test would prove little)
        for name in ("wait_duration", "reported_neg", "result", "aim_no_result", "graded", "has_percent", "not_yet",
                     "method_we", "question", "concessive_start", "neg_pos", "contrast"):
            assert ref[:, CUE_FEATURES.index(name)].any(), name


def test_labels_written_to_user_data_read_back_as_span_extensions(monkeypatch):
    from finding_classifier.model.classification import component
    from finding_classifier.model.classification.component import load
    from finding_classifier.model.classification.inputs import inputs_from_doc
    from finding_classifier.schema import LABELS

    nlp = load()
    text = (REPORTS / "wirral-la-learning.txt").read_text(encoding="utf-8")
    fast = nlp(text)
    spans = list(fast.spans["sentences"])
    assert component._plain_span_storage(spans[0]), "spaCy stores these extensions in user_data"
    proba = nlp.get_pipe("finding_classifier").model.proba(inputs_from_doc(fast)).tolist()
    assert len(spans) == len(proba) > 20
    for span, row in zip(spans, proba):  # what a user reads through span._
        assert span._.probs == dict(zip(LABELS, row))
        assert span._.label == LABELS[row.index(max(row))]
    monkeypatch.setattr(component, "_plain_span_storage", lambda span: False)  # every value through span._
    plain = nlp(text)
    assert plain.user_data == fast.user_data


@pytest.mark.parametrize("which", ["invented", "cue sentences", "shared reports"])
def test_decisive_clause_equals_the_rule_on_every_sentence(which):
    from finding_classifier.model.classification.cues import _decisive, decisive_clause, merge_hyphens

    inputs = {"invented": invented_inputs, "cue sentences": cue_sentences, "shared reports": report_inputs}[which]()
    got = [decisive_clause(x["tokens"]) for x in inputs]
    assert got == [_decisive(merge_hyphens(x["tokens"]))[0] for x in inputs]
    assert any(len(g) < len(merge_hyphens(x["tokens"])) for g, x in zip(got, inputs))  # some clauses are cut


def test_email_or_phone_prefilter_answers_as_the_patterns_do():
    from finding_classifier.model.lang import furniture

    lines = [ln for p in sorted(REPORTS.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    lines += ["Contact: jo.bloggs@example.gov.uk", "Tel 0121 303 1234", "Call 01865 792422 today", "Room 101", "no contact here"]
    for ln in lines:
        assert furniture._email_or_phone(ln) == bool(furniture.EMAIL.search(ln) or furniture.UK_PHONE.search(ln)), ln
    assert [furniture._email_or_phone(ln) for ln in lines[-5:]] == [True, True, True, False, False]


def test_section_block_rows_kept_per_heading_equal_a_fresh_count(model):
    from finding_classifier.model.classification.hashing import tfidf_rows
    from finding_classifier.model.classification.linear import VocabularyBlock

    (block,) = [b for b in model.blocks if isinstance(b, VocabularyBlock)]
    inputs = report_inputs() + invented_inputs()
    inputs[0] = dict(inputs[0], section="")  # a sentence with no heading
    got = block.sparse(inputs)
    again = block.sparse(inputs)  # the second call reads the kept rows
    indptr, cols, counts = [0], [], []
    for x in inputs:  # every heading counted afresh
        words = [w for w in __import__("re").findall(block.pattern, (x["section"] or "").lower()) if w in block.vocabulary]
        for w in sorted(set(words), key=block.vocabulary.index):
            cols.append(block.vocabulary.index(w))
            counts.append(float(words.count(w)))
        indptr.append(len(cols))
    indptr, cols = np.asarray(indptr), np.asarray(cols)
    vals = tfidf_rows(indptr, cols, np.asarray(counts), block.idf, False) * block.weight
    assert indptr[-1] > len(inputs) // 2  # most sentences have heading words in the vocabulary
    for parts in (got, again):
        assert parts[0].tolist() == indptr.tolist() and parts[1].tolist() == cols.tolist()
        np.testing.assert_array_equal(parts[2], vals)


@pytest.mark.parametrize("which", ["invented", "cue sentences", "shared reports"])
def test_cue_block_clauses_are_the_decisive_clauses_and_feed_the_decisive_block(model, which):
    from finding_classifier.model.classification.cues import cue_matrix_and_clauses, decisive_clause, lexicon_vector
    from finding_classifier.model.classification.linear import _CLAUSES, CueBlock

    inputs = {"invented": invented_inputs, "cue sentences": cue_sentences, "shared reports": report_inputs}[which]()
    rows, clauses = cue_matrix_and_clauses(inputs)
    assert clauses == [decisive_clause(x["tokens"]) for x in inputs]
    np.testing.assert_array_equal(rows, np.asarray([lexicon_vector(x) for x in inputs], dtype=np.float64))
    (cues,) = [b for b in model.blocks if isinstance(b, CueBlock)]
    (decisive,) = [b for b in model.blocks if isinstance(b, HashedBlock) and b.source == "decisive"]
    shared: dict = {}
    cues.values_shared(inputs, shared)
    assert shared[_CLAUSES][0] is inputs
    got = decisive.sparse(inputs, shared)  # reads the clauses the cue block left
    alone = decisive.sparse(inputs)  # cuts every sentence itself
    assert got[0].tolist() == alone[0].tolist() and got[1].tolist() == alone[1].tolist()
    np.testing.assert_array_equal(got[2], alone[2])
    other = list(inputs)  # another batch's list: the clauses are not used for it
    shared[_CLAUSES] = (inputs, [["not", "these"]] * len(inputs))
    assert decisive.sparse(other, shared)[1].tolist() == alone[1].tolist()


def negated_cue_sentences():
    """Hand-built sentences where a negation sits before a grading adverb or phrase, a result or a delay."""
    sentences = [
        "The team was not effectively led.",  # negated grading adverb: not graded
        "The team was effectively led, with no gaps.",  # adverb before the negation: graded
        "Staff did not work closely with partners.",  # negated grading phrase (and adverb "closely")
        "Partners never had a clear plan.",  # negated grading phrase, no adverb
        "Leaders had a clear plan, although no budget.",  # phrase, negation after it
        "Audits had not improved waits, which meant no change.",  # negated result phrase, then an unnegated one
        "There was no evidence this helped.",  # result phrase within three tokens of a negation
        "Carers were unable to get help and had to wait.",  # delay phrases
        "People repeatedly asked for help.",  # a one-word delay phrase
        "The council aims to improve, so that people are supported in order to live well.",  # aims, one-word and longer
    ]
    toks = [tokens_of(s) for s in sentences]
    return build_inputs(toks, ["Findings"] * len(toks), ["n"] * len(toks), ["paragraph"] * len(toks))


def test_phrase_gate_and_flagged_grading_answer_as_the_rules_do():
    from finding_classifier.model.classification import cues as C

    inputs = report_inputs() + cue_sentences() + negated_cue_sentences() + invented_inputs()
    seen = {"graded": set(), "result": set()}
    for x in inputs:
        toks = C.merge_hyphens(x["tokens"])
        m = C._or(map(C._FLAGS.__getitem__, toks))
        negation = bool(m & C._NEGATION)
        for index in (C._GRADING, C._RESULT, C._AIM, C._DELAY):
            for unneg in (False, True):
                assert C._phrase_flags(toks, index, unneg, negation) == C._has_phrase(toks, index, unneg), (toks, unneg)
        graded = C._graded_flags(toks, m) if m & C._GRADE else False
        assert graded == C._graded(toks), toks
        seen["graded"].add((graded, negation))
        seen["result"].add((C._has_phrase(toks, C._RESULT, True), negation))
    # both answers, with and without a negation in the sentence, were reached
    assert seen["graded"] == {(True, True), (True, False), (False, True), (False, False)}
    assert seen["result"] == {(True, True), (True, False), (False, True), (False, False)}
    rows = C.cue_matrix(negated_cue_sentences())
    ref = np.asarray([C.lexicon_vector(x) for x in negated_cue_sentences()], dtype=np.float64)
    np.testing.assert_array_equal(rows, ref)
    for x in inputs:  # one row alone (clipped in Python) is the reference's row, value for value and type
        got, want = C._flag_vector(x), C.lexicon_vector(x)
        assert got == want and all(type(v) is float for v in got), x["tokens"]
    reports = report_inputs()
    assert max(C._flag_row(x)[0][0] for x in reports) > 3  # some sentence has more than 3 positive words ...
    assert C.cue_matrix(reports)[:, 0].max() == 1.0  # ... and its count is clipped to 1
    graded = ref[:, C.CUE_FEATURES.index("graded")].tolist()
    assert graded[:5] == [0.0, 1.0, 0.0, 0.0, 1.0]  # set by hand from the sentences above


def test_tokens_kept_by_the_segmenter_equal_the_docs_arrays_and_fall_back_when_stale():
    from spacy.tokens import Span

    from finding_classifier.model.classification.component import load
    from finding_classifier.model.classification.inputs import segmented_tokens, span_tokens
    from finding_classifier.model.sentences.segmenter import TOKENS_KEY

    nlp = load()
    seg = nlp.get_pipe("report_segmenter")
    texts = [p.read_text(encoding="utf-8") for p in sorted(REPORTS.glob("*.txt"))]
    texts += ["Staff   were KIND.\u00a0The Council's plan, e.g. 2.5 FTE, was\nclear!  Next steps:\n\n- One item\n- Two"]
    spaces = 0
    for text in texts:
        doc = seg(nlp.tokenizer(text))
        spaces += sum(t.is_space for t in doc)
        spans = list(doc.spans["sentences"])
        got = segmented_tokens(doc, spans, "sentences")
        assert got is not None and got == span_tokens(doc, spans)  # the Doc's LOWER and IS_SPACE arrays
    # space tokens left out, "Next steps:" dropped as a lead-in (the two short items are furniture, not prose)
    assert got == [["staff", "were", "kind", "."], ["the", "council", "'s", "plan", ",", "e.g.", "2.5", "fte", ",", "was", "clear", "!"]]
    assert spaces, "the reports' Docs have space tokens (between blocks) that the kept flags leave out"
    # stale or foreign: another spans key, spans changed since, no record at all -> None (the arrays are read)
    assert segmented_tokens(doc, spans, "other") is None
    assert segmented_tokens(doc, spans[1:], "sentences") is None
    assert segmented_tokens(doc, [Span(doc, 0, 2)] + spans[1:], "sentences") is None
    del doc.user_data[TOKENS_KEY]
    assert segmented_tokens(doc, spans, "sentences") is None


def test_batched_word_flags_equal_each_sentences_own():
    """The batch's word flags read in NumPy (OR and positive / negative counts per sentence, empty
    sentences included) equal each sentence's flags read one by one, and so do the rows."""
    from itertools import chain

    from finding_classifier.model.classification import cues as C

    inputs = invented_inputs() + negated_cue_sentences() + report_inputs()
    inputs = inputs[:1] + build_inputs([[], []], ["", ""], ["e", "e"], ["paragraph"] * 2) + inputs[1:]  # empty ones early
    toks = [C.merge_hyphens(x["tokens"]) for x in inputs]
    masks = np.asarray([C._FLAGS[t] for t in chain.from_iterable(toks)], dtype=np.int64)
    m, pos, neg = C._per_sentence_flags(masks, np.asarray([len(t) for t in toks], dtype=np.int64))
    assert m.tolist() == [C._or(C._FLAGS[t] for t in ts) for ts in toks]
    assert pos.tolist() == [sum(t in C.lx.POSITIVE for t in ts) for ts in toks]
    assert neg.tolist() == [sum(t in C.lx.NEGATIVE and t not in C.lx.POSITIVE for t in ts) for ts in toks]
    assert max(pos.tolist()) > 3 and max(neg.tolist()) > 0
    rows, _ = C.cue_matrix_and_clauses(inputs)
    np.testing.assert_array_equal(rows, np.asarray([C._flag_vector(x) for x in inputs]))
    np.testing.assert_array_equal(rows, np.asarray([C.lexicon_vector(x) for x in inputs]))


def test_merge_hyphens_visiting_the_hyphens_equals_the_token_by_token_rule():
    from finding_classifier.model.classification.cues import _merge_hyphens_plain, merge_hyphens

    tiny = [[], ["-"], ["a", "-"], ["-", "b"], ["a", "-", "b"], ["a", "-", "b", "-", "c"], ["a", "-", "-", "b"],
            ["x", "a", "-", "b", "y", "c", "-", "d"], ["3", "-", "4"], ["well", "-", "led", "-", "x", "-", "y"],
            ["-", "-", "-"], ["a", "-", "b", "-"], ["co", "-", "production", ",", "tick", "-", "box", "."]]
    inputs = [x["tokens"] for x in invented_inputs() + cue_sentences() + report_inputs()]
    assert sum("-" in t for t in inputs) > 20  # the reports do hold hyphens
    for toks in tiny + inputs:
        assert merge_hyphens(toks) == _merge_hyphens_plain(toks), toks
