/**
 * The shape every figure on the site takes (contracts/figures-schema.ts) and the minimum-base
 * rule every figure passes through: below `suppress` responses a value is hidden, below `flag`
 * it is shown flagged as indicative (brief §4).
 */
import type { BaseStatus, Estimate } from '../contracts/figures-schema.ts';

export type { BaseStatus, Estimate };

export interface MinimumBase {
  suppress: number;
  flag: number;
}

export const DEFAULT_MINIMUM_BASE: MinimumBase = { suppress: 30, flag: 100 };

/**
 * Classifies a base size against the minimum-base rule.
 * @example baseStatus(45) // 'indicative'
 */
export function baseStatus(n: number, rule: MinimumBase = DEFAULT_MINIMUM_BASE): BaseStatus {
  if (n < rule.suppress) return 'suppressed';
  if (n < rule.flag) return 'indicative';
  return 'ok';
}

/** Blanks value, interval and SE of an estimate whose base is suppressed; keeps n visible. */
export function applyMinimumBase(
  estimate: Estimate,
  rule: MinimumBase = DEFAULT_MINIMUM_BASE,
): Estimate {
  const base = baseStatus(estimate.n, rule);
  if (base !== 'suppressed') return { ...estimate, base };
  return { ...estimate, value: null, lower: null, upper: null, se: null, base };
}

/** A not-yet-computed estimate for a base of n answers (n_eff and missing as given). */
export function emptyEstimate(n: number, nEffective: number, missing: number): Estimate {
  return {
    value: null,
    lower: null,
    upper: null,
    se: null,
    n,
    nEffective,
    missing,
    base: 'suppressed',
  };
}
