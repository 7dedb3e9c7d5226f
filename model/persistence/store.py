"""Saving and loading model directories safely.

A model directory holds ``model.skops`` (the fitted estimator, in skops' format: loading it never
unpickles arbitrary objects), ``meta.json`` and ``MODEL_CARD.md``. Loading accepts only the types in
:data:`TRUSTED_TYPES`, checks the file's SHA-256 against ``meta.json`` (a truncated or altered file
is refused) and checks the label set and package versions.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import warnings
from importlib import resources
from pathlib import Path

from ...atomic import check_replaceable, move_into_place, temp_dir_beside
from ...errors import ModelError
from ...schema import CARD_FILE, LABELS, META_FILE, MODEL_FILE

FORMAT_VERSION = 1
MODEL_FOLDER_FILES = {MODEL_FILE, META_FILE, CARD_FILE}

#: The only types (beyond skops' built-in safe list) a model file may contain.
TRUSTED_TYPES = [
    "finding_classifier.model.classification.estimator.FindingClassifier",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.HashingVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "numpy.float64",
    "numpy.int64",
    "numpy.dtype",
    "builtins.tuple",
]


def _skops_io():
    """Import ``skops.io`` without its import-time scan of every scikit-learn estimator.

    skops builds its default trusted list by importing all of scikit-learn (about 1.3 s, most of a
    cold start). The scan is replaced, during the import only, by the few estimator types a model
    here is made of, so skops trusts no more scikit-learn types by default than the model needs;
    loading still passes :data:`TRUSTED_TYPES` explicitly.
    """
    import sys

    if "skops.io" in sys.modules:
        return sys.modules["skops.io"]
    import sklearn.utils
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    scan = sklearn.utils.all_estimators
    sklearn.utils.all_estimators = lambda *a, **k: [
        (c.__name__, c) for c in (LogisticRegression, TfidfTransformer, TfidfVectorizer, HashingVectorizer)
    ]
    try:
        import skops.io
    finally:
        sklearn.utils.all_estimators = scan
    return skops.io


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _normalise_zip(path: Path) -> None:
    """Rewrite a skops archive with fixed timestamps, so the same model gives the same bytes."""
    import zipfile

    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    # skops names array files after id(); rename them by order of first use in the schema.
    schema = next(data for info, data in entries if info.filename == "schema.json").decode("utf-8")
    arrays = [info.filename for info, _ in entries if info.filename.endswith(".npy")]
    arrays.sort(key=lambda name: schema.find('"' + name + '"'))
    renames = {name: f"array-{i:04d}.npy" for i, name in enumerate(arrays)}
    for old, new in renames.items():
        schema = schema.replace('"' + old + '"', '"' + new + '"')
    ids: dict[str, str] = {}  # skops records id() of each object; number them by first appearance
    schema = re.sub(r'"__id__": (\d+)', lambda m: '"__id__": ' + ids.setdefault(m.group(1), str(len(ids) + 1)), schema)
    entries = [(info, schema.encode("utf-8") if info.filename == "schema.json" else data) for info, data in entries]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as dst:
        for info, data in sorted(entries, key=lambda e: renames.get(e[0].filename, e[0].filename)):
            fixed = zipfile.ZipInfo(renames.get(info.filename, info.filename), date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED  # most coefficients of unseen hash columns are zero
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)
    os.replace(tmp, path)


def default_model_dir() -> Path:
    """The shipped default model, inside the installed package."""
    return Path(str(resources.files("finding_classifier.model").joinpath("default")))


def save_model(estimator, meta: dict, card: str, output: str | Path, force: bool = False) -> Path:
    """Write a model directory atomically: everything goes to a temporary folder beside ``output``,
    which then replaces it in one rename. Refuses to replace an existing model unless ``force``."""
    sio = _skops_io()

    output = Path(output)
    check_replaceable(output, force, MODEL_FOLDER_FILES, "model", ModelError)
    tmp = temp_dir_beside(output)
    try:
        model_path = tmp / MODEL_FILE
        sio.dump(estimator, model_path)
        _normalise_zip(model_path)
        untrusted = set(sio.get_untrusted_types(file=model_path)) - set(TRUSTED_TYPES)
        if untrusted:
            raise ModelError(f"model contains types outside the trusted list: {sorted(untrusted)}", output)
        meta = dict(meta, format_version=FORMAT_VERSION, model_file=MODEL_FILE, model_sha256=sha256_file(model_path))
        (tmp / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        (tmp / CARD_FILE).write_text(card, encoding="utf-8")
        move_into_place(tmp, output)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return output


def read_meta(model_dir: str | Path) -> dict:
    model_dir = Path(model_dir)
    if not model_dir.exists():
        raise ModelError("no such model folder", model_dir)
    if not model_dir.is_dir():
        raise ModelError("a model is a folder (with model.skops and meta.json), not a file", model_dir)
    meta_path = model_dir / META_FILE
    if not meta_path.is_file():
        raise ModelError(f"missing {META_FILE}: not a model folder", model_dir)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"broken {META_FILE}: {exc}", meta_path) from None
    if not isinstance(meta, dict):
        raise ModelError("not a JSON object", meta_path)
    labels = meta.get("labels")
    if not isinstance(labels, list) or tuple(labels) != LABELS:
        raise ModelError(f"label set {meta.get('labels')} differs from this version's {list(LABELS)}", meta_path)
    return meta


def verify_file(model_dir: str | Path, meta: dict) -> Path:
    """The model file, checked against the SHA-256 in meta.json (a truncated or altered file is refused)."""
    model_dir = Path(model_dir)
    model_path = model_dir / meta.get("model_file", MODEL_FILE)
    if not model_path.is_file():
        raise ModelError(f"missing {model_path.name}", model_dir)
    expected = meta.get("model_sha256")
    if not expected or sha256_file(model_path) != expected:
        raise ModelError(f"{model_path.name} does not match the checksum in {META_FILE} (truncated or altered)", model_path)
    return model_path


def load_model(model_dir: str | Path | None = None):
    """Load (estimator, meta) from a model folder (default: the shipped model)."""
    import sklearn

    sio = _skops_io()
    model_dir = Path(model_dir) if model_dir else default_model_dir()
    meta = read_meta(model_dir)
    model_path = verify_file(model_dir, meta)
    trained_with = meta.get("versions", {}).get("scikit-learn")
    if trained_with and trained_with != sklearn.__version__:
        warnings.warn(
            f"{model_dir}: trained with scikit-learn {trained_with}, running {sklearn.__version__}; predictions may differ",
            stacklevel=2,
        )
    try:
        estimator = sio.load(model_path, trusted=TRUSTED_TYPES)
    except Exception as exc:  # skops raises several types for untrusted or malformed content
        raise ModelError(f"refused to load {model_path.name}: {exc.__class__.__name__}: {exc}", model_path) from None
    return estimator, meta
