/** The shape every figure on the site takes: a value with its uncertainty and its base. */

/** ok: n ≥ flag; indicative: suppress ≤ n < flag (shown, flagged); suppressed: n < suppress (hidden). */
export type BaseStatus = 'ok' | 'indicative' | 'suppressed';

export interface MinimumBase {
  suppress: number;
  flag: number;
}

export const DEFAULT_MINIMUM_BASE: MinimumBase = { suppress: 30, flag: 100 };

export interface Estimate {
  /** Point estimate in the metric's unit; null when suppressed or not computable. */
  value: number | null;
  /** Interval bounds at 95% unless stated; null when suppressed. */
  lower: number | null;
  upper: number | null;
  /** Standard error in the metric's unit (used by change tests); null when suppressed. */
  se: number | null;
  /** Responses with an answer (raw count, before weighting). */
  n: number;
  /** Kish effective sample size (equals n when unweighted). */
  nEffective: number;
  /** Rows where the item was empty or "not applicable". */
  missing: number;
  base: BaseStatus;
}

/**
 * Classifies a base size against the minimum-base rule (brief §4: n < 30 hidden, < 100 flagged).
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
