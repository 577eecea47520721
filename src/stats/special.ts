/** Special functions the estimators need: digamma, trigamma, log-gamma, the normal distribution. */

/** ψ(x), the derivative of ln Γ(x); accurate to about 1e-14 for x > 0. */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return NaN; // poles at 0, −1, −2, …
  // Reflection ψ(1−x) − ψ(x) = π cot(πx) moves negative arguments to positive ones.
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let shift = 0;
  // Recurrence ψ(x) = ψ(x+1) − 1/x until the asymptotic series converges to full precision.
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inverseSquare = 1 / (x * x);
  // Asymptotic series ln x − 1/(2x) − Σ B_2k / (2k x^2k), Bernoulli numbers B_2 … B_14.
  const series =
    inverseSquare *
    (1 / 12 -
      inverseSquare *
        (1 / 120 -
          inverseSquare *
            (1 / 252 - inverseSquare * (1 / 240 - inverseSquare * (1 / 132 - inverseSquare * (691 / 32760 - inverseSquare / 12))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

/** ψ1(x), the derivative of ψ; accurate to about 1e-14 for x > 0. */
export function trigamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  while (x < 10) {
    shift += 1 / (x * x);
    x += 1;
  }
  const inverse = 1 / x;
  const inverseSquare = inverse * inverse;
  // Asymptotic series 1/x + 1/(2x²) + Σ B_2k / x^(2k+1).
  const series =
    inverse *
    inverseSquare *
    (1 / 6 - inverseSquare * (1 / 30 - inverseSquare * (1 / 42 - inverseSquare * (1 / 30 - inverseSquare * (5 / 66 - (inverseSquare * 691) / 2730)))));
  return shift + inverse + 0.5 * inverseSquare + series;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, relative error about 1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ln Γ(x+n) − ln Γ(x) (the log rising factorial) for x > 0, n ≥ 0, accurate in absolute terms
 * even when x is huge: a plain difference of two log-gamma values would lose every digit there.
 */
export function logRisingFactorial(x: number, n: number): number {
  if (n === 0) return 0;
  if (Number.isInteger(n) && n <= 16) {
    // Few terms: Σ log(x+j), each exact to rounding.
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.log(x + j);
    return sum;
  }
  if (x >= 10) {
    // Stirling: (x+n−½) ln(x+n) − (x−½) ln x − n = (x−½) log1p(n/x) + n ln(x+n) − n, plus the series difference.
    const y = x + n;
    const main = (x - 0.5) * Math.log1p(n / x) + n * Math.log(y) - n;
    return main + stirlingTail(y) - stirlingTail(x);
  }
  return logGamma(x + n) - logGamma(x);
}

/** Σ B_2k / (2k(2k−1) z^(2k−1)), the correction terms of Stirling's series for ln Γ(z), z ≥ 10. */
function stirlingTail(z: number): number {
  const inverseSquare = 1 / (z * z);
  return (1 / z) * (1 / 12 - inverseSquare * (1 / 360 - inverseSquare * (1 / 1260 - inverseSquare * (1 / 1680 - inverseSquare / 1188))));
}

/** Φ(x), the standard normal CDF (W. J. Cody-style rational approximation after Hart, double precision). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const absolute = Math.abs(x);
  let tail: number;
  if (absolute > 37) {
    tail = 0;
  } else {
    const exponential = Math.exp((-absolute * absolute) / 2);
    if (absolute < 7.07106781186547) {
      let numerator = 3.52624965998911e-2 * absolute + 0.700383064443688;
      numerator = numerator * absolute + 6.37396220353165;
      numerator = numerator * absolute + 33.912866078383;
      numerator = numerator * absolute + 112.079291497871;
      numerator = numerator * absolute + 221.213596169931;
      numerator = numerator * absolute + 220.206867912376;
      let denominator = 8.83883476483184e-2 * absolute + 1.75566716318264;
      denominator = denominator * absolute + 16.064177579207;
      denominator = denominator * absolute + 86.7807322029461;
      denominator = denominator * absolute + 296.564248779674;
      denominator = denominator * absolute + 637.333633378831;
      denominator = denominator * absolute + 793.826512519948;
      denominator = denominator * absolute + 440.413735824752;
      tail = (exponential * numerator) / denominator;
    } else {
      let fraction = absolute + 0.65;
      fraction = absolute + 4 / fraction;
      fraction = absolute + 3 / fraction;
      fraction = absolute + 2 / fraction;
      fraction = absolute + 1 / fraction;
      tail = exponential / fraction / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

const QUANTILE_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const QUANTILE_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const QUANTILE_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const QUANTILE_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Φ⁻¹(p): Acklam's rational approximation refined by one Halley step on normalCdf. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const [a, b, c, d] = [QUANTILE_A, QUANTILE_B, QUANTILE_C, QUANTILE_D];
  const low = 0.02425;
  let x: number;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    if (p > 1 - low) x = -x;
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  const error = normalCdf(x) - p;
  const u = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
