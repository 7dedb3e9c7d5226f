"""Recurring themes of areas for improvement across reports.

The area-for-improvement sentences of all reports are grouped by wording: TF-IDF over words and word
pairs (English stop words out), reduced by latent semantic analysis (seeded) and clustered
bottom-up (average linkage on cosine distance), so that only sentences that share wording join: a
group of at least :data:`MIN_THEME_SENTENCES` sentences is a theme, the rest stay unthemed.
Terms taken into account: when there are several reports, only words used in the areas of at
least two reports (a council's own name, or a project only it runs, cannot make a theme recur),
and no word used in more than :data:`MAX_TERM_SHARE` of the sentences ("care", "social"). A theme is
named by its top terms: the words that weigh more in its sentences than in the others. The same
sentences and seed give the same themes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: Cosine distance (0..1) below which groups of sentences merge (average linkage).
MERGE_DISTANCE = 0.8
#: A theme has at least this many sentences.
MIN_THEME_SENTENCES = 3
#: Terms in more than this share of the sentences are too common to tell themes apart.
MAX_TERM_SHARE = 0.10
#: Dimensions of the latent semantic analysis.
LSA_DIMENSIONS = 60
#: Words naming a theme.
TOP_TERMS = 4


@dataclass
class ThemeSentence:
    report: str
    index: int
    section: str
    text: str


@dataclass
class Theme:
    """A group of similar areas for improvement, named by its top terms."""

    number: int
    terms: list[str]
    sentences: list[ThemeSentence] = field(default_factory=list)

    @property
    def label(self) -> str:
        return ", ".join(self.terms)

    @property
    def reports(self) -> list[str]:
        return sorted({s.report for s in self.sentences})

    @property
    def recurring(self) -> bool:
        return len(self.reports) > 1


def find_themes(items: list[ThemeSentence], seed: int) -> tuple[list[Theme], list[ThemeSentence]]:
    """Group ``items`` into themes. Returns the themes (most reports first, then most sentences) and
    the sentences in no theme."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.preprocessing import normalize

    items = sorted(items, key=lambda s: (s.report, s.index))
    if len(items) < MIN_THEME_SENTENCES:
        return [], items
    kw = dict(stop_words="english", ngram_range=(1, 2), token_pattern=r"(?u)\b[^\W\d_][^\W\d_'\u2019-]+\b", lowercase=True)
    texts = [s.text for s in items]
    try:
        counts = CountVectorizer(**kw, binary=True).fit(texts)
    except ValueError:  # nothing but stop words
        return [], items
    x = counts.transform(texts)
    vocab = counts.get_feature_names_out()
    reports = sorted({s.report for s in items})
    if len(reports) > 1:
        used_by = np.zeros(len(vocab), dtype=int)
        for r in reports:
            rows = [i for i, s in enumerate(items) if s.report == r]
            used_by += (x[rows].sum(axis=0).A1 > 0).astype(int)
        ok = used_by >= 2
    else:
        ok = x.sum(axis=0).A1 >= 2
    share = x.sum(axis=0).A1 / len(items)
    ok &= share <= MAX_TERM_SHARE if len(items) >= 1 / MAX_TERM_SHARE else share < 1
    if not ok.any():
        return [], items
    tfidf = TfidfVectorizer(**kw, vocabulary=sorted(vocab[ok]), sublinear_tf=True)
    x = tfidf.fit_transform(texts)
    keep = np.flatnonzero(x.getnnz(axis=1) > 0)
    if len(keep) < MIN_THEME_SENTENCES:
        return [], items
    kept_set = set(keep.tolist())
    unthemed = [items[i] for i in range(len(items)) if i not in kept_set]
    x = normalize(x[keep])
    kept = [items[i] for i in keep]
    labels = _cluster(x, seed)
    terms = tfidf.get_feature_names_out()
    themes = []
    for c in sorted(set(labels.tolist())):
        rows = np.flatnonzero(labels == c)
        if len(rows) < MIN_THEME_SENTENCES:
            unthemed.extend(kept[i] for i in rows)
            continue
        others = np.flatnonzero(labels != c)
        weight = np.asarray(x[rows].mean(axis=0)).ravel()
        if len(others):
            weight = weight - np.asarray(x[others].mean(axis=0)).ravel()
        order = sorted(range(len(terms)), key=lambda t: (-weight[t], terms[t]))
        top = _distinct_terms([terms[t] for t in order if weight[t] > 0], TOP_TERMS)
        themes.append(Theme(0, top, [kept[i] for i in rows]))
    themes.sort(key=lambda t: (-len(t.reports), -len(t.sentences), t.terms))
    for n, t in enumerate(themes, 1):
        t.number = n
    unthemed.sort(key=lambda s: (s.report, s.index))
    return themes, unthemed


def _cluster(x, seed: int):
    """Average-linkage clusters (cosine) of the LSA-reduced rows of ``x``."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    n, d = x.shape
    dims = min(LSA_DIMENSIONS, d - 1, n - 1)
    with np.errstate(divide="ignore", invalid="ignore"):  # explained variance of a tiny input
        z = TruncatedSVD(dims, random_state=seed).fit_transform(x) if dims >= 2 else x.toarray()
    z = normalize(z)
    if not np.all(np.linalg.norm(z, axis=1) > 0):
        z = normalize(x.toarray())
    return AgglomerativeClustering(n_clusters=None, distance_threshold=MERGE_DISTANCE, metric="cosine", linkage="average").fit_predict(z)


def _distinct_terms(terms: list[str], n: int) -> list[str]:
    """The first ``n`` terms, skipping a word already inside a chosen pair and a pair of chosen words."""
    out: list[str] = []
    for t in terms:
        words = t.split()
        if any(t in o.split() or (len(words) > 1 and all(w in out for w in words)) for o in out):
            continue
        if len(words) > 1:
            out = [o for o in out if o not in words]  # the pair says more than its word alone
        out.append(t)
        if len(out) == n:
            break
    return out
