"""The ``findings`` console script. Importing the command line (typer, spaCy, NumPy) takes a second
or more; Ctrl-C in that time ends the command with one line, as it does later, not a traceback."""
from __future__ import annotations

import signal
import sys


def _interrupted(signum, frame):
    sys.stderr.write("error: interrupted\n")
    raise SystemExit(130)


def main() -> None:
    previous = signal.signal(signal.SIGINT, _interrupted)
    from .cli import main as cli_main

    signal.signal(signal.SIGINT, previous)
    cli_main()
