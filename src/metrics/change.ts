/**
 * The significance of a difference between two independent estimates of one metric: period
 * over period, or a group against the rest of the sample. Each kind of metric has its test, in
 * one table: a kind without a test does not compile.
 * - nps (and other net scores): z = Δ / √(se₁² + se₂²), se from v = (p + d) − (p − d)²;
 * - proportion: pooled two-proportion z-test on the counts p·n_eff;
 * - mean: Welch's t with Welch–Satterthwaite degrees of freedom;
 * - ratio, count, rate, quantile, weight: z = Δ / √(se₁² + se₂²) with each estimate's own SE
 *   (linearisation, Poisson, order statistics, parametric bootstrap: see the registry entry).
 * Each also gives the interval of Δ at confidence 1 − α: Δ ± z*·√(se₁² + se₂²), with Welch's t*
 * for means and the unpooled (Wald) SE for proportions, as `scipy.stats.ttest_ind(…,
 * equal_var=False).confidence_interval()` and statsmodels' `confint_proportions_2indep(…,
 * method='wald')` give them. For z and t tests it excludes 0 exactly when p < α; for proportions
 * the pooled test decides, and the unpooled interval can disagree only at the boundary.
 */
import { SIGNIFICANCE_LEVEL } from './significance.ts';
import type { Change, Estimate, MetricKind } from '../contracts/figures-schema.ts';
import { twoSidedP, zForConfidence } from '../statistics/normal.ts';
import { tCritical, tTwoSidedP } from '../statistics/t-distribution.ts';
import { twoProportionTest } from '../statistics/two-proportion-test.ts';

export type { Change, MetricKind };

/** Two estimates with a value and an SE. */
interface Comparable extends Estimate {
  value: number;
  se: number;
}

type ChangeTest = (
  current: Comparable,
  previous: Comparable,
  alpha: number,
  interval: boolean,
) => Change;

/**
 * Δ ± critical·se, the interval of a difference, when it is asked for: its critical value (a t
 * quantile found by bisection for means) is computed only then.
 */
function around(
  interval: boolean,
  delta: number,
  halfWidth: () => number,
): { ciLow?: number; ciHigh?: number } {
  if (!interval) return {};
  const half = halfWidth();
  return { ciLow: delta - half, ciHigh: delta + half };
}

/** z = Δ / √(se₁² + se₂²), the test of two independent estimates with known SEs. */
function zOnStandardErrors(name: Change['test']): ChangeTest {
  return (current, previous, alpha, interval) => {
    const delta = current.value - previous.value;
    const se = Math.sqrt(current.se ** 2 + previous.se ** 2);
    if (se === 0)
      return {
        delta,
        statistic: 0,
        p: 1,
        significant: false,
        test: name,
        ...around(interval, delta, () => 0),
      };
    const statistic = delta / se;
    const p = twoSidedP(statistic);
    return {
      delta,
      statistic,
      p,
      significant: p < alpha,
      test: name,
      ...around(interval, delta, () => zForConfidence(1 - alpha) * se),
    };
  };
}

/** The test of each kind of metric. */
export const CHANGE_TESTS: Record<MetricKind, ChangeTest> = {
  nps: zOnStandardErrors('nps-z'),
  proportion: (current, previous, alpha, interval) => {
    const n1 = current.nEffective;
    const n2 = previous.nEffective;
    const delta = current.value - previous.value;
    const [p1, p2] = [current.value / 100, previous.value / 100];
    const { z, p } = twoProportionTest(p1 * n1, n1, p2 * n2, n2);
    const se = 100 * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
    return {
      delta,
      statistic: z,
      p,
      significant: p < alpha,
      test: 'two-proportion-z',
      ...around(interval, delta, () => zForConfidence(1 - alpha) * se),
    };
  },
  mean: (current, previous, alpha, interval) => {
    const delta = current.value - previous.value;
    const v1 = current.se ** 2;
    const v2 = previous.se ** 2;
    if (v1 + v2 === 0)
      return {
        delta,
        statistic: 0,
        p: 1,
        significant: false,
        test: 'welch-t',
        ...around(interval, delta, () => 0),
      };
    const se = Math.sqrt(v1 + v2);
    const statistic = delta / se;
    const df1 = Math.max(1, current.nEffective - 1);
    const df2 = Math.max(1, previous.nEffective - 1);
    const df = (v1 + v2) ** 2 / ((v1 * v1) / df1 + (v2 * v2) / df2);
    const p = tTwoSidedP(statistic, df);
    return {
      delta,
      statistic,
      p,
      significant: p < alpha,
      test: 'welch-t',
      ...around(interval, delta, () => tCritical(1 - alpha, df) * se),
    };
  },
  ratio: zOnStandardErrors('ratio-z'),
  count: zOnStandardErrors('poisson-z'),
  rate: zOnStandardErrors('rate-z'),
  quantile: zOnStandardErrors('quantile-z'),
  weight: zOnStandardErrors('bootstrap-z'),
};

/** The test of each kind in words, for the methodology page. */
export const CHANGE_TEST_DESCRIPTIONS: Record<MetricKind, string> = {
  nps: 'z = Δ / √(se₁² + se₂²), se from v = (p + d) − (p − d)² (net scores)',
  proportion: 'pooled two-proportion z-test on the counts p·n_eff',
  mean: 'Welch’s t-test with Welch–Satterthwaite degrees of freedom on n_eff',
  ratio: 'z = Δ / √(se₁² + se₂²) with linearisation SEs',
  count: 'z = (c₁ − c₂) / √(c₁ + c₂), each count Poisson',
  rate: 'z = Δ / √(se₁² + se₂²) with Poisson SEs of the rates',
  quantile: 'z = Δ / √(se₁² + se₂²) with order-statistic SEs (Price & Bonett 2002)',
  weight: 'z = Δ / √(se₁² + se₂²) with parametric-bootstrap SEs',
};

/**
 * Tests `current` against `previous` with the test of the metric's kind. Null when either side
 * is suppressed or has no SE, or when a proportion's effective base is 0.
 * @param interval whether to give the interval of the difference too: the figures keep it for
 *   an overall change, not for a group's change or difference from the rest, where no page shows
 *   it and every published version would carry two numbers per group and metric for nothing
 * @example compareEstimates(npsB, npsA, 'nps') // { delta: 14.6, statistic: 1.966, p: 0.0493, … }
 */
export function compareEstimates(
  current: Estimate,
  previous: Estimate,
  kind: MetricKind,
  alpha = SIGNIFICANCE_LEVEL,
  interval = true,
): Change | null {
  if (current.value === null || previous.value === null) return null;
  if (current.se === null || previous.se === null) return null;
  if (kind === 'proportion' && !(current.nEffective > 0 && previous.nEffective > 0)) return null;
  return CHANGE_TESTS[kind](current as Comparable, previous as Comparable, alpha, interval);
}
