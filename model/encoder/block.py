"""The sentence-embedding feature block: a scikit-learn transformer for training and the compiled
block a model folder stores (the encoder's record, not its weights)."""
from __future__ import annotations

import os

import numpy as np

from ..classification.transformers import DictInputTransformer

#: Environment variable naming a local folder (or package) to use instead of the encoder name a
#: model records; the weights must still have the recorded SHA-256.
ENCODER_ENV = "FINDINGS_ENCODER"


def texts_of(inputs) -> list[str]:
    """The sentence text of each input (its tokens joined when an input carries no text)."""
    return [x.get("text") or " ".join(x["tokens"]) for x in inputs]


class SentenceEmbeddings(DictInputTransformer):
    """Frozen sentence embeddings (mean-pooled, L2-normalised) of each input's text: a dense block."""

    def __init__(self, encoder: str = ""):
        self.encoder = encoder

    def _loaded(self):
        from .runtime import load_encoder

        return load_encoder(self.encoder)

    def fit(self, X, y=None):
        enc = self._loaded()
        self.record_ = enc.record()
        self.n_features_out_ = enc.dim
        return self

    def transform(self, X):
        return self._loaded().encode(texts_of(list(X)))

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"embedding_{i}" for i in range(self.n_features_out_)], dtype=object)


class EncoderBlock:
    """A model's embedding block at run time: the encoder named in its record, checked by SHA-256."""

    def __init__(self, name: str, record: dict, weight: float = 1.0, cache: bool = False):
        from .runtime import load_encoder

        self.name, self.record, self.weight, self.cache, self.offset = name, dict(record), float(weight), cache, 0
        source = os.environ.get(ENCODER_ENV) or record["name"]
        self.encoder = load_encoder(source, expected=record)
        if self.encoder.dim != int(record["dim"]):
            from .runtime import EncoderError

            raise EncoderError(f"encoder {source!r} gives {self.encoder.dim} dimensions, the model was trained with {record['dim']}")

    @property
    def width(self) -> int:
        return int(self.record["dim"])

    def dense(self, inputs) -> np.ndarray:
        return self.encoder.encode(texts_of(list(inputs)), cache=self.cache).astype(np.float64) * self.weight

    def spec(self) -> dict:
        return {"type": "encoder", "name": self.name, "encoder": self.record, "weight": self.weight}
