#!/usr/bin/env python3
"""Reference training step for the infoloop `transformer` learner, in numpy (float32).

The same model (token + position embeddings, pre-LayerNorm blocks, causal multi-head attention,
tanh-GELU MLP of width 4d, tied head) and the same step (weighted cross-entropy, backward pass,
global-norm clipping, AdamW) as src/learners/transformer/, so that tokens/s can be compared.
Prints one JSON object: {"preset", "batch", "context", "steps", "seconds_per_step", "tokens_per_second"}.
"""
import argparse
import json
import math
import time

import numpy as np

PRESETS = {"xs": (1, 16, 2, 16), "s": (2, 64, 4, 64), "m": (4, 128, 4, 128)}  # layers, width, heads, context
EPS = 1e-5
GELU_C = math.sqrt(2 / math.pi)


def layer_norm(x, gain, bias):
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    inv = 1.0 / np.sqrt((centred * centred).mean(-1, keepdims=True) + EPS)
    normalised = centred * inv
    return normalised * gain + bias, (normalised, inv)


def layer_norm_back(dy, cache, gain):
    normalised, inv = cache
    dn = dy * gain
    dgain = (dy * normalised).reshape(-1, dy.shape[-1]).sum(0)
    dbias = dy.reshape(-1, dy.shape[-1]).sum(0)
    dx = inv * (dn - dn.mean(-1, keepdims=True) - normalised * (dn * normalised).mean(-1, keepdims=True))
    return dx, dgain, dbias


def init(vocab, layers, d, context, rng):
    p = {"wte": rng.normal(0, 0.02, (vocab, d)), "wpe": rng.normal(0, 0.02, (context, d))}
    res = 0.02 / math.sqrt(2 * layers)
    for l in range(layers):
        p[f"{l}.ln1g"], p[f"{l}.ln1b"] = np.ones(d), np.zeros(d)
        p[f"{l}.wqkv"], p[f"{l}.bqkv"] = rng.normal(0, 0.02, (d, 3 * d)), np.zeros(3 * d)
        p[f"{l}.wo"], p[f"{l}.bo"] = rng.normal(0, res, (d, d)), np.zeros(d)
        p[f"{l}.ln2g"], p[f"{l}.ln2b"] = np.ones(d), np.zeros(d)
        p[f"{l}.w1"], p[f"{l}.b1"] = rng.normal(0, 0.02, (d, 4 * d)), np.zeros(4 * d)
        p[f"{l}.w2"], p[f"{l}.b2"] = rng.normal(0, res, (4 * d, d)), np.zeros(d)
    p["lnfg"], p["lnfb"] = np.ones(d), np.zeros(d)
    return {k: v.astype(np.float32) for k, v in p.items()}


def loss_and_grads(p, tokens, targets, weights, layers, heads):
    B, T = tokens.shape
    V, d = p["wte"].shape
    hw = d // heads
    mask = np.triu(np.full((T, T), -1e9, dtype=np.float32), 1)
    x = p["wte"][tokens] + p["wpe"][:T]
    caches = []
    for l in range(layers):
        h, n1 = layer_norm(x, p[f"{l}.ln1g"], p[f"{l}.ln1b"])
        qkv = h @ p[f"{l}.wqkv"] + p[f"{l}.bqkv"]
        q, k, v = (qkv[..., i * d:(i + 1) * d].reshape(B, T, heads, hw).transpose(0, 2, 1, 3) for i in range(3))
        s = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(hw)) + mask
        s = np.exp(s - s.max(-1, keepdims=True))
        prob = s / s.sum(-1, keepdims=True)
        a = (prob @ v).transpose(0, 2, 1, 3).reshape(B, T, d)
        x1 = x + a @ p[f"{l}.wo"] + p[f"{l}.bo"]
        h2, n2 = layer_norm(x1, p[f"{l}.ln2g"], p[f"{l}.ln2b"])
        u = h2 @ p[f"{l}.w1"] + p[f"{l}.b1"]
        th = np.tanh(GELU_C * (u + 0.044715 * u ** 3))
        g = 0.5 * u * (1 + th)
        x = x1 + g @ p[f"{l}.w2"] + p[f"{l}.b2"]
        caches.append((h, n1, q, k, v, prob, a, h2, n2, u, th, g))
    xf, nf = layer_norm(x, p["lnfg"], p["lnfb"])
    logits = xf @ p["wte"].T
    logits -= logits.max(-1, keepdims=True)
    logz = np.log(np.exp(logits).sum(-1, keepdims=True))
    logp = logits - logz
    picked = np.take_along_axis(logp, targets[..., None], -1)[..., 0]
    loss = -(picked * weights).sum()
    grads = {}
    dlogits = np.exp(logp) * weights[..., None]
    np.put_along_axis(dlogits, targets[..., None], np.take_along_axis(dlogits, targets[..., None], -1) - weights[..., None], -1)
    grads["wte"] = dlogits.reshape(-1, V).T @ xf.reshape(-1, d)
    dx, grads["lnfg"], grads["lnfb"] = layer_norm_back(dlogits @ p["wte"], nf, p["lnfg"])
    for l in reversed(range(layers)):
        h, n1, q, k, v, prob, a, h2, n2, u, th, g = caches[l]
        grads[f"{l}.w2"] = g.reshape(-1, 4 * d).T @ dx.reshape(-1, d)
        grads[f"{l}.b2"] = dx.reshape(-1, d).sum(0)
        dg = dx @ p[f"{l}.w2"].T
        du = dg * (0.5 * (1 + th) + 0.5 * u * (1 - th * th) * GELU_C * (1 + 3 * 0.044715 * u * u))
        grads[f"{l}.w1"] = h2.reshape(-1, d).T @ du.reshape(-1, 4 * d)
        grads[f"{l}.b1"] = du.reshape(-1, 4 * d).sum(0)
        dh2, grads[f"{l}.ln2g"], grads[f"{l}.ln2b"] = layer_norm_back(du @ p[f"{l}.w1"].T, n2, p[f"{l}.ln2g"])
        dx1 = dx + dh2
        grads[f"{l}.wo"] = a.reshape(-1, d).T @ dx1.reshape(-1, d)
        grads[f"{l}.bo"] = dx1.reshape(-1, d).sum(0)
        da = (dx1 @ p[f"{l}.wo"].T).reshape(B, T, heads, hw).transpose(0, 2, 1, 3)
        dprob = da @ v.transpose(0, 1, 3, 2)
        dv = prob.transpose(0, 1, 3, 2) @ da
        ds = prob * (dprob - (dprob * prob).sum(-1, keepdims=True)) / np.float32(math.sqrt(hw))
        dq = ds @ k
        dk = ds.transpose(0, 1, 3, 2) @ q
        dqkv = np.concatenate([t.transpose(0, 2, 1, 3).reshape(B, T, d) for t in (dq, dk, dv)], -1)
        grads[f"{l}.wqkv"] = h.reshape(-1, d).T @ dqkv.reshape(-1, 3 * d)
        grads[f"{l}.bqkv"] = dqkv.reshape(-1, 3 * d).sum(0)
        dh, grads[f"{l}.ln1g"], grads[f"{l}.ln1b"] = layer_norm_back(dqkv @ p[f"{l}.wqkv"].T, n1, p[f"{l}.ln1g"])
        dx = dx1 + dh
    grads["wpe"] = np.zeros_like(p["wpe"])
    grads["wpe"][:T] = dx.sum(0)
    np.add.at(grads["wte"], tokens.reshape(-1), dx.reshape(-1, d))
    return loss, grads


def adamw(p, grads, state, lr, clip=1.0, b1=0.9, b2=0.95, eps=1e-8, wd=0.1):
    norm = math.sqrt(sum(float((g * g).sum()) for g in grads.values()))
    scale = min(1.0, clip / norm) if norm > 0 else 1.0
    state["t"] += 1
    t = state["t"]
    for k, g in grads.items():
        g = g * scale
        m = state["m"].setdefault(k, np.zeros_like(g))
        v = state["v"].setdefault(k, np.zeros_like(g))
        m *= b1
        m += (1 - b1) * g
        v *= b2
        v += (1 - b2) * g * g
        if p[k].ndim == 2 and k != "wpe":
            p[k] *= 1 - lr * wd
        p[k] -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="s", choices=PRESETS)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--vocab", type=int, default=258)
    args = parser.parse_args()
    layers, d, heads, context = PRESETS[args.preset]
    rng = np.random.default_rng(0)
    p = init(args.vocab, layers, d, context, rng)
    tokens = rng.integers(0, args.vocab, (args.batch, context))
    targets = np.roll(tokens, -1, 1)
    weights = np.full((args.batch, context), 1.0 / (args.batch * context), dtype=np.float32)
    state = {"t": 0, "m": {}, "v": {}}
    times = []
    for step in range(args.steps + 1):
        start = time.perf_counter()
        loss, grads = loss_and_grads(p, tokens, targets, weights, layers, heads)
        adamw(p, grads, state, 1e-3)
        if step > 0:  # the first step warms caches
            times.append(time.perf_counter() - start)
    seconds = float(np.median(times))
    print(json.dumps({"preset": args.preset, "batch": args.batch, "context": context, "steps": args.steps,
                      "loss": float(loss), "seconds_per_step": seconds,
                      "tokens_per_second": args.batch * context / seconds}))


if __name__ == "__main__":
    main()
