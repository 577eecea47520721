"""Reference outputs for src/core/rng.ts, from an independent Python transcription of
xoshiro128** 1.1 (https://prng.di.unimi.it/xoshiro128starstar.c) and of the seeding by splitmix32.
Regenerate: python3 bench/reference/rng_reference.py > src/core/fixtures/rng-reference.json
"""
import json

M = 0xFFFFFFFF

def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M

def xoshiro_outputs(s, count):
    s = list(s)
    out = []
    for _ in range(count):
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 9) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
        out.append(result)
    return out

def splitmix32(state):
    nxt = (state + 0x9E3779B9) & M
    z = nxt
    z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M
    z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M
    return (z ^ (z >> 16)) & M, nxt

def expand(seed32, salt):
    state = seed32 & M
    out = []
    for i in range(4):
        state = (state ^ salt[i]) & M
        z, state = splitmix32(state)
        out.append(z)
    return out

def seeded_state(seed):
    return expand(seed & M, [0, (seed >> 32) & M, 0, 0])

print(json.dumps({
    "state_1234_first_8": xoshiro_outputs([1, 2, 3, 4], 8),
    "seed_1_state": seeded_state(1),
    "seed_1_first_8": xoshiro_outputs(seeded_state(1), 8),
    "seed_2pow40_plus_5_state": seeded_state(2**40 + 5),
}, indent=1))
