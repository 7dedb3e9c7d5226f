"""The training configuration: defaults from ``training/config.toml``, overridable by a user's file."""
from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path

from ..errors import FindingError
from ..schema import CHECKOUT

DEFAULT_CONFIG_NAME = "config.toml"


def default_config_text() -> str:
    return resources.files("finding_classifier.training").joinpath(DEFAULT_CONFIG_NAME).read_text(encoding="utf-8")


def _merge(base: dict, override: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in override.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def load_config(path: str | Path | None = None) -> dict:
    """The default configuration, with the keys of ``path`` (a TOML file) laid over it."""
    config = tomllib.loads(default_config_text())
    if path is None:
        return config
    path = Path(path)
    if not path.is_file():
        raise FindingError("no such config file", path)
    try:
        user = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FindingError(f"invalid TOML: {exc}", path) from None
    unknown = set(user) - set(config)
    if unknown:
        raise FindingError(f"unknown config section(s): {', '.join(sorted(unknown))}", path)
    from ..model.classification.estimator import FindingClassifier

    known_params = set(FindingClassifier().get_params())
    bad = set(user.get("model", {})) - known_params
    if bad:
        raise FindingError(f"unknown [model] key(s): {', '.join(sorted(bad))}", path)
    merged = _merge(config, user)
    _check_types(merged, config, path)
    from .estimator import make_estimator

    try:
        make_estimator(merged)  # every [model] value in its allowed range, before any work
    except FindingError as exc:
        raise FindingError(exc.message, path) from None
    return merged


def _check_types(config: dict, default: dict, path: Path) -> None:
    """Each value must have the type of its default (an int may stand for a float)."""
    for key, value in config.items():
        ref = default.get(key)
        if isinstance(ref, dict) and key != "sources":
            if not isinstance(value, dict):
                raise FindingError(f"[{key}] must be a table", path)
            _check_types(value, ref, path)
        elif key == "sources":
            for name, spec in value.items():
                if not isinstance(spec, dict):
                    raise FindingError(f"[sources.{name}] must be a table", path)
                if not isinstance(spec.get("weight", 1.0), (int, float)) or isinstance(spec.get("weight"), bool):
                    raise FindingError(f"[sources.{name}] weight must be a number", path)
                if "path" in spec and not isinstance(spec["path"], str):
                    raise FindingError(f"[sources.{name}] path must be a string", path)
        elif ref is not None and not _same_type(value, ref):
            raise FindingError(f"{key} = {value!r} must be {type(ref).__name__}", path)


def _same_type(value, ref) -> bool:
    if isinstance(ref, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(ref, bool)
    if isinstance(ref, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(ref))


def default_annotations(config: dict | None = None) -> Path:
    """The annotated real reports the config names (its held-out source), resolved."""
    config = config or load_config()
    held = [s for s in config["sources"].values() if s.get("held_out")]
    if not held:
        raise FindingError("the config has no held-out (real report) source")
    return resolve_path(held[0]["path"])


def resolve_path(path: str | Path) -> Path:
    """A data path from the config: as given if it exists (relative to the working directory), else in the checkout."""
    p = Path(path)
    if p.is_absolute() or p.exists() or CHECKOUT is None:
        return p
    return CHECKOUT / p
