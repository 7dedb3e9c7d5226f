"""Saving and loading model folders safely.

A model folder holds ``model.npz`` (the compiled classifier, :class:`LinearModel`: its arrays and,
as one JSON entry, its feature blocks; nothing in it is executable, and it is read with
``allow_pickle=False``), ``meta.json`` (provenance, configuration, figures and the file's SHA-256)
and ``MODEL_CARD.md``. Loading checks the checksum (a truncated or altered file is refused), the
label set and the format version, and never opens a file outside the folder.
"""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from importlib import resources
from pathlib import Path

import numpy as np

from ...atomic import check_replaceable, move_into_place, recover_folder, temp_dir_beside
from ...errors import ModelError
from ...schema import CARD_FILE, LABELS, META_FILE, MODEL_FILE

#: 1: a skops file of the scikit-learn estimator; 2: the compiled LinearModel as plain arrays.
FORMAT_VERSION = 2
MODEL_FOLDER_FILES = {MODEL_FILE, META_FILE, CARD_FILE}
SPEC_ENTRY = "spec"
PACKED = ".shape"  # suffix of a packed array's shape entry (see pack)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An ``.npz`` archive with fixed timestamps and order, so the same model gives the same bytes."""
    with zipfile.ZipFile(path, "w") as z:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED  # packed arrays are dense, varied floats: deflate saves little and costs load time
            info.external_attr = 0o644 << 16
            z.writestr(info, buf.getvalue())


def pack(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Store a mostly-constant float array (the coefficients of unseen hash columns are 0; their IDF is
    one value) as its shape, its common value and the positions and values of the rest: a smaller file
    that loads in a fraction of the time."""
    out = {}
    for name, arr in arrays.items():
        arr = np.asarray(arr)
        if arr.dtype.kind == "f" and arr.size > 1024:
            values, counts = np.unique(arr, return_counts=True)
            fill = values[np.argmax(counts)]
            if counts.max() > arr.size // 2:
                flat = arr.ravel()
                where = np.flatnonzero(flat != fill)
                out[name + PACKED] = np.asarray(arr.shape, dtype=np.int64)
                out[name + ".fill"] = np.asarray([fill], dtype=arr.dtype)
                out[name + ".index"] = where.astype(np.int32 if flat.size < 2**31 else np.int64)
                out[name + ".values"] = flat[where]
                continue
        out[name] = arr
    return out


def unpack(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    out = {}
    for name, arr in arrays.items():
        if name.endswith(PACKED):
            base = name[: -len(PACKED)]
            fill = arrays[base + ".fill"][0]
            size = int(np.prod(arr))
            dense = np.zeros(size, dtype=fill.dtype) if fill == 0 else np.full(size, fill)
            dense[arrays[base + ".index"]] = arrays[base + ".values"]
            out[base] = dense.reshape(tuple(int(d) for d in arr))
        elif not name.endswith((".fill", ".index", ".values")):
            out[name] = arr
    return out


def model_arrays(model) -> dict[str, np.ndarray]:
    spec = json.dumps(model.spec(), sort_keys=True).encode("utf-8")
    return dict(pack(model.arrays()), **{SPEC_ENTRY: np.frombuffer(spec, dtype=np.uint8)})


def model_from_file(path: Path):
    from ..classification.linear import LinearModel

    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = unpack({k: z[k] for k in z.files})
        spec = json.loads(bytes(arrays.pop(SPEC_ENTRY)).decode("utf-8"))
        return LinearModel.from_parts(spec, arrays)
    except ModelError:
        raise
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        raise ModelError(f"cannot read {path.name}: {exc.__class__.__name__}: {exc}", path) from None


def default_model_dir() -> Path:
    """The shipped default model, inside the installed package."""
    return Path(str(resources.files("finding_classifier.model").joinpath("default")))


#: Names of the shipped models (``--model fast`` is the default one; ``accurate`` adds a sentence encoder).
SHIPPED_MODELS = {"fast": "default", "default": "default", "accurate": "accurate"}


def model_dir_of(model: str | Path | None) -> Path:
    """The folder of a model given as a folder path or as a shipped model's name (``fast``, ``accurate``);
    ``None`` is the default (fast) model. An existing folder of that name wins over the shipped one."""
    if model is None or str(model) == "":
        return default_model_dir()
    if str(model) in SHIPPED_MODELS and not Path(model).exists():
        return Path(str(resources.files("finding_classifier.model").joinpath(SHIPPED_MODELS[str(model)])))
    return Path(model)


def save_model(model, meta: dict, card: str, output: str | Path, force: bool = False) -> Path:
    """Write a model folder atomically: everything goes to a temporary folder beside ``output``,
    which then replaces it in one rename. Refuses to replace an existing model unless ``force``.

    ``model`` is a :class:`LinearModel` (or a fitted estimator with ``compile()``)."""
    if hasattr(model, "compile"):
        model = model.compile()
    output = Path(output)
    check_replaceable(output, force, MODEL_FOLDER_FILES, "model", ModelError)
    tmp = temp_dir_beside(output)
    try:
        model_path = tmp / MODEL_FILE
        write_arrays(model_path, model_arrays(model))
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
        recover_folder(model_dir)  # an interrupted replace of this model folder
    if not model_dir.exists():
        raise ModelError("no such model folder", model_dir)
    if not model_dir.is_dir():
        raise ModelError(f"a model is a folder (with {MODEL_FILE} and {META_FILE}), not a file", model_dir)
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
    version = meta.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelError(
            f"model folder format {version!r}; this version reads format {FORMAT_VERSION} "
            "(retrain it with `findings train`)", meta_path
        )
    return meta


def verify_file(model_dir: str | Path, meta: dict) -> Path:
    """The model file, checked against the SHA-256 in meta.json (a truncated or altered file is refused).

    The file is always ``model.npz`` inside the folder: a name in meta.json is never followed, so a
    model folder cannot point at a file elsewhere."""
    model_dir = Path(model_dir)
    model_path = model_dir / MODEL_FILE
    if meta.get("model_file", MODEL_FILE) != MODEL_FILE:
        raise ModelError(f"meta.json names the model file {meta.get('model_file')!r}; it must be {MODEL_FILE!r} in the model folder", model_dir / META_FILE)
    if not model_path.is_file():
        raise ModelError(f"missing {model_path.name}", model_dir)
    expected = meta.get("model_sha256")
    if not expected or sha256_file(model_path) != expected:
        raise ModelError(f"{model_path.name} does not match the checksum in {META_FILE} (truncated or altered)", model_path)
    return model_path


def load_model(model_dir: str | Path | None = None):
    """Load ``(LinearModel, meta)`` from a model folder or a shipped model's name (default: the fast model)."""
    model_dir = model_dir_of(model_dir)
    meta = read_meta(model_dir)
    return model_from_file(verify_file(model_dir, meta)), meta
