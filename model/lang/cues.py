"""The classifier's cue words and phrases, grouped by the annotation guideline rule each one serves.

How this lexicon was made: every list below was written from the annotation guideline (version 2:
its labels table, its decision rules and its examples) and from general English (closed word
classes, the common evaluative vocabulary of inspection writing), then reviewed against the
project's own text. It was not harvested from the five real reports: an entry that occurs in
``data/reports/`` but nowhere in the text the project wrote itself (the written bank
``data/bank``, the behavioural suite ``evaluate/suite``, the guideline) is a leak that makes
leave-one-report-out figures look better than they are, and ``tests/test_lexicon_provenance.py``
fails on it. In issue 13 the entries that failed that check were removed (a list of them is in the
model card), and the patterns that were specific to one report ("should you be considering")
were replaced by their general form ("consider").

Each :class:`CueList` records the rule it serves (``0`` = the labels table of the guideline) and a
one-line provenance. Words are lower case, as the tokenizer gives them; hyphenated compounds are
whole ("person-centred"), since :func:`~finding_classifier.model.classification.cues.merge_hyphens`
re-joins them. Phrases are space-separated token sequences matched on the sentence's tokens.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CueList:
    """A reviewed list of cue words (or phrases) and the guideline rule it serves."""

    name: str
    rule: int  # 0: the guideline's labels table; 1..9: its decision rules
    provenance: str
    entries: frozenset

    def __contains__(self, item) -> bool:  # pragma: no cover - convenience
        return item in self.entries


def _words(text: str) -> frozenset:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset:
    return frozenset(p.strip() for p in text.split("|") if p.strip())


CUE_LISTS: dict[str, CueList] = {}


def _add(name: str, rule: int, provenance: str, entries: frozenset) -> frozenset:
    CUE_LISTS[name] = CueList(name, rule, provenance, entries)
    return entries


# ------------------------------------------------------------------ labels table, rule 9: polarity
POSITIVE = _add("POSITIVE", 0, "the labels table's strength cues (positive, effective, strong, improved) and rule 9's "
                "'evaluative word', widened with common English evaluative adjectives and adverbs", _words(
    """good well strong strongly positive positively effective effectively excellent outstanding robust
    impressive innovative innovation improved improving improvement improvements clear consistent consistently
    timely proactive proactively actively valued supportive successful successfully embedded best high-quality
    helpful impactful collaborative approachable knowledgeable visible inclusive responsive award
    awards won praised commended appreciated benefited
    enhanced achieved exceeded better enthusiastic open trusted listened respected confident
    confidence secure safe quickly promptly prompt flexible creative person-centred holistic thorough
    credible clarity great well-resourced stabilised strengths thriving proud impressed
    efficiently seamless easy easier well-established established mature empowered empowering passionate
    dedicated skilled reassuring welcoming accessible cohesive engaged resilient comprehensive
    high-performing recognised strength pleased"""))
NEGATIVE = _add("NEGATIVE", 0, "the labels table's shortfall cues (weakness, gap, risk, delay, backlog, inconsistency, "
                "mixed or negative feedback), widened with common English words of difficulty and failure", _words(
    """lack lacked lacking lacks limited poor poorly inconsistent inconsistently inconsistency variable varied
    variation variations variability mixed gap gaps delay delays delayed backlog backlogs waiting waited waits
    risk risks concern concerns concerned concerning challenge challenges challenging difficult difficulty
    difficulties unclear shortfall shortfalls overspend overspent overspending shortage shortages
    pressure pressures worse worst lowest decline declined declining failure failed fail fails
    inadequate unable late weakness weaknesses negative negatively frustrated frustration frustrating
    fragile neglected tick-box hampered urgent
    struggle struggled struggling barrier barriers issue issues problem problems missed unmet
    disappointed unsafe unsustainable deteriorated deteriorating patchy confusing confused
    reluctant overdue breach breaches error errors complaint complaints isolated isolation inequitable
    inequalities unequal slow slower duplication duplicated silo silos burden burdened vacancies turnover
    fragmentation weak weaker underdeveloped excessive"""))
NEGATION = _add("NEGATION", 0, "English negators: the labels table's 'not consistently', 'not yet embedded'", _words(
    "not no never none nor without cannot n't neither nothing nobody hardly"))
HEDGE = _add("HEDGE", 4, "rule 4's quantifiers of part ('some', 'mostly', 'generally') and their English kin", _words(
    "some partially partly mostly generally largely mainly broadly pockets less slightly somewhat most"))

# ------------------------------------------------------------------ rule 5: needs and recommendations
NEED = _add("NEED", 5, "rule 5 and the labels table: 'should', 'further work is needed', a need named in the organisation's practice", _words(
    """should need needs needed must require required requires requiring further recommend recommended
    recommendation recommendations consider could yet still more"""))

# ------------------------------------------------------------------ rule 3: mixed sentences
CONCESSIVE = _add("CONCESSIVE", 3, "rule 3's concessive conjunctions (although, while, whilst, despite, even though)", _words(
    "although though while whilst despite notwithstanding"))
CONTRAST = _add("CONTRAST", 3, "rule 3's contrast markers (but, however, yet, whereas, a semicolon) and English kin", _words(
    "however but yet whereas nevertheless nonetheless conversely ;"))

# ------------------------------------------------------------------ rule 7: figures with a direction
UP = _add("UP", 7, "rule 7's words of direction upwards ('above', 'improved', 'increase')", _words(
    "above higher better more increase increased increasing increases rose risen exceeded exceed exceeds highest improved improvement improving up grew grown growth"))
DOWN = _add("DOWN", 7, "rule 7's words of direction downwards ('below', 'lowest')", _words(
    "below lower worse less fewer decreased decreasing fell fall falls fallen declined decline reduced reduction reducing lowest down worst dropped drop"))
REFERENCE = _add("REFERENCE", 7, "rule 7's points of comparison: a target, an average, a previous period", _words(
    "average averages national nationally england target targets regional comparator previous benchmark peers trajectory"))
BAD_QUANTITY = _add("BAD_QUANTITY", 8, "rule 8's performance measures where more is worse (waiting times, backlogs, overspend)", _words(
    "backlog backlogs waiting wait waits delays delay overspend complaints vacancies vacancy turnover admissions readmissions sickness errors incidents"))

# ------------------------------------------------------------------ rule 2: who says it
REPORTING = _add("REPORTING", 2, "rule 2's reporting verbs ('Staff told us', 'people said', 'reported')", _words(
    "told said reported felt described stated heard explained feedback shared commented"))

# ------------------------------------------------------------------ rule 6: plans and activities
PLAN = _add("PLAN", 6, "rule 6's plans and intentions ('was planning to roll out', 'aim', 'will')", _words(
    "will plan plans planned planning intends intended intention aim aims aimed proposed would expected future ongoing upcoming scheduled committed"))

# ------------------------------------------------------------------ rule 8: context
CONTEXT = _add("CONTEXT", 8, "rule 8's context: population, deprivation, demand, prevalence, geography, funding, legislation", _words(
    """population residents deprivation deprived prevalence census born ethnic demographic births mortality
    expectancy funding legislation act government rural urban households older aged"""))

# ------------------------------------------------------------------ rule 9: methodology
METHOD = _add("METHOD", 9, "rule 9's methodology text ('We reviewed documents and spoke to people')", _words(
    "we assessment inspection spoke reviewed met visited interviewed looked"))

# ------------------------------------------------------------------ issue 13: cues that follow rules 2-6
GRADING_ADVERBS = _add("GRADING_ADVERBS", 6, "rule 6: an activity graded by an adverb ('actively', 'effectively'); "
                       "issue 13 names well, closely, effectively, easily, clearly", _words(
    "well closely effectively easily clearly actively proactively promptly quickly consistently successfully thoroughly"))
GRADING_PHRASES = _add("GRADING_PHRASES", 6, "rule 6: an activity graded by a phrase ('well established'); issue 13 names 'a priority'", _phrases(
    "a priority | a high priority | a clear focus | a strong focus | well established | well embedded | worked well | "
    "work well | works well | worked closely | work closely | good understanding | clear understanding | understood the | "
    "knew their | knew the | had a good | had a clear | had a strong | were confident | felt confident"))
RESULT_PHRASES = _add("RESULT_PHRASES", 6, "rule 6: a stated result ('audits ensured calls were answered promptly'); "
                      "issue 13 names 'which meant', 'this allowed', 'resulted in'", _phrases(
    "which meant | this meant | which allowed | this allowed | which enabled | this enabled | resulted in | "
    "as a result | led to | which helped | this helped | had helped | had reduced | had improved | had increased | ensured that"))
AIM_PHRASES = _add("AIM_PHRASES", 6, "rule 6: a purpose or aim is not a result ('to ensure ...', 'in order to ...'); "
                   "issue 13 names 'aim to', 'sought to', 'to support', 'work to reduce'", _phrases(
    "to ensure | in order to | so that | aim to | aims to | aimed to | aim of | sought to | to support | "
    "to help | to reduce | to improve | work to | work was under way | under way | was planning | were planning | "
    "intended to | intends to | set out | designed to | with the aim"))
DELAY_PHRASES = _add("DELAY_PHRASES", 2, "rules 2, 4 and 5: shortfalls told as experience (the labels table's 'waited'); "
                     "issue 13 names several times, excessive, limited due to, did not have ... in place", _phrases(
    "several times | many times | repeatedly | more than once | had to chase | had to wait | had to repeat | "
    "limited due to | hard to | difficult to | struggled to | unable to | no agreed | no clear | no formal | "
    "not always | not consistently | too long | long waits | long wait | did not have | did not know | "
    "were not aware | was not clear | not in place | not been"))
DURATION = _add("DURATION", 2, "a wait told with its length ('waited several months'): units of time after wait/waited/waiting", _words(
    "day days week weeks month months year years hour hours minutes"))
WAIT = _add("WAIT", 2, "the labels table's 'waited': the verb of waiting", _words("wait waited waiting waits"))


def phrase_tokens(phrases: frozenset) -> tuple[tuple[str, ...], ...]:
    """The phrases as token tuples, longest first."""
    return tuple(sorted((tuple(p.split()) for p in phrases), key=len, reverse=True))
