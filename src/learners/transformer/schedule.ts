/** Learning rate for step `step` of `total`: linear warmup to the peak, then cosine decay to peak·minRatio. */
export interface ScheduleOptions {
  peak: number;
  warmup: number;
  minRatio: number;
}

export function learningRate(step: number, total: number, options: ScheduleOptions): number {
  const { peak, warmup, minRatio } = options;
  if (step < warmup) return (peak * (step + 1)) / warmup;
  const decaySteps = Math.max(1, total - warmup - 1);
  const progress = Math.min(1, (step - warmup) / decaySteps);
  const floor = peak * minRatio;
  return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress));
}
