/**
 * A ratio of totals over clusters (average order value over customers, revenue at risk over
 * matched customers) as an estimate: R scaled to the metric's unit, its linearisation SE and
 * the 95% normal interval (Cochran 1977, Sampling Techniques, §6.3).
 */
import { zForConfidence } from '../statistics/normal.ts';
import { ratioEstimate, type RatioSums } from '../statistics/ratio-estimate.ts';
import { applyMinimumBase, emptyEstimate, type Estimate, type MinimumBase } from './estimate.ts';

/**
 * Σy/Σx × scale with its interval; the base n is the number of clusters.
 * @param scale 100 for a share in %, 1 for an amount
 * @example ratioOfTotals(sums, 1).value // Σ revenue / Σ orders
 */
export function ratioOfTotals(sums: RatioSums, scale: number, rule?: MinimumBase): Estimate {
  const empty = emptyEstimate(sums.n, sums.n, 0);
  if (!(sums.n >= 2 && sums.sumX > 0)) return applyMinimumBase(empty, rule);
  const r = ratioEstimate(sums);
  const z = zForConfidence(0.95);
  const value = scale * r.ratio;
  const se = scale * r.se;
  return applyMinimumBase(
    { ...empty, value, se, lower: value - z * se, upper: value + z * se },
    rule,
  );
}
