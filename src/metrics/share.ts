/**
 * A share as an estimate in %, with its Wilson interval and SE √(p(1 − p)/n_eff) on the
 * effective base: the form of every proportion on the site (top-box shares, repeat buyers among
 * active customers, retained among last period's customers, late among delivered orders).
 */
import { wilson } from '../statistics/wilson.ts';
import { applyMinimumBase, emptyEstimate, type Estimate, type MinimumBase } from './estimate.ts';

/**
 * The estimate of a share p observed on n answers (n_eff when weighted).
 * @param missing answers without a value (counted, never as failures)
 * @example proportionEstimate({ p: 0.25, n: 120, nEffective: 120, missing: 0 }).lower // 18.1…
 */
export function proportionEstimate(
  share: { p: number; n: number; nEffective: number; missing: number },
  rule?: MinimumBase,
): Estimate {
  const { p, n, nEffective, missing } = share;
  const empty = emptyEstimate(n, nEffective, missing);
  if (!(n > 0 && nEffective > 0)) return applyMinimumBase(empty, rule);
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

/**
 * k of n in % (n_eff = n unless given).
 * @example shareEstimate(30, 120).value // 25
 */
export function shareEstimate(
  k: number,
  n: number,
  rule?: MinimumBase,
  missing = 0,
  nEffective = n,
): Estimate {
  return proportionEstimate({ p: n > 0 ? k / n : 0, n, nEffective, missing }, rule);
}
