/**
 * Task bits brought in by real data (the `mix` policy), measured against P_t before refitting:
 * n_real · KL(P* ‖ P_t) when the task defines a target and the learner a closed-form distribution
 * (≥ 0, also for densities), else the real examples' cross-entropy under P_t, −Σ log2 P_t(x),
 * an upper bound (KL = cross-entropy − H(P*) ≤ cross-entropy for discrete outcomes).
 */
import type { Learner, Task, Weighted } from '../core/types.js';
import { distributionKl } from '../info/divergence.js';

export interface PolicyBits {
  bits: number;
  method: 'none' | 'kl' | 'cross-entropy-upper';
}

export function realDataBits<X>(real: Weighted<X>[], task: Task<X>, learner: Learner<X>): PolicyBits {
  if (real.length === 0) return { bits: 0, method: 'none' };
  if (task.target && learner.distribution) {
    const perPrompt = new Map<string, number | null>();
    let bits = 0;
    for (const { prompt } of real) {
      if (!perPrompt.has(prompt.id)) perPrompt.set(prompt.id, distributionKl(task.target(prompt), learner.distribution(prompt)));
      const kl = perPrompt.get(prompt.id);
      if (kl === null || kl === undefined) return crossEntropy(real, learner);
      bits += kl;
    }
    return { bits, method: 'kl' };
  }
  return crossEntropy(real, learner);
}

function crossEntropy<X>(real: Weighted<X>[], learner: Learner<X>): PolicyBits {
  return { bits: real.reduce((sum, { prompt, x }) => sum - learner.logProb(prompt, x), 0), method: 'cross-entropy-upper' };
}
