"""The ``findings`` Typer application, shared options and the one-line error handling of every command."""
from __future__ import annotations

import functools
import os
import sys
from contextlib import contextmanager
import warnings
from enum import Enum
from pathlib import Path
from typing import Optional

import click
import typer

from ..atomic import write_text
from ..errors import DEBUG_ENV, FindingError, debug_enabled, unexpected

class _Commands(typer.Typer):
    """A Typer whose commands turn a FindingError, and any unexpected exception, into one line on
    stderr and exit code 1 (130 for an interrupt)."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)

        def wrap(func):
            @functools.wraps(func)
            def run(*a, **k):
                with warnings.catch_warnings():
                    warnings.simplefilter("default")
                    warnings.showwarning = lambda message, *_a, **_k: _warn(str(message))  # one line each
                    try:
                        return func(*a, **k)
                    except FindingError as exc:
                        _err(str(exc))
                        raise typer.Exit(1)
                    except (typer.Exit, typer.Abort, click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
                        raise
                    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: what was being written has been removed
                        _err("interrupted")
                        raise typer.Exit(130)
                    except Exception as exc:  # a bug or an input nothing foresaw: one line, not a traceback
                        if _INTERRUPT["seen"]:  # Ctrl-C inside a C extension's import comes out as ImportError
                            _err("interrupted")
                            raise typer.Exit(130)
                        _unexpected(exc, getattr(exc, "_finding_input", None))
                        raise typer.Exit(1)

            return register(run)

        return wrap


app = _Commands(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Label each sentence of health and social care assessment reports as strength, area_for_improvement or evidence.",
)
data_app = _Commands(no_args_is_help=True, help="Check and summarise annotation files (the guideline's JSONL format).")
app.add_typer(data_app, name="data")


@app.callback()
def _options(debug: bool = typer.Option(False, "--debug", help=f"Show the traceback of an unexpected error (as {DEBUG_ENV}=1 does).")):
    if debug:
        os.environ[DEBUG_ENV] = "1"  # also seen by worker processes


def _unexpected(exc: BaseException, what: str | None, detail: str | None = None) -> None:
    """Report an unexpected exception: its traceback with --debug, else one line."""
    if debug_enabled():
        import traceback

        sys.stderr.write(detail or "".join(traceback.format_exception(exc)))
    _err(unexpected(exc, what))


class SegmentFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


class ClassifyFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    html = "html"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


def _err(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


def _warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def _emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        write_text(output, text)


def _console():
    from rich.console import Console

    return Console(soft_wrap=False)


def unique_id(report_id: str, path: str, seen: dict) -> str:
    """Report ids come from file names; two files with one name in a batch get -2, -3, ..."""
    n = seen.get(report_id, 0) + 1
    seen[report_id] = n
    if n == 1:
        return report_id
    new = f"{report_id}-{n}"
    _warn(f"{path}: another input is also called {report_id!r}; this one is reported as {new!r}")
    return new


def classify_paths(paths: list[str], model: Optional[Path], jobs: int = 1, stdin: bool = True,
                   output: Optional[Path] = None, force: bool = False, folder: bool = False):
    """Expand, read and label the inputs (progress bar on a terminal), reporting each failure and
    warning as one line. Returns the classified reports (ids made unique) and the number that failed.
    ``output`` is checked against the expanded inputs first (see :func:`check_output_file`)."""
    from ..atomic import check_output_file
    from ..model.reading import expand_inputs
    from ..pipeline import classify_inputs

    files, failures = expand_inputs(paths)
    check_output_file(output, files, force, folder)
    if not stdin and "-" in files:
        files = [f for f in files if f != "-"]
        _warn("standard input is not read by this command; give report files")
    for f in failures:
        _err(str(f))
    with progress_bar(len(files), "classifying") as tick:
        results = classify_inputs(files, str(model) if model else None, jobs=jobs, progress=tick)
    reports, bad, seen_ids = [], len(failures), {}
    for res in results:
        for w in res.warnings:
            _warn(w)
        if res.error:
            if res.detail and debug_enabled():
                sys.stderr.write(res.detail)
            _err(res.error)
            bad += 1
            continue
        if not res.report.predictions:
            _warn(f"{res.path}: no sentences of body prose found")
            continue
        res.report.rename(unique_id(res.report.id, res.path, seen_ids))
        reports.append(res.report)
    return reports, bad


@contextmanager
def progress_bar(total: int, what: str):
    """A progress bar on stderr when it is a terminal and there is more than one item; else a no-op.
    Yields the function to call once per finished item."""
    if not (sys.stderr.isatty() and total > 1):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(what, total=total)
        yield lambda: bar.advance(task)


_INTERRUPT = {"seen": False}


def _terminate(signum, frame):
    raise KeyboardInterrupt  # SIGTERM cleans up as Ctrl-C does: no temporary file or folder is left


def _interrupt(signum, frame):
    _INTERRUPT["seen"] = True
    raise KeyboardInterrupt


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _interrupt)
    try:
        app()
    except FindingError as exc:
        _err(str(exc))
        sys.exit(1)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except Exception as exc:  # raised outside a command (option parsing, start-up)
        if _INTERRUPT["seen"]:
            _err("interrupted")
            sys.exit(130)
        _unexpected(exc, None)
        sys.exit(1)
    finally:
        # The command has finished (or said why not): a Ctrl-C while the interpreter shuts down
        # changes nothing, so it is ignored rather than killing the process with SIGINT's status.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    main()
