"""Word lists that carry the annotation guideline's meaning.

These are the cues the guideline names (evaluative and hedging words, negation, comparison with a
direction, recommendations, plans and purposes, context, classifying headings), written from the
guideline, not harvested from the five reports. :mod:`.features` turns them into features.
"""
from __future__ import annotations

# Shared with the structure stage; defined once, in the language data.
from ..lang.headings import AFI_HEADING, STRENGTH_HEADING, heading_class  # noqa: F401
from ..lang.recommendations import IMPERATIVE  # noqa: F401

POSITIVE = frozenset(
    """good well strong strongly positive positively effective effectively excellent outstanding robust
    impressive innovative innovation improved improving improvement improvements clear consistent consistently
    timely proactive proactively actively valued supportive successful successfully embedded best high-quality
    helpful impactful collaborative approachable knowledgeable visible inclusive compassionate responsive award
    awards award-winning shortlisted won winners finalists praised commended appreciated benefitted benefited
    enhanced achieved exceeded better committed enthusiastic open trusted listened respected confident
    confidence secure safe quickly promptly prompt flexible creative person-centred holistic thorough sound soundly
    credible clarity great well-resourced stabilised strengths thriving celebrate proud impressed efficient
    efficiently seamless easy easier well-established established mature empowered empowering passionate
    dedicated skilled reassuring welcoming accessible cohesive engaged excellence resilient comprehensive
    high-performing effectiveness recognised strength pleased""".split()
)
NEGATIVE = frozenset(
    """lack lacked lacking lacks limited poor poorly inconsistent inconsistently inconsistency variable varied
    variation variations variability mixed gap gaps delay delays delayed backlog backlogs waiting waited waits
    risk risks concern concerns concerned concerning challenge challenges challenging difficult difficulty
    difficulties unclear fragmented shortfall shortfalls overspend overspent overspending shortage shortages
    pressure pressures worse worst lowest decline declined declining failure failed fail fails insufficient
    inadequate unable late weakness weaknesses negative negatively frustrated frustration frustrating disconnect
    unaffordable fragility fragile neglected undervalued tick-box over-reliance hampering hampered urgent
    urgently struggle struggled struggling barrier barriers issue issues problem problems missed unmet
    disappointment disappointed drain unsafe unsustainable deteriorated deteriorating patchy confusing confused
    reluctant overdue breach breaches error errors complaint complaints isolated isolation inequitable
    inequalities unequal slow slower duplication duplicated silo silos burden burdened vacancies turnover
    infancy fragmentation weak weaker underdeveloped""".split()
)
NEGATION = frozenset("not no never none nor without cannot n't neither nothing nobody hardly".split())
HEDGE = frozenset("some partially partly mostly generally largely mainly broadly pockets less slightly somewhat most".split())
NEED = frozenset(
    """should need needs needed must require required requires requiring further recommend recommended
    recommendation recommendations consider could yet still more""".split()
)
CONCESSIVE = frozenset("although though while whilst despite notwithstanding".split())
CONTRAST = frozenset("however but yet whereas nevertheless nonetheless conversely ;".split())
UP = frozenset("above higher better more increase increased increasing increases rose risen risen exceeded exceed exceeds highest improved improvement improving up grew grown growth".split())
DOWN = frozenset("below lower worse less fewer decrease decreased decreasing fell fall falls fallen declined decline reduced reduction reducing lowest down worst dropped drop".split())
REFERENCE = frozenset("average averages national nationally england target targets regional comparator comparators previous benchmark peers trajectory".split())
BAD_QUANTITY = frozenset(
    "backlog backlogs waiting wait waits delays delay abandonment overspend complaints vacancies vacancy turnover admissions readmissions sickness errors incidents".split()
)
REPORTING = frozenset("told said reported felt described stated heard explained feedback shared commented".split())
PLAN = frozenset("will plan plans planned planning intends intended intention aim aims aimed aiming proposed proposes would expected future underway ongoing upcoming scheduled".split())
CONTEXT = frozenset(
    """population residents deprivation deprived prevalence census born ethnic demographic births mortality
    expectancy funding legislation act government rural urban households older aged""".split()
)
METHOD = frozenset("we assessment inspection spoke reviewed met visited interviewed looked".split())
