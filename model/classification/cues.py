"""The guideline's cues as named features of a sentence (and, optionally, of its neighbours).

Each feature reads one of the annotation guideline's signals from the word lists in
:mod:`.lexicon` (the language data of :mod:`finding_classifier.model.lang.cues`, each list with the
rule it serves): evaluative and hedging words, negation, the clause that decides a mixed sentence
(rule 3), comparison with a direction (rule 7), recommendations (rule 5), plans and purposes
(rule 6), context (rule 8), methodology (rule 9) and classifying headings (rule 1); and, from
issue 13, activities graded by an adverb or phrase and stated results (rule 6), aims and purposes
without a result (rule 6), shortfalls told as experience such as a wait with its length (rules 2,
4, 5), the decisive clause with a concession or a contrast word in any position (rule 3), and the
polarity of what reported speech reports (rule 2).
``CUE_FEATURES`` names the columns of :func:`cue_matrix`.
"""
from __future__ import annotations

import re
from functools import lru_cache, reduce
from itertools import chain, compress, count
from operator import or_
from typing import Sequence

import numpy as np

from . import lexicon as lx

# ---------------------------------------------------------------- guideline (lexicon) features

CUE_FEATURES = (
    "pos", "neg", "neg_pos", "dec_pos", "dec_neg", "dec_neg_pos", "negation", "hedge", "need", "imperative",
    "concessive_start", "contrast", "up_ref", "down_ref", "bad_down", "bad_up", "has_number", "has_percent",
    "reporting", "plan", "purpose", "context", "method_we", "heading_strength", "heading_afi",
    "short_item", "mixed", "not_yet", "question",
    # issue 13: cues that follow rules 2, 3 and 6 (word lists in model/lang/cues.py)
    "graded", "result", "aim", "aim_no_result", "delay", "wait_duration", "concession_neutral_main",
    "contrast_start", "contrast_start_pos", "reported_pos", "reported_neg", "dec_neutral",
)
CONTEXT_FEATURES = ("prev_dec_pos", "prev_dec_neg", "next_dec_pos", "next_dec_neg", "prev_afi_start", "has_prev", "has_next")


_MID_CONCESSIVE = frozenset({"although", "though", "despite", "notwithstanding"})


def _decisive(tokens: list[str]) -> tuple[list[str], bool]:
    """The clause that decides a mixed sentence (rule 3), and whether a concession was set aside.

    A concessive clause is background wherever it stands: a leading one ("Despite concerns ..., the
    council ...") is dropped up to its comma, a trailing one (", although ...") from its comma on.
    Of coordinate findings the later one decides: what follows the last contrast marker (however,
    but, yet, whereas, a semicolon, a contrasting ", while"). A sentence that opens with a contrast
    word ("However, ...") is decided by its own clause."""
    if not tokens:
        return tokens, False
    concessive = False
    if tokens[0] in lx.CONCESSIVE or (len(tokens) > 1 and tokens[0] == "even" and tokens[1] == "though"):
        concessive = True
        if "," in tokens:
            tokens = tokens[tokens.index(",") + 1 :]
        else:
            return tokens, True
    elif tokens[0] in lx.CONTRAST and len(tokens) > 2:
        tokens = tokens[2:] if tokens[1] == "," else tokens[1:]
    for i in range(1, len(tokens) - 2):
        if tokens[i - 1] == "," and (tokens[i] in _MID_CONCESSIVE or (tokens[i] == "even" and tokens[i + 1] == "though")):
            return tokens[: i - 1], True
    last = -1
    for i, t in enumerate(tokens):
        if i > 0 and (t in lx.CONTRAST or (t in ("while", "whilst") and tokens[i - 1] == ",")):
            last = i
    if last > 0 and last < len(tokens) - 2:
        return tokens[last + 1 :], concessive
    return tokens, concessive


def decisive_clause(tokens: list[str]) -> list[str]:
    """The words of the clause that decides the sentence (rule 3), for the ``decisive_words`` block."""
    toks = merge_hyphens(tokens)
    if _DECIDE_WORDS.isdisjoint(toks):  # none of the words _decisive looks for: it would return them all
        return toks
    return _decisive(toks)[0]


def _index(phrases) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list] = {}
    for p in lx.phrase_tokens(phrases):
        out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


_GRADING = _index(lx.GRADING_PHRASES)
_RESULT = _index(lx.RESULT_PHRASES)
_AIM = _index(lx.AIM_PHRASES)
_DELAY = _index(lx.DELAY_PHRASES)


def _negated(tokens: list[str], i: int) -> bool:
    return any(w in lx.NEGATION for w in tokens[max(0, i - 3) : i])


def _has_phrase(tokens: list[str], index: dict, unnegated: bool = False) -> bool:
    """Does a phrase of ``index`` occur (with ``unnegated``: with no negation in the three tokens before)?"""
    if index.keys().isdisjoint(tokens):  # most sentences: no phrase can start here
        return False
    get = index.get
    for i in compress(range(len(tokens)), map(index.__contains__, tokens)):  # where a phrase can start
        for p in get(tokens[i]):
            if tuple(tokens[i : i + len(p)]) == p and not (unnegated and _negated(tokens, i)):
                return True
    return False


def _graded(tokens: list[str]) -> bool:
    """An activity graded by an adverb (not negated) or by a grading phrase (rule 6)."""
    return _has_phrase(tokens, _GRADING, unnegated=True) or any(t in lx.GRADING_ADVERBS and not _negated(tokens, i) for i, t in enumerate(tokens))


def _wait_duration(tokens: list[str]) -> bool:
    """A wait told with its length ("waited several months", "waiting over 12 weeks")."""
    for i, t in enumerate(tokens):
        if t in lx.WAIT:
            window = tokens[i + 1 : i + 6]
            if any(w in lx.DURATION for w in window):
                return True
    return False


def _reported(tokens: list[str]) -> list[str] | None:
    """What reported speech reports (rule 2): the tokens after the first reporting word, or None."""
    for i, t in enumerate(tokens):
        if t in lx.REPORTING:
            rest = tokens[i + 1 :]
            if rest[:1] == ["us"]:
                rest = rest[1:]
            return rest
    return None


def merge_hyphens(tokens: list[str]) -> list[str]:
    """Re-join the hyphenated compounds spaCy splits ("tick", "-", "box" -> "tick-box") for the word lists.

    Read left to right: a word, ``-`` and a word become one token, and the next compound can start
    only after it (so "a - b - c" gives "a-b", "-", "c"). Only the places of the hyphens are visited
    (:func:`_merge_hyphens_plain` is the same rule token by token)."""
    if "-" not in tokens:
        return tokens
    out: list[str] = []
    pos = 0  # tokens before this are in ``out``
    last = len(tokens) - 1
    for h in compress(count(), map("-".__eq__, tokens)):
        if h - 1 >= pos and h < last and tokens[h - 1].isalpha() and tokens[h + 1].isalpha():
            out += tokens[pos : h - 1]
            out.append(tokens[h - 1] + "-" + tokens[h + 1])
            pos = h + 2
    out += tokens[pos:]
    return out


def _merge_hyphens_plain(tokens: list[str]) -> list[str]:
    """:func:`merge_hyphens` token by token (the reference a test compares it with)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 2 < len(tokens) and tokens[i + 1] == "-" and tokens[i].isalpha() and tokens[i + 2].isalpha():
            out.append(tokens[i] + "-" + tokens[i + 2])
            i += 3
        else:
            out.append(tokens[i])
            i += 1
    return out


def _polarity(tokens: list[str]) -> tuple[int, int, int]:
    """Counts of positive words, negative words and negated positive words (a negation within three tokens before)."""
    pos = neg = neg_pos = 0
    for i, t in enumerate(tokens):
        if t in lx.POSITIVE:
            window = tokens[max(0, i - 3) : i]
            if any(w in lx.NEGATION for w in window):
                neg_pos += 1
            else:
                pos += 1
        elif t in lx.NEGATIVE:
            neg += 1
    return pos, neg, neg_pos


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def _heading_class(section: str) -> tuple[bool, bool]:
    return lx.heading_class(section)


def _clip(x: float, top: float = 3.0) -> float:
    return min(x, top) / top


def lexicon_vector(inp: dict) -> list[float]:
    toks = merge_hyphens(inp["tokens"])
    words = set(toks)
    pos, neg, neg_pos = _polarity(toks)
    dec, concessive = _decisive(toks)
    dpos, dneg, dneg_pos = _polarity(dec)
    has_ref = bool(words & lx.REFERENCE)
    up, down = bool(words & lx.UP), bool(words & lx.DOWN)
    bad = bool(words & lx.BAD_QUANTITY)
    h_str, h_afi = _heading_class(inp["section"])
    first = toks[0] if toks else ""
    joined = " ".join(toks)
    has_num = _DIGIT.search(joined) is not None
    return [
        _clip(pos), _clip(neg), _clip(neg_pos), _clip(dpos), _clip(dneg), _clip(dneg_pos),
        float(bool(words & lx.NEGATION)), float(bool(words & lx.HEDGE)), float(bool(words & lx.NEED)),
        float(first in lx.IMPERATIVE), float(concessive), float(bool(words & lx.CONTRAST)),
        float(up and has_ref), float(down and has_ref), float(bad and down), float(bad and up),
        float(has_num), float("%" in words or "per" in words and "cent" in words),
        float(bool(words & lx.REPORTING)), float(bool(words & lx.PLAN)),
        float("to ensure" in joined or "in order to" in joined or "so that" in joined),
        float(bool(words & lx.CONTEXT)), float(first == "we" or bool(words & lx.METHOD) and "we" in words),
        float(h_str), float(h_afi),
        float(len(toks) <= 8), float("mixed" in words or "varied" in words or "variable" in words or "inconsistent" in words),
        float("not yet" in joined or "yet to" in joined or "still" in words), float(toks[-1:] == ["?"]),
        *_rule_cues(toks, dec, concessive, dpos, dneg, dneg_pos),
    ]


def _reported_polarity(reported: list[str] | None) -> tuple[float, float]:
    """Rule 2: the clipped positive and negative weight of what reported speech reports (0, 0 without any)."""
    if reported is None:
        return 0.0, 0.0
    p, n, npos = _polarity(reported)
    return _clip(p), _clip(n + npos + _has_phrase(reported, _DELAY))


def _rule_cues(toks: list[str], dec: list[str], concessive: bool, dpos: int, dneg: int, dneg_pos: int) -> list[float]:
    """The issue-13 columns of :data:`CUE_FEATURES`, from ``graded`` to ``dec_neutral``."""
    graded = _graded(dec)
    result = _has_phrase(toks, _RESULT, unnegated=True)
    aim = _has_phrase(toks, _AIM)
    wait = _wait_duration(toks)
    delay = wait or _has_phrase(dec, _DELAY)
    neutral = dpos == 0 and dneg == 0 and dneg_pos == 0
    contrast_start = bool(toks) and toks[0] in lx.CONTRAST
    rpos, rneg = _reported_polarity(_reported(dec))
    return [
        float(graded), float(result), float(aim), float(aim and not result and not graded and dpos == 0),
        float(delay), float(wait), float(concessive and neutral and not graded),
        float(contrast_start), float(contrast_start and dpos > 0 and dneg == 0 and dneg_pos == 0),
        rpos, rneg, float(neutral and not graded and not delay),
    ]


def context_vector(inp: dict) -> list[float]:
    out = []
    for key in ("prev", "next"):
        toks = inp.get(key)
        if toks:
            dec, _ = _decisive(merge_hyphens(toks))
            p, n, npos = _polarity(dec)
            out += [_clip(p), _clip(n + npos)]
        else:
            out += [0.0, 0.0]
    prev = inp.get("prev") or []
    out += [float(bool(prev) and (prev[0] == "however" or prev[0] in lx.IMPERATIVE)), float(bool(prev)), float(bool(inp.get("next")))]
    return out


# ---------------------------------------------------------------- the same row, read through word flags
# Each word's memberships of the word lists as bits of one int (looked up once per distinct word), so
# a sentence's "any word of list X" is one OR over its words, and the per-token rules (the decisive
# clause, polarity with negation, phrases, waits, reported speech) run only on the sentences that
# hold a word that can trigger them; otherwise the rule's own function would give its "nothing
# found" answer, which is what is used. :func:`lexicon_vector` is the plain reference (a test
# checks the two give the same rows).

_DECIDE_WORDS = lx.CONCESSIVE | lx.CONTRAST | _MID_CONCESSIVE | {"even", "while", "whilst"}
_FLAG_SETS = (
    ("POS", lx.POSITIVE), ("NEG", lx.NEGATIVE), ("NEGATION", lx.NEGATION), ("HEDGE", lx.HEDGE), ("NEED", lx.NEED),
    ("CONTRAST", lx.CONTRAST), ("REF", lx.REFERENCE), ("UP", lx.UP), ("DOWN", lx.DOWN), ("BAD", lx.BAD_QUANTITY),
    ("REPORTING", lx.REPORTING), ("PLAN", lx.PLAN), ("CONTEXT", lx.CONTEXT), ("METHOD", lx.METHOD),
    ("GRADE", lx.GRADING_ADVERBS | _GRADING.keys()), ("RESULT", _RESULT.keys()), ("AIM", _AIM.keys()),
    ("DELAY", _DELAY.keys()), ("WAIT", lx.WAIT),
    # every word _decisive looks for: without one, it returns the tokens unchanged and no concession
    ("DECIDE", _DECIDE_WORDS),
    ("MIXED", {"mixed", "varied", "variable", "inconsistent"}), ("STILL", {"still"}), ("PERCENT", {"%"}),
    ("PER", {"per"}), ("CENT", {"cent"}), ("WE", {"we"}),
    ("NEG_ONLY", lx.NEGATIVE - lx.POSITIVE),  # what _polarity counts as negative (a positive word is counted first)
    ("GRADE_ADV", lx.GRADING_ADVERBS),
)
_BIT = {name: 1 << k for k, (name, _) in enumerate(_FLAG_SETS)}
(_POS, _NEG, _NEGATION, _HEDGE, _NEED, _CONTRAST, _REF, _UP, _DOWN, _BAD, _REPORTING, _PLAN, _CONTEXT, _METHOD, _GRADE,
 _RESULT_B, _AIM_B, _DELAY_B, _WAIT, _DECIDE, _MIXED, _STILL, _PERCENT, _PER, _CENT, _WE, _NEG_ONLY, _GRADE_ADV) = _BIT.values()
_DIGIT_B = 1 << len(_FLAG_SETS)  # the word holds a digit (so the sentence's words joined do)
_POS_SHIFT, _NEG_ONLY_SHIFT = _POS.bit_length() - 1, _NEG_ONLY.bit_length() - 1


class _Flags(dict):
    """word -> its flag bits, filled on first sight (cleared when it grows past a bound)."""

    def __missing__(self, word: str) -> int:
        if len(self) > 200_000:
            self.clear()
        bits = 0
        for (_, words), bit in zip(_FLAG_SETS, _BIT.values()):
            if word in words:
                bits |= bit
        if _DIGIT.search(word) is not None:
            bits |= _DIGIT_B
        self[word] = bits
        return bits


_FLAGS = _Flags()


def _or(masks) -> int:
    return reduce(or_, masks, 0)


def _gate(index: dict) -> tuple[frozenset, frozenset]:
    """The one-word phrases of ``index``, and the first two words of the longer ones: a phrase can
    occur in a sentence only where one of these does."""
    phrases = [p for ps in index.values() for p in ps]
    return frozenset(p[0] for p in phrases if len(p) == 1), frozenset(p[:2] for p in phrases if len(p) > 1)


_GATES = {id(index): _gate(index) for index in (_GRADING, _RESULT, _AIM, _DELAY)}


def _phrase_flags(tokens: list[str], index: dict, unnegated: bool, negation: bool) -> bool:
    """:func:`_has_phrase`, answered ``False`` without the scan when no word pair can start a phrase
    (``negation``: the sentence holds a negation word; without one, ``unnegated`` changes nothing)."""
    singles, pairs = _GATES[id(index)]
    if singles.isdisjoint(tokens) and pairs.isdisjoint(zip(tokens, tokens[1:])):
        return False
    return _has_phrase(tokens, index, unnegated and negation)


def _graded_flags(tokens: list[str], dm: int) -> bool:
    """:func:`_graded` from the clause's flags ``dm``: a grading adverb counts at once when the clause has no negation."""
    negation = bool(dm & _NEGATION)
    if dm & _GRADE_ADV and not negation:
        return True
    if _phrase_flags(tokens, _GRADING, True, negation):
        return True
    return bool(dm & _GRADE_ADV) and any(t in lx.GRADING_ADVERBS and not _negated(tokens, i) for i, t in enumerate(tokens))


def _polarity_flags(tokens: list[str], masks: list[int], m: int) -> tuple[int, int, int]:
    """:func:`_polarity`, counted from the flags when the sentence has no negation word."""
    if not m & (_POS | _NEG):
        return 0, 0, 0
    if m & _NEGATION:
        return _polarity(tokens)
    # each word's bit summed (in C) and shifted down: the number of words that have it
    return sum(map(_POS.__and__, masks)) >> _POS_SHIFT, sum(map(_NEG_ONLY.__and__, masks)) >> _NEG_ONLY_SHIFT, 0


_CLIPPED = 6  # the first columns of a _flag_row are counts, clipped as _clip does

#: The columns of :data:`CUE_FEATURES` that are a function of the sentence's word flags alone (the OR
#: of its words' bits): each is true when all the bits of one of its alternatives are set. They are
#: read for a whole batch at once in NumPy (:func:`_mask_columns`); the other columns come from
#: :func:`_token_row`, sentence by sentence.
_MASK_COLUMNS = {
    "negation": (_NEGATION,), "hedge": (_HEDGE,), "need": (_NEED,), "contrast": (_CONTRAST,),
    "up_ref": (_UP | _REF,), "down_ref": (_DOWN | _REF,), "bad_down": (_BAD | _DOWN,), "bad_up": (_BAD | _UP,),
    "has_number": (_DIGIT_B,), "has_percent": (_PERCENT, _PER | _CENT),
    "reporting": (_REPORTING,), "plan": (_PLAN,), "context": (_CONTEXT,), "mixed": (_MIXED,),
}
#: The columns :func:`_token_row` gives, in its order (the counts first).
_TOKEN_COLUMNS = tuple(name for name in CUE_FEATURES if name not in _MASK_COLUMNS)
_MASK_AT = [CUE_FEATURES.index(name) for name in _MASK_COLUMNS]
_TOKEN_AT = [CUE_FEATURES.index(name) for name in _TOKEN_COLUMNS]
assert _TOKEN_AT[:_CLIPPED] == list(range(_CLIPPED))  # the counts stay the first columns of a row


def _mask_columns(m: np.ndarray) -> np.ndarray:
    """The :data:`_MASK_COLUMNS` of sentences whose word flags (OR of their words' bits) are ``m``: one row each."""
    out = np.zeros((len(m), len(_MASK_COLUMNS)), dtype=bool)
    for j, alternatives in enumerate(_MASK_COLUMNS.values()):
        for bits in alternatives:
            out[:, j] |= (m & bits) == bits
    return out


def _flag_vector(inp: dict) -> list[float]:
    """:func:`lexicon_vector`, value for value."""
    row = _flag_row(inp)[0]
    return [_clip(x) for x in row[:_CLIPPED]] + [float(x) for x in row[_CLIPPED:]]


def _flag_row(inp: dict) -> tuple[list, list[str]]:
    """:func:`lexicon_vector`'s row before the last step (its first ``_CLIPPED`` columns are counts not
    yet clipped, the rest truth values or floats that NumPy reads as 1.0 / 0.0), and the decisive clause
    it read (what :func:`decisive_clause` gives). One sentence alone; :func:`cue_matrix_and_clauses`
    computes the same for a batch."""
    toks = merge_hyphens(inp["tokens"])
    masks = list(map(_FLAGS.__getitem__, toks))
    m = _or(masks)
    pos = sum(map(_POS.__and__, masks)) >> _POS_SHIFT
    neg = sum(map(_NEG_ONLY.__and__, masks)) >> _NEG_ONLY_SHIFT
    values, dec = _token_row(toks, m, pos, neg, inp["section"])
    row: list = [None] * len(CUE_FEATURES)
    for at, v in zip(_TOKEN_AT, values):
        row[at] = v
    for at, v in zip(_MASK_AT, _mask_columns(np.asarray([m], dtype=np.int64))[0].tolist()):
        row[at] = v
    return row, dec


def _token_row(toks: list[str], m: int, pos: int, neg: int, section: str) -> tuple[list, list[str]]:
    """The :data:`_TOKEN_COLUMNS` of one sentence (hyphens merged) whose word flags are ``m`` and which has
    ``pos`` positive and ``neg`` (only) negative words, and its decisive clause."""
    get = _FLAGS.__getitem__
    dec, concessive = _decisive(toks) if m & _DECIDE else (toks, False)
    if not m & (_POS | _NEG):
        pos = neg = neg_pos = 0
    elif m & _NEGATION:
        pos, neg, neg_pos = _polarity(toks)
    else:
        neg_pos = 0
    if dec is toks:
        dm, (dpos, dneg, dneg_pos) = m, (pos, neg, neg_pos)
    else:
        dmasks = list(map(get, dec))
        dm = _or(dmasks)
        dpos, dneg, dneg_pos = _polarity_flags(dec, dmasks, dm)
    h_str, h_afi = _heading_class(section)
    first = toks[0] if toks else ""
    joined = " ".join(toks)
    # the issue-13 columns, as in _rule_cues
    graded = _graded_flags(dec, dm) if dm & _GRADE else False
    result = _phrase_flags(toks, _RESULT, True, bool(m & _NEGATION)) if m & _RESULT_B else False
    aim = _phrase_flags(toks, _AIM, False, False) if m & _AIM_B else False
    wait = _wait_duration(toks) if m & _WAIT else False
    delay = wait or (_phrase_flags(dec, _DELAY, False, False) if dm & _DELAY_B else False)
    neutral = dpos == 0 and dneg == 0 and dneg_pos == 0
    contrast_start = bool(toks) and toks[0] in lx.CONTRAST
    rpos, rneg = _reported_polarity(_reported(dec) if dm & _REPORTING else None)
    # unclipped counts first (clipped by the caller), then truth values (1.0 / 0.0 as float64)
    return [
        pos, neg, neg_pos, dpos, dneg, dneg_pos,
        first in lx.IMPERATIVE, concessive,
        "to ensure" in joined or "in order to" in joined or "so that" in joined,
        first == "we" or bool(m & _METHOD) and bool(m & _WE),
        float(h_str), float(h_afi),
        len(toks) <= 8,
        "not yet" in joined or "yet to" in joined or bool(m & _STILL), toks[-1:] == ["?"],
        graded, result, aim, aim and not result and not graded and dpos == 0,
        delay, wait, concessive and neutral and not graded,
        contrast_start, contrast_start and dpos > 0 and dneg == 0 and dneg_pos == 0,
        rpos, rneg, neutral and not graded and not delay,
    ], dec


def cue_matrix(inputs: Sequence[dict]) -> np.ndarray:
    """One row of :data:`CUE_FEATURES` per input (computed as :func:`lexicon_vector` does, through word flags)."""
    return cue_matrix_and_clauses(inputs)[0]


def _per_sentence_flags(masks: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """From the flags of every word of a batch (sentence after sentence, ``lengths`` words each): each
    sentence's OR of its words' flags, and its number of positive and of (only) negative words."""
    ends = np.cumsum(lengths)
    starts = ends - lengths
    m = np.zeros(len(lengths), dtype=np.int64)
    filled = lengths > 0
    if filled.any():
        m[filled] = np.bitwise_or.reduceat(masks, starts[filled])
    counts = []
    for bit in (_POS, _NEG_ONLY):
        running = np.zeros(len(masks) + 1, dtype=np.int64)
        np.cumsum((masks & bit) != 0, out=running[1:])
        counts.append(running[ends] - running[starts])
    return m, counts[0], counts[1]


def cue_matrix_and_clauses(inputs: Sequence[dict]) -> tuple[np.ndarray, list[list[str]]]:
    """:func:`cue_matrix`, and each input's :func:`decisive_clause` (which the rows compute anyway), so
    the ``decisive_words`` block of the same batch need not cut every sentence again.

    The word flags of the whole batch are read into one array; the columns they decide alone are
    set for every sentence at once, the others by :func:`_token_row` (what :func:`_flag_row` does for one)."""
    n = len(inputs)
    toks = [merge_hyphens(x["tokens"]) for x in inputs]
    lengths = np.fromiter(map(len, toks), dtype=np.int64, count=n)
    masks = np.fromiter(map(_FLAGS.__getitem__, chain.from_iterable(toks)), dtype=np.int64, count=int(lengths.sum()))
    m, pos, neg = _per_sentence_flags(masks, lengths)
    parts = list(map(_token_row, toks, m.tolist(), pos.tolist(), neg.tolist(), [x["section"] for x in inputs]))
    rows = np.empty((n, len(CUE_FEATURES)), dtype=np.float64)
    rows[:, _TOKEN_AT] = np.asarray([r for r, _ in parts], dtype=np.float64).reshape(n, len(_TOKEN_COLUMNS))
    rows[:, _MASK_AT] = _mask_columns(m)
    counts = rows[:, :_CLIPPED]
    np.minimum(counts, 3.0, out=counts)  # _clip: min(x, 3) / 3, the same IEEE operations
    counts /= 3.0
    return rows, [d for _, d in parts]


def context_matrix(inputs: Sequence[dict]) -> np.ndarray:
    """One row of :data:`CONTEXT_FEATURES` (the neighbouring sentences' cues) per input."""
    return np.asarray([context_vector(x) for x in inputs], dtype=np.float64).reshape(len(inputs), len(CONTEXT_FEATURES))
