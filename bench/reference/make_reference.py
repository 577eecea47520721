"""Reference values for the info module's tests, computed independently with numpy/scipy/mpmath.

Regenerate (from the repository root; needs python3 with numpy, scipy and mpmath):

    python3 bench/reference/make_reference.py

It rewrites src/info/fixtures/reference.json, which the tests read (the tests never run python).
Conventions follow the module exactly: bits everywhere; KSG estimator 1 with the max norm and
strictly-less marginal counts excluding the point itself; Kozachenko-Leonenko with the Euclidean
norm and the unit-ball volume. The k-NN references use brute-force O(N^2) distance matrices so that
ties are resolved by the definition alone. NSB is integrated with mpmath at 40 digits (tanh-sinh
quadrature over t = ln beta), with plain log-gamma differences, which are exact at that precision.
Infinite values are written as the string "Infinity".
"""
import json
import math
import os

import mpmath
import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.special import digamma, gammaln
from scipy.stats import entropy as scipy_entropy

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'info', 'fixtures', 'reference.json')
LN2 = math.log(2)


def plugin(counts):
    return float(scipy_entropy(np.asarray(counts, float), base=2))


def miller_madow(counts):
    c = np.asarray(counts, float)
    n = c.sum()
    m = np.count_nonzero(c)
    return plugin(c) + (m - 1) / (2 * n * LN2)


def chao_shen(counts):
    c = np.asarray(counts, float)
    c = c[c > 0]
    n = c.sum()
    f1 = np.sum(c == 1)
    if f1 == n:
        f1 = n - 1
    pa = (1 - f1 / n) * c / n
    return float(np.sum(-pa * np.log2(pa) / (1 - (1 - pa) ** n)))


def james_stein(counts):
    c = np.asarray(counts, float)
    n = c.sum()
    K = len(c)
    p = c / n
    target = 1.0 / K
    denominator = (n - 1) * np.sum((target - p) ** 2)
    lam = 1.0 if denominator == 0 else min(1.0, max(0.0, (1 - np.sum(p ** 2)) / denominator))
    shrunk = lam * target + (1 - lam) * p
    return float(scipy_entropy(shrunk, base=2)), lam


def nsb(counts, K):
    if K == 1:
        return 0.0  # a single possible outcome has zero entropy under every beta
    mpmath.mp.dps = 40
    c = [int(x) for x in counts if x > 0]
    n = sum(c)
    zeros = K - len(c)
    groups = {v: c.count(v) for v in set(c)}  # bins with equal counts contribute equal terms

    def log_integrand(t):
        beta = mpmath.exp(t)
        value = mpmath.loggamma(K * beta) - mpmath.loggamma(n + K * beta)
        for ci, m in groups.items():
            value += m * (mpmath.loggamma(ci + beta) - mpmath.loggamma(beta))
        prior = K * mpmath.polygamma(1, K * beta + 1) - mpmath.polygamma(1, beta + 1)
        return value + mpmath.log(prior) + t

    def mean_entropy(t):
        beta = mpmath.exp(t)
        total = n + K * beta
        s = zeros * beta / total * mpmath.digamma(beta + 1)
        for ci, m in groups.items():
            s += m * (ci + beta) / total * mpmath.digamma(ci + beta + 1)
        return mpmath.digamma(total + 1) - s

    grid = np.linspace(math.log(1e-12 / K), math.log(1e12), 300)
    logs = [float(log_integrand(mpmath.mpf(t))) for t in grid]
    peak = max(logs)
    inside = [i for i, v in enumerate(logs) if v > peak - 50]
    lo = grid[max(0, inside[0] - 2)]
    hi = grid[min(len(grid) - 1, inside[-1] + 2)]
    best = grid[int(np.argmax(logs))]
    points = sorted(set(list(np.linspace(lo, hi, 24)) + [best]))
    shift = mpmath.mpf(peak)
    weight = lambda t: mpmath.exp(log_integrand(t) - shift)
    denominator = mpmath.quad(weight, points)
    numerator = mpmath.quad(lambda t: weight(t) * mean_entropy(t), points)
    return float(numerator / denominator / mpmath.log(2))


def ksg_brute(x, y, k):
    x = x.reshape(len(x), -1)
    y = y.reshape(len(y), -1)
    n = len(x)
    dx = np.abs(x[:, None, :] - x[None, :, :]).max(-1)
    dy = np.abs(y[:, None, :] - y[None, :, :]).max(-1)
    joint = np.maximum(dx, dy)
    np.fill_diagonal(joint, np.inf)
    eps = np.partition(joint, k - 1, axis=1)[:, k - 1]
    np.fill_diagonal(dx, np.inf)
    np.fill_diagonal(dy, np.inf)
    nx = (dx < eps[:, None]).sum(1)
    ny = (dy < eps[:, None]).sum(1)
    nats = digamma(k) + digamma(n) - np.mean(digamma(nx + 1) + digamma(ny + 1))
    return float(nats / LN2)


def kl_entropy_brute(x, k):
    x = x.reshape(len(x), -1)
    n, d = x.shape
    dist = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(dist, np.inf)
    eps = np.partition(dist, k - 1, axis=1)[:, k - 1]
    log_volume = d / 2 * math.log(math.pi) - gammaln(d / 2 + 1)
    nats = digamma(n) - digamma(k) + log_volume + d * np.mean(np.log(eps))
    return float(nats / LN2)


def to_list(a):
    return np.asarray(a).tolist()


def main():
    rng = np.random.default_rng(20260525)
    zipf_probs = 1.0 / np.arange(1, 1001)
    zipf_probs /= zipf_probs.sum()
    entropy_cases = {
        'one bin': ([7], 1),
        'one bin of many': ([0, 0, 12, 0], 4),
        'all singletons': ([1] * 20, 20),
        'all singletons, K large': ([1] * 20, 1000),
        'n = 1': ([0, 1, 0], 3),
        'two equal bins': ([5, 5], 2),
        'near uniform': ([100, 98, 103, 99], 4),
        'K >> n': (to_list(np.bincount(rng.integers(0, 1000, 30), minlength=1000)), 1000),
        'zipf n=200': (to_list(np.bincount(rng.choice(1000, 200, p=zipf_probs), minlength=1000)), 1000),
        'zipf n=5000': (to_list(np.bincount(rng.choice(1000, 5000, p=zipf_probs), minlength=1000)), 1000),
        'many zero bins': ([0] * 40 + [3, 0, 0, 9, 1, 0, 1, 2] + [0] * 50, 98),
        'mixed': ([10, 3, 1, 1, 0, 2], 6),
    }
    # Harder NSB regimes (large N with many distinct counts; K far above n), from their own stream.
    extra = np.random.default_rng(5)
    entropy_cases['zipf n=100000'] = (to_list(np.bincount(extra.choice(1000, 100000, p=zipf_probs), minlength=1000)), 1000)
    entropy_cases['K=100000, n=50'] = (to_list(np.bincount(extra.integers(0, 100000, 50))), 100000)
    entropy_cases['skewed K=10'] = ([900, 50, 20, 10, 5, 5, 4, 3, 2, 1], 10)
    entropy = []
    for name, (counts, K) in entropy_cases.items():
        js, lam = james_stein(counts)
        entropy.append({
            'name': name, 'counts': counts, 'K': K,
            'plugin': plugin(counts), 'miller_madow': miller_madow(counts), 'chao_shen': chao_shen(counts),
            'james_stein': js, 'james_stein_lambda': lam, 'nsb': nsb(counts, K),
        })

    divergence_cases = [
        ([0.5, 0.5], [0.25, 0.75]),
        ([0.1, 0.2, 0.7], [0.3, 0.3, 0.4]),
        ([1, 0, 0], [0.2, 0.3, 0.5]),
        ([0.5, 0.5, 0], [0.5, 0, 0.5]),
        ([3, 1, 0, 6], [1, 1, 1, 1]),
        (to_list(rng.dirichlet(np.ones(50))), to_list(rng.dirichlet(np.ones(50)))),
    ]
    divergence = []
    for p, q in divergence_cases:
        kl = float(scipy_entropy(np.asarray(p, float), np.asarray(q, float), base=2))
        js = float(jensenshannon(np.asarray(p, float), np.asarray(q, float), base=2) ** 2)
        divergence.append({'p': p, 'q': q, 'kl': 'Infinity' if math.isinf(kl) else kl, 'js': js})

    mutual = []
    for table in ([[3, 1], [1, 3]], [[10, 0, 2], [1, 5, 5], [0, 0, 7]], to_list(rng.integers(0, 9, (4, 6)))):
        t = np.asarray(table, float)
        p = t / t.sum()
        hx = plugin(t.sum(1))
        hy = plugin(t.sum(0))
        hxy = plugin(t.ravel())
        mutual.append({'joint': table, 'mi': hx + hy - hxy, 'conditional_entropy': hxy - hx})

    ksg = []
    n = 400
    a = rng.normal(size=n)
    ksg.append({'name': '1-D gaussian rho=0.6', 'k': 3, 'x': to_list(a), 'y': to_list(0.6 * a + 0.8 * rng.normal(size=n))})
    b = rng.integers(0, 8, n).astype(float)
    ksg.append({'name': '1-D with ties', 'k': 3, 'x': to_list(b), 'y': to_list((b + rng.integers(0, 3, n)) % 8)})
    g = rng.normal(size=(n, 2))
    ksg.append({'name': '2-D x, 1-D y', 'k': 4, 'x': to_list(g), 'y': to_list(g[:, 0] - g[:, 1] + rng.normal(size=n))})
    grid = rng.integers(0, 5, (n, 2)) / 4.0
    ksg.append({'name': '2-D x on a grid, 2-D y with ties', 'k': 2, 'x': to_list(grid), 'y': to_list(np.round(grid + rng.integers(0, 2, (n, 2)) / 4.0, 2))})
    ksg.append({'name': 'independent k=1', 'k': 1, 'x': to_list(rng.uniform(size=n)), 'y': to_list(rng.uniform(size=n))})
    for case in ksg:
        case['bits'] = ksg_brute(np.asarray(case['x'], float), np.asarray(case['y'], float), case['k'])

    kl_entropy = []
    for d, k in ((1, 3), (2, 3), (3, 5)):
        points = rng.normal(size=(300, d)) if d > 1 else rng.uniform(size=300)
        kl_entropy.append({'d': d, 'k': k, 'x': to_list(points), 'bits': kl_entropy_brute(np.asarray(points, float), k)})

    p = [0.1, 0.2, 0.3, 0.4]
    filters = {
        'rejection': {'p': p, 'mask': [True, False, True, False], 'bits': float(-np.log2(0.4))},
        'weighted': {'p': p, 'w': [2.0, 0.5, 1.0, 0.0]},
    }
    q = np.asarray(p) * np.asarray(filters['weighted']['w'])
    filters['weighted']['bits'] = float(scipy_entropy(q / q.sum(), np.asarray(p), base=2))

    fixture = {
        'generated_by': 'bench/reference/make_reference.py',
        'versions': {'numpy': np.__version__, 'scipy': __import__('scipy').__version__, 'mpmath': mpmath.__version__},
        'digamma': [[x, float(digamma(x))] for x in (0.25, 1.0, 2.5, 7.0, 12.0, 123.456, 1e4)],
        'entropy': entropy, 'divergence': divergence, 'mutual': mutual,
        'ksg': ksg, 'kl_entropy': kl_entropy, 'filter': filters,
    }
    with open(OUT, 'w') as handle:
        json.dump(fixture, handle)
    print('wrote', os.path.normpath(OUT))


if __name__ == '__main__':
    main()
