"""finding-classifier: label each sentence of a health and social care assessment report as a
strength, an area for improvement or evidence.

    >>> import finding_classifier
    >>> nlp = finding_classifier.load()          # the shipped default model
    >>> doc = nlp(report_text)
    >>> for sent in doc.spans["sentences"]:
    ...     print(sent._.label, sent._.probs, sent._.section, sent.text)
"""
from __future__ import annotations

from .schema import LABELS


def __getattr__(name: str):
    # __version__ is looked up when asked for: reading the installed metadata takes a noticeable
    # time, and the `findings` script installs its Ctrl-C handler only after this package is imported
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("finding-classifier")
        except PackageNotFoundError:  # running from a source tree that is not installed
            return "0.0.0"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(model: str | None = None):
    """A spaCy pipeline that segments a report and labels its sentences (``model``: a model folder;
    default: the shipped model)."""
    from .model.classification.component import load as _load

    return _load(model)


__all__ = ["LABELS", "load", "__version__"]
