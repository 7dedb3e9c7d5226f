"""The ``findings`` command line: one module per command.

    findings segment REPORT...        sentences with section and offsets (what annotators work from)
    findings classify PATH...         label every sentence of reports
    findings compare PATH... -o DIR   many reports side by side: balance, own scores, themes, evidence
    findings train                    train a model folder from annotated data
    findings evaluate                 leave-one-report-out, an external test set, or end to end
    findings metrics                  the figures stored with a model
    findings data validate|stats|agreement   check, count and compare annotation files
    findings annotate REPORT... -o DIR   correct the model on your reports in the browser
"""
from . import classify, data, evaluate, segment, train  # noqa: F401  (register the commands)
from . import annotate  # noqa: F401,E402
from . import compare  # noqa: F401
from .app import app, main

__all__ = ["app", "main"]
