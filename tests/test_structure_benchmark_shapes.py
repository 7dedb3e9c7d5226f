"""Offsets hold in every shape of ``benchmarks/formats.py``: for each sentence read from a shared
report rendered in that shape, the ``start``/``end`` slice of the text that was read gives the
sentence back (after ``plain()`` and whitespace folding, the documented cleaning).

The default run checks the plain-text shapes on one report; ``-m slow`` checks every shape of
every module in ``benchmarks/shapes/`` on all five reports.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from formats import load_shapes, sources  # noqa: E402
from shapes import ShapeUnavailable  # noqa: E402
from shapes.text import SHAPES as TEXT_SHAPES  # noqa: E402

from finding_classifier.model.reading import read_report  # noqa: E402
from finding_classifier.model.sentences import segment_report, sentence_records  # noqa: E402
from finding_classifier.model.structure import plain  # noqa: E402


def fold(s: str) -> str:
    return " ".join(plain(s).split())


def check(shape_fn, src, tmp_path) -> int:
    try:
        rendered = shape_fn(src, tmp_path)
    except ShapeUnavailable as exc:
        pytest.skip(str(exc))
    report = read_report(rendered.path)
    recs = [_r.to_dict() for _r in sentence_records(segment_report(report))]
    assert recs
    for r in recs:
        assert 0 <= r["start"] < r["end"] <= len(report.text), r
        assert fold(report.text[r["start"] : r["end"]]) == fold(r["text"]), r
    return len(recs)


@pytest.mark.parametrize("shape", sorted(TEXT_SHAPES))
def test_offsets_in_every_plain_text_shape(shape, tmp_path):
    (src,) = sources(["wirral-la-learning"])
    assert check(TEXT_SHAPES[shape], src, tmp_path) > 50


@pytest.mark.slow
@pytest.mark.parametrize("shape", sorted(load_shapes()))
def test_offsets_in_every_shape_of_every_report(shape, tmp_path):
    fn = load_shapes()[shape]
    for src in sources(None):
        folder = tmp_path / src.id
        folder.mkdir()
        check(fn, src, folder)
