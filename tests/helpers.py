"""Tiny annotated data written by the tests themselves (never report text)."""
from __future__ import annotations

import json
from pathlib import Path

# Sentences written for the tests, in the guideline's sense, three small "reports".
TINY = {
    "alpha": [
        ("Key findings", "Staff told us the reablement team worked well and people felt listened to.", "strength"),
        ("Key findings", "Waiting times for assessments were not consistently met and some people waited months.", "area_for_improvement"),
        ("Key findings", "The council had a duty team that met every Tuesday.", "evidence"),
        ("Key findings", "Feedback from carers was positive and reviews were timely.", "strength"),
        ("Key findings", "There were mixed views about the quality of information and advice.", "area_for_improvement"),
        ("Key findings", "There were 412 referrals in 2023.", "evidence"),
        ("Areas for development", "Strengthen oversight of the commissioning budget.", "area_for_improvement"),
        ("Areas for development", "Further work is needed to reduce the backlog of reviews.", "area_for_improvement"),
    ],
    "beta": [
        ("Summary", "Partners described leadership as strong, visible and effective.", "strength"),
        ("Summary", "Practice varied between teams and was not always recorded.", "area_for_improvement"),
        ("Summary", "The service operated across three localities.", "evidence"),
        ("Summary", "Outcomes for people were better than the national average.", "strength"),
        ("Summary", "Delays in hospital discharge remained a significant concern.", "area_for_improvement"),
        ("Summary", "The population is older than the England average.", "evidence"),
        ("Summary", "The team reviewed its policies in March.", "evidence"),
        ("Summary", "Staff were positive about training and felt well supported.", "strength"),
    ],
    "gamma": [
        ("Learning", "The authority had an innovative and effective approach to learning from complaints.", "strength"),
        ("Learning", "Learning was not shared consistently and the gap had not been addressed.", "area_for_improvement"),
        ("Learning", "A learning panel met monthly to review cases.", "evidence"),
        ("Learning", "People told us they felt respected and well supported by staff.", "strength"),
        ("Learning", "Complaints had increased and responses were often late.", "area_for_improvement"),
        ("Learning", "The board was chaired by the director.", "evidence"),
    ],
}


def write_tiny(folder: Path, reports=("alpha", "beta", "gamma"), extra: dict | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for rid in reports:
        with open(folder / f"{rid}.jsonl", "w", encoding="utf-8") as f:
            for section, text, label in TINY[rid]:
                f.write(json.dumps(dict({"report": rid, "section": section, "text": text, "label": label}, **(extra or {}))) + "\n")
    return folder


def tiny_config(path: Path, data: Path, bank_weight: float = 0.0, **model) -> Path:
    lines = ["seed = 7", "[sources.reports]", f'path = "{data.as_posix()}"', "[sources.bank]", f"weight = {bank_weight}",
             "[evaluation]", "bootstrap = 50", "learning_curve = [0.5, 1.0]", "[model]", "hash_bits = 10", "char_ngram_min = 3", "char_ngram_max = 4"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in model.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
