"""numpy/scipy timings for the same workloads as bench/info.mjs; prints one JSON object of median seconds.

Usage: python3 bench/reference/bench_numpy.py [repeats]   (called by `npm run bench:info`)
KSG and Kozachenko-Leonenko use scipy's cKDTree, the usual fast Python implementation: a k+1
query in the joint space (max norm) and strict-radius marginal counts via nextafter(eps, 0).
"""
import json
import math
import sys
import time

import numpy as np
from scipy.spatial import cKDTree
from scipy.special import digamma, gammaln

REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
rng = np.random.default_rng(1)


def median_seconds(run):
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


samples = rng.integers(0, 1000, 1_000_000)


def counting_entropy():
    counts = np.bincount(samples)
    p = counts[counts > 0] / samples.size
    return -np.sum(p * np.log2(p))


n = 10_000
a = rng.normal(size=n)
x = a.reshape(-1, 1)
y = (0.6 * a + 0.8 * rng.normal(size=n)).reshape(-1, 1)


def ksg(k=3):
    joint = np.hstack([x, y])
    distances, _ = cKDTree(joint).query(joint, k=k + 1, p=np.inf)
    radius = np.nextafter(distances[:, -1], 0)
    nx = cKDTree(x).query_ball_point(x, radius, p=np.inf, return_length=True) - 1
    ny = cKDTree(y).query_ball_point(y, radius, p=np.inf, return_length=True) - 1
    return (digamma(k) + digamma(n) - np.mean(digamma(nx + 1) + digamma(ny + 1))) / math.log(2)


points = rng.normal(size=(n, 3))


def kl_entropy(k=3):
    distances, _ = cKDTree(points).query(points, k=k + 1)
    d = points.shape[1]
    log_volume = d / 2 * math.log(math.pi) - gammaln(d / 2 + 1)
    return (digamma(n) - digamma(k) + log_volume + d * np.mean(np.log(distances[:, -1]))) / math.log(2)


print(json.dumps({
    'counting_entropy_1e6': median_seconds(counting_entropy),
    'ksg_n1e4_2d': median_seconds(ksg),
    'kl_entropy_n1e4_d3': median_seconds(kl_entropy),
    'values': {'counting_entropy_1e6': float(counting_entropy()), 'ksg_n1e4_2d': float(ksg()), 'kl_entropy_n1e4_d3': float(kl_entropy())},
}))
