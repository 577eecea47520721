// Public surface of the statistics layer: moments, t and Welch intervals, bootstraps, Wilson, Holm.
export { mean, sampleVariance, standardError, skewness } from './moments.js';
export { tInterval, welchDifference, type Interval, type Difference } from './t-interval.js';
export { confidenceInterval, isSkewed } from './intervals.js';
export { bootstrapCI, halfSampleCI, bootstrapInterval, type BootstrapOptions, type BootstrapResult, type HalfSampleResult } from './bootstrap.js';
export { wilsonInterval } from './wilson.js';
export { holmAdjust, holmReject } from './holm.js';
export { studentTCdf, studentTQuantile } from './student-t.js';
export { digamma, trigamma, logGamma, logRisingFactorial, normalCdf, normalQuantile } from './special.js';
