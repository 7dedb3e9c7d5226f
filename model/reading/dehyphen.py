"""Undoing end-of-line hyphenation: is ``assess-`` + ``ment`` the word "assessment", or is
``well-`` + ``organised`` the compound "well-organised"?

Decided, in order, by:

1. a soft hyphen (U+00AD) at the line end: the break was only ever a place to break, so join;
2. the document itself: the joined form and the hyphenated form are counted where they appear
   whole elsewhere in the same document, and the more frequent one wins;
3. English word frequencies (wordfreq, a well-kept library built from many corpora, British
   spellings included): join when the joined form is an English word and the part after the
   break is not a word by itself ("ment", "sational", "pendent"); a compound's second part is a
   word ("term", "up", "organised", "centred"), so the hyphen stays;
4. otherwise the hyphen stays.

Nothing here is a list of words made for a report.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

#: Hyphen characters a line can end with: hyphen-minus, hyphen (U+2010, what Chromium writes
#: where it breaks at a soft hyphen), and the soft hyphen itself.
HYPHENS = "-\u2010\u00ad"
#: wordfreq Zipf frequency (log10 of uses per billion words) at or above which the joined form is
#: an English word ...
JOINED_MIN_ZIPF = 1.5
#: ... and at or above which the part after the break is a word by itself (a compound's part).
PART_MIN_ZIPF = 3.0

_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")


class WordEvidence:
    """How often each word and hyphenated compound appears whole in a document (lower case)."""

    def __init__(self, texts):
        self.counts: Counter[str] = Counter()
        for text in texts:
            for w in _WORD.findall(text):
                w = w.lower().replace("\u2010", "-")
                self.counts[w] += 1
                if "-" in w:
                    self.counts[w.replace("-", "")] += 0  # make the key exist without counting it

    def join(self, left: str, hyphen: str, right: str) -> bool:
        """Should ``left`` + hyphen at a line end + ``right`` be read as one word without the hyphen?"""
        if hyphen == "\u00ad":
            return True
        if not left or not right or not left[-1].isalpha() or not right[0].isalpha():
            return False
        if right[0].isupper() and not left.isupper():
            return False  # "Anglo-" + "Saxon", "Health-" + "Watch": a capital after the break is a name
        lw = _WORD.findall(left)
        rw = _WORD.findall(right)
        if not lw or not rw:
            return False
        a, b = lw[-1].lower(), rw[0].lower()
        joined, hyphenated = a + b, a + "-" + b
        nj, nh = self.counts.get(joined, 0), self.counts.get(hyphenated, 0)
        if nj != nh:
            return nj > nh
        return _zipf(joined) >= JOINED_MIN_ZIPF and _zipf(b) < PART_MIN_ZIPF


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # without the library only the document decides
        return 0.0
    return zipf_frequency(word, "en")
