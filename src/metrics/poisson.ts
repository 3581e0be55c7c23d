/**
 * Counts and rates as estimates, their uncertainty that of a Poisson count: SE √k, and for a
 * rate per `per` units of exposure, per·√k/n (the Wald interval; e.g. Agresti 2013, §3.3).
 */
import { zForConfidence } from '../statistics/normal.ts';
import type { Estimate } from './estimate.ts';

/**
 * A count k with SE √k and the 95% Wald interval (not suppressed: a count has no base rule).
 * @example countEstimate(400).se // 20
 */
export function countEstimate(k: number): Estimate {
  const se = Math.sqrt(k);
  const z = zForConfidence(0.95);
  return {
    value: k,
    lower: Math.max(0, k - z * se),
    upper: k + z * se,
    se,
    n: k,
    nEffective: k,
    missing: 0,
    base: 'ok',
  };
}

/**
 * k events per `per` units of exposure n (e.g. complaints per 1,000 orders), with its SE and
 * 95% Wald interval; null when there is no exposure.
 * @example rateEstimate(25, 10000, 1000).value // 2.5
 */
export function rateEstimate(k: number, n: number, per: number): Estimate | null {
  if (!(n > 0)) return null;
  const value = (per * k) / n;
  const se = (per * Math.sqrt(k)) / n;
  const z = zForConfidence(0.95);
  return {
    value,
    lower: Math.max(0, value - z * se),
    upper: value + z * se,
    se,
    n,
    nEffective: n,
    missing: 0,
    base: 'ok',
  };
}
