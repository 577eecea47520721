/**
 * Upper limits on every size a user types, checked when a config or command line is read, so a
 * typo such as `n: 1e12` is refused at once instead of growing memory until the machine swaps.
 * Memory of a loop grows linearly in n (one candidate object per sample); docs/run-folders.md
 * lists these limits.
 */
export const LIMITS = {
  /** Seeds are safe integers: both 32-bit halves seed the generator. */
  seed: Number.MAX_SAFE_INTEGER,
  generations: 1_000_000,
  /** Candidates per generation. */
  n: 10_000_000,
  samples_per_prompt: 10_000_000,
  /** Candidates audited per generation by the hacking monitor. */
  monitor_audit: 100_000,
  /** `infoloop tasks show --n`. */
  tasks_show: 10_000,
  /** `infoloop info --bootstrap` (replicates; half-samples are capped at 200 anyway). */
  bootstrap: 100_000,
  /** `infoloop info --alphabet`. */
  alphabet: 100_000_000,
  /** `infoloop info --k`. */
  neighbours: 1_000,
} as const;
