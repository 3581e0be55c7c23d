import { zForConfidence } from './normal.ts';

/**
 * Wilson score interval for a binomial proportion k/n.
 *
 * Reference: Wilson (1927); Newcombe (1998), method 3. Stays inside [0, 1] and behaves at
 * k = 0 or k = n, unlike the Wald interval. `k` may be fractional (weighted counts with n = n_eff).
 *
 * @param k successes
 * @param n trials (> 0)
 * @returns [lower, upper] as proportions
 * @throws "wilson requires n > 0" when n ≤ 0
 * @example wilson(37, 50) // [0.604468…, 0.841285…]
 */
export function wilson(k: number, n: number, confidence = 0.95): [number, number] {
  if (!(n > 0)) throw new Error('wilson requires n > 0');
  if (k < 0 || k > n) throw new Error('wilson requires 0 ≤ k ≤ n');
  const z = zForConfidence(confidence);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
