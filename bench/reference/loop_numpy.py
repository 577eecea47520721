"""numpy reference for `npm run bench:loop`: one loop generation (sample, judge, select, account,
fit, measure) of the Gaussian or categorical loop, the same work infoloop's generation does.

Usage: python3 bench/reference/loop_numpy.py <gaussian|categorical> <none|verifier> <n> <repeats>
Prints one JSON object: median wall and CPU seconds per generation and the process's peak RSS in MB.
"""
import json
import math
import resource
import sys
import time

import numpy as np

kind, signal, n, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(1)
K, CORRECT, ALPHA = 100, 10, 0.5  # categorical-target K=100 correct=10, learner alpha 0.5


def h2(a):
    return 0.0 if a in (0.0, 1.0) else -a * math.log2(a) - (1 - a) * math.log2(1 - a)


def account(kept):
    n_kept = int(kept.sum())
    acceptance = n_kept / kept.size
    shift = n_kept * math.log2(kept.size / n_kept) if n_kept else 0.0
    return {"n_kept": n_kept, "signal_entropy_bits": kept.size * h2(acceptance), "shift_bits": shift}


class Gaussian:
    def __init__(self):
        self.mean, self.variance = 0.0, 1.0

    def generation(self):
        x = self.mean + math.sqrt(self.variance) * rng.standard_normal(n)
        kept = np.isfinite(x) if signal == "verifier" else np.ones(n, dtype=bool)
        bits = account(kept)
        train = x[kept]
        if train.size:
            self.mean = float(train.mean())
            self.variance = float(np.mean((train - self.mean) ** 2))
        v = self.variance
        gap = (0.5 * math.log(v / 1.0) + (1.0 + self.mean**2) / (2 * v) - 0.5) / math.log(2)
        return bits, gap, 0.5 * math.log2(2 * math.pi * math.e * v)


class Categorical:
    def __init__(self):
        self.p = np.full(K, 1 / K)
        self.target = np.zeros(K)
        self.target[:CORRECT] = 1 / CORRECT

    def generation(self):
        cdf = np.cumsum(self.p)
        x = np.searchsorted(cdf, rng.random(n) * cdf[-1], side="right")
        kept = x < CORRECT if signal == "verifier" else np.ones(n, dtype=bool)
        bits = account(kept)
        counts = np.bincount(x[kept], minlength=K).astype(float)
        if counts.sum() > 0:
            self.p = (1 - ALPHA) * self.p + ALPHA * counts / counts.sum()
        p, t = self.p, self.target
        with np.errstate(divide="ignore"):
            gap = float(np.sum(t[t > 0] * np.log2(t[t > 0] / p[t > 0])))
            entropy = float(-np.sum(p[p > 0] * np.log2(p[p > 0])))
        return bits, gap, entropy, int(np.count_nonzero(p)), 1 - float(np.sum(p * p)), float(p[:CORRECT].sum())


model = Gaussian() if kind == "gaussian" else Categorical()
for _ in range(2):
    model.generation()
wall, cpu = [], []
for _ in range(repeats):
    start, start_cpu = time.perf_counter(), time.process_time()
    model.generation()
    wall.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": float(np.median(wall)), "cpu_seconds": float(np.median(cpu)), "peak_rss_mb": peak_mb}))
