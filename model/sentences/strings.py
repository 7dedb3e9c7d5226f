"""spaCy's string hashes read back as text through a per-process cache (one ``map`` per Doc array)."""
from __future__ import annotations


def cached_strings(vocab, hashes: list[int], cache: dict[int, str]) -> list[str]:
    """The text of every hash in ``hashes``; ``cache`` (hash -> text) learns the ones it lacks."""
    out = list(map(cache.get, hashes))
    if None in out:  # texts not seen before in this process
        strings = vocab.strings
        for h in hashes:
            if h not in cache:
                cache[h] = strings[h]
        out = list(map(cache.__getitem__, hashes))
    return out
