/**
 * Significance of a change between two independent estimates (period over period, or a segment
 * against the rest of the sample). Each metric kind uses the test the brief names:
 * - nps: z = Δ / √(se₁² + se₂²) with se from v = (p + d) − (p − d)² (unadjusted);
 * - proportion: pooled two-proportion z-test on counts p·n_eff;
 * - mean: Welch's t with Welch–Satterthwaite degrees of freedom.
 */
import type { Estimate } from './estimate.ts';
import { twoSidedP } from '../statistics/normal.ts';
import { tTwoSidedP } from '../statistics/t-distribution.ts';

export type MetricKind = 'nps' | 'proportion' | 'mean';

export interface Change {
  /** current − previous, in the metric's unit (points, percentage points, scale points). */
  delta: number;
  /** Test statistic (z or t). */
  statistic: number;
  /** Two-sided p-value. */
  p: number;
  /** p < alpha. */
  significant: boolean;
  test: 'nps-z' | 'two-proportion-z' | 'welch-t';
}

/**
 * Pooled two-proportion z-test.
 * @example twoProportionTest(412, 600, 380, 610) // { z: 2.3304, p: 0.01979 }
 */
export function twoProportionTest(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
): { z: number; p: number } {
  if (!(n1 > 0 && n2 > 0)) throw new Error('twoProportionTest requires n1 > 0 and n2 > 0');
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 };
  const z = (k1 / n1 - k2 / n2) / se;
  return { z, p: twoSidedP(z) };
}

/**
 * Tests current against previous. Returns null when either side is suppressed or has no SE.
 * @example compareEstimates(npsB, npsA, 'nps') // delta 14.6, statistic 1.966, p 0.0493
 */
export function compareEstimates(
  current: Estimate,
  previous: Estimate,
  kind: MetricKind,
  alpha = 0.05,
): Change | null {
  if (current.value === null || previous.value === null) return null;
  if (current.se === null || previous.se === null) return null;
  const delta = current.value - previous.value;
  if (kind === 'proportion') {
    const n1 = current.nEffective;
    const n2 = previous.nEffective;
    const { z, p } = twoProportionTest(
      (current.value / 100) * n1,
      n1,
      (previous.value / 100) * n2,
      n2,
    );
    return { delta, statistic: z, p, significant: p < alpha, test: 'two-proportion-z' };
  }
  const v1 = current.se * current.se;
  const v2 = previous.se * previous.se;
  const se = Math.sqrt(v1 + v2);
  if (se === 0)
    return {
      delta,
      statistic: 0,
      p: 1,
      significant: false,
      test: kind === 'nps' ? 'nps-z' : 'welch-t',
    };
  const statistic = delta / se;
  if (kind === 'nps') {
    const p = twoSidedP(statistic);
    return { delta, statistic, p, significant: p < alpha, test: 'nps-z' };
  }
  const df1 = Math.max(1, current.nEffective - 1);
  const df2 = Math.max(1, previous.nEffective - 1);
  const df = (v1 + v2) ** 2 / ((v1 * v1) / df1 + (v2 * v2) / df2);
  const p = tTwoSidedP(statistic, df);
  return { delta, statistic, p, significant: p < alpha, test: 'welch-t' };
}
