"""PNG plots of an evaluation (matplotlib, no display needed)."""
from __future__ import annotations

from pathlib import Path


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def confusion_png(confusion: dict, path: Path) -> None:
    plt = _plt()
    labels, matrix = confusion["labels"], confusion["matrix"]
    fig, ax = plt.subplots(figsize=(5.5, 4.5), dpi=110)
    im = ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), [lab.replace("_", "\n") for lab in labels])
    ax.set_yticks(range(len(labels)), [lab.replace("_", "\n") for lab in labels])
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    top = max(max(r) for r in matrix) or 1
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v > top / 2 else "black")
    fig.colorbar(im, ax=ax)
    ax.set_title("Confusion matrix")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def reliability_png(curve: list[dict], path: Path) -> None:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(5, 4.5), dpi=110)
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfectly calibrated")
    ax.plot([c["confidence"] for c in curve], [c["accuracy"] for c in curve], "o-", label="model")
    for c in curve:
        ax.annotate(str(c["count"]), (c["confidence"], c["accuracy"]), fontsize=7, xytext=(3, -9), textcoords="offset points")
    ax.set_xlabel("mean confidence of the predicted label")
    ax.set_ylabel("accuracy")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title("Reliability curve (numbers: sentences per bin)")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def learning_curve_png(points: list[dict], path: Path) -> None:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(5.5, 4), dpi=110)
    ax.plot([p["train_sentences"] for p in points], [p["macro_f1"] for p in points], "o-")
    ax.set_xlabel("training sentences per fold (nested subsets)")
    ax.set_ylabel("macro-F1 (leave-one-report-out)")
    ax.set_title("Learning curve")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
