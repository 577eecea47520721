import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claims } from '../registry.js';
import { seedCount } from '../harness/harness.js';
import type { ClaimDefinition } from '../types.js';
import { ruleDocument, rulesHash } from './rules.js';

const fullSettings = (claim: ClaimDefinition) => ({ quick: false, seeds: Object.fromEntries(claim.experiments.map((e) => [e.name, seedCount(e, { quick: false })])) });

describe('rules hash', () => {
  const claim = claims[1];

  it('changes with a threshold, the comparison, the setting or the seeds, and not with property order', () => {
    const settings = fullSettings(claim);
    const hash = rulesHash(claim, settings);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const moved = { ...claim, rule: { ...claim.rule, thresholds: { ...claim.rule.thresholds, MIN_BOUND_SLACK_BITS: 0.5 } } };
    expect(rulesHash(moved, settings)).not.toBe(hash);
    expect(rulesHash({ ...claim, rule: { ...claim.rule, comparison: 'another' } }, settings)).not.toBe(hash);
    expect(rulesHash(claim, { ...settings, quick: true })).not.toBe(hash);
    expect(rulesHash(claim, { ...settings, seeds: { ...settings.seeds, extra: 1 } })).not.toBe(hash);
    const reordered = { ...claim, rule: { comparison: claim.rule.comparison, thresholds: Object.fromEntries(Object.entries(claim.rule.thresholds).reverse()) } };
    expect(rulesHash(reordered, settings)).toBe(hash);
  });

  it('holds no execution settings (output folder, jobs, queue) and no machine paths', () => {
    for (const c of claims) {
      const document = ruleDocument(c, fullSettings(c));
      expect(document).not.toMatch(/"(out|jobs|queue)"/);
      expect(document).not.toMatch(/\/(work|tmp|home|root)\//);
    }
  });

  it('results/rules.md lists every claim’s current full-setting hash, and results/CHANGELOG.md says why each came to be', () => {
    const registered = readFileSync(new URL('../../../results/rules.md', import.meta.url), 'utf8');
    const changelog = readFileSync(new URL('../../../results/CHANGELOG.md', import.meta.url), 'utf8');
    for (const c of claims) {
      const hash = rulesHash(c, fullSettings(c));
      expect(registered, `results/rules.md must list ${c.name} ${hash} (run: infoloop exp all --rules)`).toContain(`| ${c.name} | \`${hash}\` |`);
      expect(changelog, `results/CHANGELOG.md needs a line for ${c.name} ${hash} saying why the rule changed`).toContain(hash);
    }
  });
});
