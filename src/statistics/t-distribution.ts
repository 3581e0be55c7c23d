/**
 * Student's t distribution: CDF through the regularized incomplete beta function and the
 * two-sided critical value by bisection-refined Newton steps. Used for t intervals of means.
 */
import { normalQuantile } from './normal.ts';

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), ~15 significant digits for x > 0.
  const g = 7;
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xm = x - 1;
  let a = coef[0]!;
  const t = xm + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += coef[i]! / (xm + i);
  return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? tiny : d;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * P(T ≤ t) for Student's t with `df` degrees of freedom.
 * @example tCdf(2.262157, 9) // 0.975
 */
export function tCdf(t: number, df: number): number {
  if (!(df > 0)) throw new Error('tCdf requires positive degrees of freedom');
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Two-sided p-value of a t statistic. */
export function tTwoSidedP(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * Critical value t* with P(|T| ≤ t*) = confidence, e.g. 2.262157 for df = 9 at 0.95.
 * @throws if df is not positive or confidence not in (0, 1)
 */
export function tCritical(confidence: number, df: number): number {
  if (!(df > 0)) throw new Error('tCritical requires positive degrees of freedom');
  if (!(confidence > 0 && confidence < 1)) throw new Error('confidence must be between 0 and 1');
  const target = 1 - (1 - confidence) / 2;
  // Start from the normal quantile (t* ≥ z*) and bracket, then bisect: robust for small df.
  let lo = normalQuantile(target);
  let hi = lo;
  while (tCdf(hi, df) < target) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
