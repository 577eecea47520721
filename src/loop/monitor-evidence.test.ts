import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/load.js';
import type { ConfigInput } from '../config/schema.js';
import type { GenerationEvidence } from '../ledger/hacking.js';
import { simulateLoop } from './simulate.js';

const gym = (signal: Record<string, unknown>, monitor?: Record<string, unknown>): ConfigInput => ({
  seed: 5,
  generations: 4,
  n: 48,
  task: { name: 'addition', pretrain: 150, eval_prompts: 8 },
  learner: { name: 'ngram', order: 4, max_tokens: 12 },
  signal: signal as ConfigInput['signal'],
  policy: { name: 'accumulate' },
  ...(monitor ? { monitor } : {}),
});

describe('the engine gathers reward-hacking evidence for text loops', () => {
  it('records scores, features and a 32-sample audit per generation when the signal reads the task', () => {
    const rows = simulateLoop(resolveConfig(gym({ name: 'verifier' })));
    for (const row of rows) {
      const evidence = row.extras.hacking_evidence as GenerationEvidence;
      expect(evidence.n).toBe(48);
      expect(evidence.audit).toHaveLength(32);
      expect(Object.keys(evidence.feature_counts).sort()).toEqual(['final_char', 'format', 'length', 'repetition']);
      expect(typeof row.extras.hacking_alarm).toBe('boolean');
    }
    // the audit labels are the verifier's own verdicts, so each audited score equals its label
    for (const row of rows.slice(1)) for (const a of (row.extras.hacking_evidence as GenerationEvidence).audit) expect(a.score).toBe(a.correct);
  });

  it('never alarms when the score is a function of correctness (a verifier): I(S;φ|C) = 0 exactly', () => {
    for (const seed of [1, 2, 3]) {
      const rows = simulateLoop(resolveConfig({ ...gym({ name: 'verifier' }), seed }));
      expect(rows.every((row) => row.extras.hacking_alarm === false)).toBe(true);
    }
  });

  it('reads what a filter acts on: a graded rubric that keeps exactly the correct answers never alarms', () => {
    // rubric 0.6·correctness + 0.2·format + 0.2·length ≥ 0.5 keeps iff correct, so kept is a function of C: I(kept;φ|C) = 0
    for (const seed of [1, 2, 3]) {
      const rows = simulateLoop(resolveConfig({ ...gym({ name: 'rubric', threshold: 0.5 }), seed }));
      expect(rows.every((row) => row.extras.hacking_alarm === false)).toBe(true);
      for (const row of rows) for (const a of (row.extras.hacking_evidence as GenerationEvidence).audit) expect(a.score).toBe(a.correct);
    }
  });

  it('stays off for closed loops, for numeric candidates, and when turned off', () => {
    expect(simulateLoop(resolveConfig(gym({ name: 'none' })))[1].extras.hacking_evidence).toBeUndefined();
    expect(simulateLoop(resolveConfig(gym({ name: 'verifier' }, { hacking: 'off' })))[1].extras.hacking_evidence).toBeUndefined();
    const on = simulateLoop(resolveConfig(gym({ name: 'none' }, { hacking: 'on', audit: 8 })));
    expect((on[2].extras.hacking_evidence as GenerationEvidence).audit).toHaveLength(8);
    const categorical = simulateLoop(resolveConfig({
      generations: 2, n: 50, task: { name: 'categorical-target', K: 10, correct: 2 }, learner: { name: 'categorical', K: 10 }, signal: { name: 'verifier' },
    }));
    expect(categorical[1].extras.hacking_evidence).toBeUndefined();
  });
});

describe('the monitor on a gamed rubric', () => {
  it('raises the alarm on the final character when the signal rewards a trailing "!" regardless of correctness', () => {
    // spurious weight 0.6 ≥ threshold 0.5: a wrong answer ending in "!" is kept, so S depends on F given C by construction
    for (const seed of [1, 2, 3]) {
      const rows = simulateLoop(resolveConfig({
        seed, generations: 6, n: 200,
        task: { name: 'addition', pretrain: 300, eval_prompts: 16, spurious: { marker: '!', correlation: 0, correct_rate: 0.5 } },
        learner: { name: 'ngram', order: 4, max_tokens: 12 },
        signal: { name: 'spurious', weight: 0.6, marker: '!', threshold: 0.5 },
      }));
      const alarmed = rows.filter((row) => row.extras.hacking_alarm === true);
      expect(alarmed.length).toBeGreaterThan(0);
      expect(alarmed.some((row) => (row.extras.hacking_detector as { feature: string; value: string }).value === '!')).toBe(true);
    }
  });
});
