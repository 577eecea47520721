/**
 * One generation's evidence for the hacking detector (ledger/hacking.ts): how often each candidate
 * feature value occurs among the scored samples, their mean score, and a small labelled audit.
 */
import { CANDIDATE_FEATURES, extractFeatures, type CandidateFeature } from './text-features.js';

export interface AuditRow {
  correct: 0 | 1;
  score: number;
  features: Record<CandidateFeature, string>;
}

/** One generation's evidence, small enough for a ledger row's extras. */
export interface GenerationEvidence {
  n: number;
  score_mean: number;
  /** feature → value → number of samples. */
  feature_counts: Record<string, Record<string, number>>;
  audit: AuditRow[];
}

/** Evidence from scored samples; the first `auditLabels.length` samples are the labelled audit. */
export function collectEvidence(samples: { text: string; score: number }[], auditLabels: boolean[]): GenerationEvidence {
  const feature_counts: Record<string, Record<string, number>> = {};
  for (const name of CANDIDATE_FEATURES) feature_counts[name] = {};
  const extracted = samples.map((s) => extractFeatures(s.text));
  for (const features of extracted) {
    for (const name of CANDIDATE_FEATURES) feature_counts[name][features[name]] = (feature_counts[name][features[name]] ?? 0) + 1;
  }
  const audit = auditLabels.map((label, i) => ({ correct: (label ? 1 : 0) as 0 | 1, score: samples[i].score, features: extracted[i] }));
  const score_mean = samples.length ? samples.reduce((a, s) => a + s.score, 0) / samples.length : 0;
  return { n: samples.length, score_mean, feature_counts, audit };
}
