"""The whole runtime pipeline over many inputs: read, segment and label each report, in this
process or in several.

:func:`classify_inputs` is what ``findings classify`` calls: it returns one :class:`FileResult` per
input, in input order, whether the work ran here or in worker processes. Workers get the model
already loaded (they are forked from this process where the platform allows it, otherwise each
loads it once) and take reports in chunks; a batch too small to repay starting workers runs here.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from .errors import FindingError, unexpected
from .model.classification.predictions import ClassifiedReport

#: Below this much input (bytes of all files), starting worker processes costs more than it saves:
#: one process labels the five shared reports (139 KB) in well under a second, and a worker takes
#: most of a second to start when it cannot be forked.
PARALLEL_MIN_BYTES = 1_000_000
#: Reports handed to a worker at a time (fewer round trips; the last chunks still balance).
CHUNK_REPORTS = 4


@dataclass
class FileResult:
    """What became of one input: the classified report, or the one-line error that stopped it."""

    path: str
    report: Optional[ClassifiedReport] = None
    warnings: list[str] = field(default_factory=list)
    error: Optional[str] = None
    #: the traceback of an unexpected error (not a FindingError), shown with --debug
    detail: Optional[str] = None


_NLP = {}  # model path -> loaded pipeline, per process


def _pipeline(model: Optional[str]):
    if model not in _NLP:
        from .model.classification.component import load

        _NLP[model] = load(model)
    return _NLP[model]


def classify_report(report, model: Optional[str]) -> FileResult:
    """Segment and label one read report."""
    from .model.classification.component import rows_from_doc
    from .model.classification.predictions import classified_report
    from .model.sentences import segment_report

    nlp = _pipeline(model)
    doc = segment_report(report, nlp)  # canonical text from the structured readers is read by its markers
    return FileResult(report.path, classified_report(doc, rows_from_doc(doc), report.path, report), list(report.warnings))


def classify_path(path: str, model: Optional[str]) -> FileResult:
    """Read, segment and label one input ("-" is standard input)."""
    from .model.reading import read_report, read_stdin

    try:
        report = read_stdin() if path == "-" else read_report(path)
        return classify_report(report, model)
    except FindingError as exc:
        return FileResult(path, error=str(exc))
    except Exception as exc:  # one report that breaks something must not stop the batch
        return unexpected_result(path, exc)


def unexpected_result(path: str, exc: BaseException) -> FileResult:
    """The FileResult of an unexpected exception: one line naming the input, and the traceback."""
    import traceback

    return FileResult(path, error=unexpected(exc, path), detail="".join(traceback.format_exception(exc)))


def _classify_chunk(paths: list[str], model: Optional[str]) -> list[FileResult]:
    return [classify_path(p, model) for p in paths]


def _total_bytes(paths: Iterable[str]) -> int:
    total = 0
    for p in paths:
        try:
            total += os.stat(p).st_size
        except OSError:
            pass
    return total


def use_workers(paths: list[str], jobs: int) -> bool:
    """Whether ``jobs`` worker processes are worth starting for these inputs."""
    files = [p for p in paths if p != "-"]
    return jobs > 1 and len(files) > 1 and _total_bytes(files) >= PARALLEL_MIN_BYTES


def classify_inputs(paths: list[str], model: Optional[str] = None, jobs: int = 1,
                    progress: Callable[[], None] | None = None) -> list[FileResult]:
    """One :class:`FileResult` per path, in order. ``progress`` is called once per finished input."""
    nlp = _pipeline(model)  # load once, here: a missing or broken model fails before any work
    tick = progress or (lambda: None)
    if getattr(nlp.get_pipe("finding_classifier").model, "uses_encoder", False):
        jobs = 1  # a sentence encoder is hundreds of MB: one copy, in this process, not one per worker
    if not use_workers(paths, jobs):
        out = []
        for p in paths:
            out.append(classify_path(p, model))
            tick()
        return out
    results: dict[int, FileResult] = {}
    if "-" in paths:  # standard input belongs to this process
        results[paths.index("-")] = classify_path("-", model)
        tick()
    files = [(i, p) for i, p in enumerate(paths) if p != "-"]
    chunks = [files[k : k + CHUNK_REPORTS] for k in range(0, len(files), CHUNK_REPORTS)]
    for chunk, found in zip(chunks, _map_in_workers(chunks, model, jobs)):
        for (i, _), res in zip(chunk, found):
            results[i] = res
            tick()
    return [results[i] for i in range(len(paths))]


def _map_in_workers(chunks, model, jobs):
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # Forked workers share the model this process already loaded; elsewhere each loads it once.
    from concurrent.futures.process import BrokenProcessPool

    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=ctx,
                             initializer=_pipeline, initargs=(model,)) as pool:
        futures = [pool.submit(_classify_chunk, [p for _, p in c], model) for c in chunks]
        for chunk, fut in zip(chunks, futures):
            try:
                yield fut.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory, a crash in a library): every report not yet
                # done is retried alone in a process of its own, so only the one that kills it fails.
                yield [_isolated(p, model, ctx) for _, p in chunk]
            except Exception as exc:
                yield [unexpected_result(p, exc) for _, p in chunk]


def _isolated(path: str, model: Optional[str], ctx) -> FileResult:
    from concurrent.futures import ProcessPoolExecutor

    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_pipeline, initargs=(model,)) as one:
            return one.submit(classify_path, path, model).result()
    except Exception as exc:
        return unexpected_result(path, exc)
