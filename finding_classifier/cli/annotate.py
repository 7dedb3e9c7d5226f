"""``findings annotate``: correct the model's labels on your own reports in the browser, then retrain."""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import FindingError
from .app import ReportFormat, _console, _warn, app


class AnnotateOrder(str, Enum):
    document = "document"
    uncertain = "uncertain"


@app.command()
def annotate(
    reports: List[str] = typer.Argument(None, help="Report files (.txt .md .html .htm .pdf), folders or globs."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the decisions: one <report>.jsonl per report, resumed if it exists."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model that suggests the labels (default: the shipped model)."),
    annotator: Optional[str] = typer.Option(None, "--annotator", help="Your name or initials, written on every line."),
    order: AnnotateOrder = typer.Option(AnnotateOrder.document, "--order", help="document (reading order) or uncertain (smallest margin between the model's top two labels first)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to serve on. Anything but this machine's loopback lets others on the network reach the page."),
    port: int = typer.Option(0, "--port", min=0, max=65535, help="Port (default: any free one)."),
    browser: bool = typer.Option(True, "--browser/--no-browser", help="Open the page in the browser, or only print its URL."),
    summary: bool = typer.Option(False, "--summary", help="Do not serve: show how often the model was right on the decisions in the --output folder."),
    format: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f", help="With --summary: table, or json."),
):
    """Label your reports' sentences one at a time (the model's suggestion shown), saved as annotation files at once."""
    from ..annotate import summarize_folder

    if summary:
        _print_summary(summarize_folder(output), format)
        return
    if not reports:
        raise FindingError("give the report files to annotate (or --summary for the figures so far)")
    from ..annotate import FolderLock, Session, build_reports
    from ..annotate.server import create_app, is_loopback, listen, new_token, run, url_for
    from ..annotate.storage import prepare_folder

    if not is_loopback(host):
        _warn(f"serving on {host}: anyone who can reach this machine there and has the URL can read these reports "
              "and change the labels, and the URL travels unencrypted (plain HTTP)")
    with FolderLock(prepare_folder(output)) as lock:
        sock = listen(host, port)
        try:
            typer.echo("reading and labelling the reports...", err=True)
            entries, warnings = build_reports(reports, str(model) if model else None)
            for w in warnings:
                _warn(w)
            session = Session(entries, output, annotator, order.value)
            for w in session.warnings:
                _warn(w)
            token = new_token()
            url = url_for(sock, token)
            lock.note(url)
            p = session.progress()
            typer.echo(f"{p['done']} of {p['total']} sentences in {len(entries)} report(s) already decided; "
                       f"saving to {output}/. Stop with Ctrl-C (nothing is lost).", err=True)
            typer.echo(url)
            if browser:
                _open_browser(url)
            run(create_app(session, token), sock)
        finally:
            sock.close()
    typer.echo(f"stopped; your decisions are in {output}/ (see `findings annotate --summary -o {output}`)", err=True)


def _open_browser(url: str) -> None:
    """Open the page in a graphical browser; never a text browser in this terminal (it would take it over)."""
    import os
    import sys
    import webbrowser

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        _warn("no graphical display here: open the URL above in a browser")
        return
    try:
        if not webbrowser.open(url):
            _warn("could not open a browser: open the URL above yourself")
    except webbrowser.Error:
        _warn("could not open a browser: open the URL above yourself")


def _print_summary(s, format: ReportFormat) -> None:
    from rich.table import Table

    if format == ReportFormat.json:
        typer.echo(json.dumps(s.to_dict(), indent=2))
        return
    if not s.sentences:
        typer.echo("no decisions with a model suggestion yet" + (f" ({s.without_suggestion} line(s) without one)" if s.without_suggestion else ""))
        return
    pct = lambda v: "-" if v is None else f"{v:.0%}"  # noqa: E731
    console = _console()
    console.print(f"The model agreed with you on {s.agreed} of {s.sentences} sentences ({pct(s.accuracy)}, 95% interval "
                  f"{pct(s.interval[0])}-{pct(s.interval[1])}) in {s.reports} report(s). Sentences of one report are alike, "
                  "so the interval is too narrow; with --order uncertain the least certain sentences come first, "
                  "so until the reports are finished the figure understates the model.")
    t = Table(title="per label")
    t.add_column("your label", no_wrap=True, min_width=20)
    for col in ("sentences", "model right", "recall", "model suggested", "precision"):
        t.add_column(col, justify="right")
    for f in s.per_label:
        t.add_row(f.label, str(f.annotated), str(f.model_right), pct(f.recall), str(f.suggested), pct(f.precision))
    console.print(t)
    c = Table(title="confusion (rows: your label, columns: the model's suggestion)")
    c.add_column("", no_wrap=True, min_width=20)
    for lab in s.labels:
        c.add_column(lab, justify="right")
    for lab, row in zip(s.labels, s.confusion):
        c.add_row(lab, *[str(v) for v in row])
    console.print(c)
    if s.without_suggestion:
        console.print(f"{s.without_suggestion} line(s) carry no model suggestion and are not counted.")
