"""The word lists that carry the annotation guideline's meaning, as the classifier reads them.

The lists themselves are language data in :mod:`finding_classifier.model.lang.cues` (each with the
guideline rule it serves and its provenance) and :mod:`~finding_classifier.model.lang.headings`,
:mod:`~finding_classifier.model.lang.recommendations`; this module gathers them under the short
names :mod:`.cues` and the keyword baseline use.
"""
from __future__ import annotations

# Shared with the structure stage; defined once, in the language data.
from ..lang.cues import (  # noqa: F401
    AIM_PHRASES, BAD_QUANTITY, CONCESSIVE, CONTEXT, CONTRAST, CUE_LISTS, DELAY_PHRASES, DOWN, DURATION,
    GRADING_ADVERBS, GRADING_PHRASES, HEDGE, METHOD, NEED, NEGATION, NEGATIVE, PLAN, POSITIVE, REFERENCE,
    REPORTING, RESULT_PHRASES, UP, WAIT, phrase_tokens,
)
from ..lang.headings import AFI_HEADING, STRENGTH_HEADING, heading_class  # noqa: F401
from ..lang.recommendations import IMPERATIVE  # noqa: F401
