/**
 * A share of a count base (repeat buyers among active customers, retained among last period's
 * customers, late among delivered orders) as an estimate in %, with its Wilson interval.
 */
import { wilson } from '../statistics/wilson.ts';
import { applyMinimumBase, emptyEstimate, type Estimate, type MinimumBase } from './estimate.ts';

/**
 * k of n in %, with the Wilson interval and SE √(p(1 − p)/n); n_eff = n (unweighted counts).
 * @param missing rows without a value (counted, never as failures)
 * @example shareEstimate(30, 120).value // 25
 */
export function shareEstimate(
  k: number,
  n: number,
  rule?: MinimumBase,
  missing = 0,
  nEffective = n,
): Estimate {
  const empty = emptyEstimate(n, nEffective, missing);
  if (!(n > 0 && nEffective > 0)) return applyMinimumBase(empty, rule);
  const p = k / n;
  const [lower, upper] = wilson(p * nEffective, nEffective);
  return applyMinimumBase(
    {
      ...empty,
      value: 100 * p,
      lower: 100 * lower,
      upper: 100 * upper,
      se: 100 * Math.sqrt((p * (1 - p)) / nEffective),
    },
    rule,
  );
}
