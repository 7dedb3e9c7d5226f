"""A BERT or MPNet sentence encoder's weights (``model.safetensors`` + ``config.json``) as an ONNX graph.

The graph takes ``input_ids`` and ``attention_mask`` (int64, batch x length) and returns the last
hidden state (batch x length x hidden); pooling happens outside (:mod:`.runtime`). It is built with
the ``onnx`` package's helpers from the safetensors arrays, so exporting needs neither PyTorch nor
the ``transformers`` library; ONNX Runtime then runs it on the CPU. The two architectures are the
ones of the sentence-transformers models the project uses (all-MiniLM-L6-v2 is a BERT,
all-mpnet-base-v2 an MPNet); the layer layout follows their Hugging Face implementations:

- BERT: word + absolute position + token-type embeddings, LayerNorm; per layer self-attention with
  the padding mask, output projection, residual + LayerNorm, GELU feed-forward, residual + LayerNorm.
- MPNet: the same, with position ids counted from the padding id, no token types, and a relative
  position bias (32 buckets, shared by all layers) added to every layer's attention scores.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

OPSET = 17
SUPPORTED = ("bert", "mpnet")


def relative_position_buckets(length: int, num_buckets: int = 32, max_distance: int = 128) -> np.ndarray:
    """MPNet's (T5-style) bucket of each (query, key) offset, ``length x length`` int64."""
    context = np.arange(length)[:, None]
    memory = np.arange(length)[None, :]
    n = -(memory - context)
    half = num_buckets // 2
    ret = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    max_exact = half // 2
    is_small = n < max_exact
    with np.errstate(divide="ignore"):
        large = max_exact + (np.log(np.maximum(n, 1) / max_exact) / math.log(max_distance / max_exact) * (half - max_exact)).astype(np.int64)
    large = np.minimum(large, half - 1)
    return ret + np.where(is_small, n, large)


class _Graph:
    def __init__(self):
        from onnx import helper

        self.h = helper
        self.nodes, self.inits, self._n = [], [], 0

    def name(self, stem: str) -> str:
        self._n += 1
        return f"{stem}_{self._n}"

    def const(self, array: np.ndarray, stem: str = "c") -> str:
        from onnx import numpy_helper

        name = self.name(stem)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def op(self, kind: str, *inputs: str, **attrs) -> str:
        out = self.name(kind.lower())
        self.nodes.append(self.h.make_node(kind, list(inputs), [out], **attrs))
        return out


def _linear(g: _Graph, x: str, weights: dict, prefix: str) -> str:
    w = weights[prefix + ".weight"].astype(np.float32).T  # torch Linear stores out x in
    return g.op("Add", g.op("MatMul", x, g.const(w, "w")), g.const(weights[prefix + ".bias"].astype(np.float32), "b"))


def _layer_norm(g: _Graph, x: str, weights: dict, prefix: str, eps: float) -> str:
    return g.op("LayerNormalization", x, g.const(weights[prefix + ".weight"].astype(np.float32), "ln_w"),
                g.const(weights[prefix + ".bias"].astype(np.float32), "ln_b"), axis=-1, epsilon=float(eps))


def _gelu(g: _Graph, x: str) -> str:  # exact GELU: x * 0.5 * (1 + erf(x / sqrt(2)))
    erf = g.op("Erf", g.op("Div", x, g.const(np.array(math.sqrt(2.0), dtype=np.float32))))
    return g.op("Mul", g.op("Mul", x, g.const(np.array(0.5, dtype=np.float32))), g.op("Add", erf, g.const(np.array(1.0, dtype=np.float32))))


def _attention(g: _Graph, x: str, weights: dict, names: tuple[str, str, str, str], heads: int, hidden: int, mask_bias: str, position_bias: str | None) -> str:
    d = hidden // heads
    split = g.const(np.array([0, 0, heads, d], dtype=np.int64), "shape")
    q = g.op("Transpose", g.op("Reshape", _linear(g, x, weights, names[0]), split), perm=[0, 2, 1, 3])
    k = g.op("Transpose", g.op("Reshape", _linear(g, x, weights, names[1]), split), perm=[0, 2, 3, 1])
    v = g.op("Transpose", g.op("Reshape", _linear(g, x, weights, names[2]), split), perm=[0, 2, 1, 3])
    scores = g.op("Mul", g.op("MatMul", q, k), g.const(np.array(1.0 / math.sqrt(d), dtype=np.float32)))
    if position_bias is not None:
        scores = g.op("Add", scores, position_bias)
    probs = g.op("Softmax", g.op("Add", scores, mask_bias), axis=-1)
    ctx = g.op("Reshape", g.op("Transpose", g.op("MatMul", probs, v), perm=[0, 2, 1, 3]), g.const(np.array([0, 0, hidden], dtype=np.int64), "shape"))
    return _linear(g, ctx, weights, names[3])


def strip_prefix(weights: dict, model_type: str) -> dict:
    """Weight names without the ``bert.``/``mpnet.`` prefix a task model puts before them."""
    prefix = model_type + "."
    if any(k.startswith(prefix + "embeddings.") for k in weights):
        return {k[len(prefix):]: v for k, v in weights.items() if k.startswith(prefix)}
    return weights


def build_graph(config: dict, weights: dict):
    """The ONNX ``ModelProto`` of an encoder from its Hugging Face ``config.json`` and weights."""
    from onnx import TensorProto, checker, helper

    kind = config.get("model_type")
    if kind not in SUPPORTED:
        raise ValueError(f"encoder architecture {kind!r} is not one this exporter knows ({', '.join(SUPPORTED)})")
    weights = strip_prefix(weights, kind)
    hidden, heads, layers = int(config["hidden_size"]), int(config["num_attention_heads"]), int(config["num_hidden_layers"])
    eps = float(config.get("layer_norm_eps", 1e-12))
    g = _Graph()
    ids, mask = "input_ids", "attention_mask"
    # padding mask as an additive bias, batch x 1 x 1 x length
    maskf = g.op("Cast", mask, to=TensorProto.FLOAT)
    mask_bias = g.op("Unsqueeze", g.op("Mul", g.op("Sub", g.const(np.array(1.0, dtype=np.float32)), maskf), g.const(np.array(-1e9, dtype=np.float32))),
                     g.const(np.array([1, 2], dtype=np.int64), "axes"))
    x = g.op("Gather", g.const(weights["embeddings.word_embeddings.weight"].astype(np.float32), "word_emb"), ids, axis=0)
    length = g.op("Gather", g.op("Shape", ids), g.const(np.array([1], dtype=np.int64), "one"), axis=0)
    zero = g.const(np.array([0], dtype=np.int64), "zero")
    position_bias = None
    if kind == "bert":
        pos = g.op("Slice", g.const(weights["embeddings.position_embeddings.weight"].astype(np.float32), "pos_emb"), zero, length, zero)
        x = g.op("Add", x, pos)
        types = weights.get("embeddings.token_type_embeddings.weight")
        if types is not None:
            x = g.op("Add", x, g.const(types[0].astype(np.float32), "type_emb"))
        names = lambda i: (f"encoder.layer.{i}.attention.self.query", f"encoder.layer.{i}.attention.self.key",  # noqa: E731
                           f"encoder.layer.{i}.attention.self.value", f"encoder.layer.{i}.attention.output.dense")
        attn_ln = lambda i: f"encoder.layer.{i}.attention.output.LayerNorm"  # noqa: E731
    else:
        pad = int(config.get("pad_token_id", 1))
        not_pad = g.op("Cast", g.op("Not", g.op("Equal", ids, g.const(np.array(pad, dtype=np.int64)))), to=TensorProto.INT64)
        positions = g.op("Add", g.op("Mul", g.op("CumSum", not_pad, g.const(np.array(1, dtype=np.int64))), not_pad), g.const(np.array(pad, dtype=np.int64)))
        x = g.op("Add", x, g.op("Gather", g.const(weights["embeddings.position_embeddings.weight"].astype(np.float32), "pos_emb"), positions, axis=0))
        max_len = int(config.get("max_position_embeddings", 514))
        buckets = relative_position_buckets(max_len, int(config.get("relative_attention_num_buckets", 32)))
        two = g.const(np.array([0, 1], dtype=np.int64), "axes01")
        ends = g.op("Concat", length, length, axis=0)
        sliced = g.op("Slice", g.const(buckets, "buckets"), g.const(np.array([0, 0], dtype=np.int64)), ends, two)
        bias = g.op("Gather", g.const(weights["encoder.relative_attention_bias.weight"].astype(np.float32), "rel_bias"), sliced, axis=0)  # L x L x H
        position_bias = g.op("Unsqueeze", g.op("Transpose", bias, perm=[2, 0, 1]), zero)  # 1 x H x L x L
        names = lambda i: (f"encoder.layer.{i}.attention.attn.q", f"encoder.layer.{i}.attention.attn.k",  # noqa: E731
                           f"encoder.layer.{i}.attention.attn.v", f"encoder.layer.{i}.attention.attn.o")
        attn_ln = lambda i: f"encoder.layer.{i}.attention.LayerNorm"  # noqa: E731
    x = _layer_norm(g, x, weights, "embeddings.LayerNorm", eps)
    for i in range(layers):
        a = _layer_norm(g, g.op("Add", _attention(g, x, weights, names(i), heads, hidden, mask_bias, position_bias), x), weights, attn_ln(i), eps)
        f = _linear(g, _gelu(g, _linear(g, a, weights, f"encoder.layer.{i}.intermediate.dense")), weights, f"encoder.layer.{i}.output.dense")
        x = _layer_norm(g, g.op("Add", f, a), weights, f"encoder.layer.{i}.output.LayerNorm", eps)
    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"]))
    graph = helper.make_graph(
        g.nodes, f"{kind}_encoder",
        [helper.make_tensor_value_info(ids, TensorProto.INT64, ["batch", "length"]),
         helper.make_tensor_value_info(mask, TensorProto.INT64, ["batch", "length"])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "length", hidden])],
        initializer=g.inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="finding-classifier")
    model.ir_version = 8
    checker.check_model(model) if model.ByteSize() < 2**31 - 1 else None
    return model


def export(folder: Path, output: Path) -> Path:
    """Write the ONNX graph of the encoder in ``folder`` (``config.json`` + ``model.safetensors``) to ``output``."""
    import onnx
    from safetensors.numpy import load_file

    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    graph = build_graph(config, load_file(str(folder / "model.safetensors")))
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    onnx.save_model(graph, str(tmp))
    tmp.replace(output)
    return output
