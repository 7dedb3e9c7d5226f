"""The plots of ``findings compare`` as PNG bytes (matplotlib, no display): a heat map of balance
by report and section, and a bar chart of the themes of areas for improvement. Values are written
in the cells and bars, so the plots read without colour too."""
from __future__ import annotations

import io

from .styles import BALANCE_COLOURS, LABEL_COLOURS, LABEL_HATCHES


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig) -> bytes:
    buf = io.BytesIO()
    # no timestamps or software versions in the file: the same figures give the same bytes
    fig.savefig(buf, format="png", metadata={"Software": None})
    _plt().close(fig)
    return buf.getvalue()


def balance_heatmap_png(rows: list[str], columns: list[str], values: list[list[float | None]]) -> bytes:
    """``values[i][j]``: the balance of report ``rows[i]`` in section ``columns[j]`` (None: no such section)."""
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    plt = _plt()
    cmap = LinearSegmentedColormap.from_list("balance", BALANCE_COLOURS).with_extremes(bad="#ffffff")
    data = np.array([[np.nan if v is None else v for v in row] for row in values], dtype=float).reshape(len(rows), len(columns))
    width = min(4 + 0.55 * len(columns), 40)
    height = 2.2 + 0.42 * len(rows) + 0.06 * max((len(c) for c in columns), default=0)
    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    im = ax.imshow(np.ma.masked_invalid(data), cmap=cmap, vmin=-1, vmax=1, aspect="auto")
    for i in range(len(rows)):
        for j in range(len(columns)):
            v = data[i, j]
            if np.isnan(v):
                ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="xx", edgecolor="#d0d0d0", linewidth=0))
            else:
                ax.text(j, i, f"{v:+.1f}", ha="center", va="center", fontsize=7, color="white" if abs(v) > 0.6 else "black")
    ax.set_xticks(range(len(columns)), [_short(c) for c in columns], rotation=60, ha="right", fontsize=7)
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    cb = fig.colorbar(im, ax=ax, fraction=0.025, pad=0.01)
    cb.set_label("balance: (strengths - areas) / sentences", fontsize=7)
    ax.set_title("Balance by report and section (blank: the report has no such section)", fontsize=9)
    fig.tight_layout()
    return _png(fig)


def themes_png(labels: list[str], sentences: list[int], reports: list[int]) -> bytes:
    plt = _plt()
    n = len(labels)
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.38 * max(n, 1)), dpi=100)
    y = list(range(n))[::-1]
    ax.barh(y, sentences, color=LABEL_COLOURS["area_for_improvement"] + "55", edgecolor=LABEL_COLOURS["area_for_improvement"],
            hatch=LABEL_HATCHES["area_for_improvement"], linewidth=1)
    for yi, s, r in zip(y, sentences, reports):
        ax.text(s, yi, f"  {s} sentences, {r} report{'s' if r != 1 else ''}", va="center", fontsize=7)
    ax.set_yticks(y, [f"{i + 1}. {_short(lab, 48)}" for i, lab in enumerate(labels)], fontsize=8)
    ax.set_xlabel("areas for improvement (sentences)", fontsize=8)
    ax.set_xlim(0, max(sentences, default=1) * 1.45)
    ax.set_title("Themes of areas for improvement across reports", fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return _png(fig)


def _short(text: str, n: int = 38) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"
