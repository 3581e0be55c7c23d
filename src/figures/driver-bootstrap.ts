/**
 * The spread of each driver's importance (its share of R², in %) and of R², from a parametric
 * bootstrap of the drivers' covariance matrix (statistics/relative-weights-bootstrap.ts): what
 * the registry's driver metrics need for an interval and a change test.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { WeightSpread } from '../metrics/registry/index.ts';
import { effectiveN } from '../statistics/mean-interval.ts';
import type { CrossProducts } from '../statistics/relative-weights.ts';
import {
  relativeWeightsBootstrap,
  type BootstrapSummary,
} from '../statistics/relative-weights-bootstrap.ts';

/**
 * Replicates: the SE's Monte-Carlo error is about 1/√(2B) of it (4.5% at 250), small against
 * the sampling error the SE measures; more replicates cost a build time without changing a test.
 */
const REPLICATES = 250;
/** Fixed, so the figures are the same on every build. */
const SEED = 1;

/** The spread of a fraction, in %, around the analysis's own value of it. */
function percent(value: number, s: BootstrapSummary): WeightSpread {
  return { value: 100 * value, se: 100 * s.se, lower: 100 * s.lower, upper: 100 * s.upper };
}

/**
 * Bootstrap spreads of R² (%) and of each driver's share of R² (%) around the values of the
 * driver analysis (so the metric and the drivers chart show one number); null when the
 * covariance matrix is not positive definite (collinear drivers) or the effective base is too
 * small.
 */
export function bootstrapShares(
  state: CrossProducts & { sumW2: number },
  analysis: { drivers: readonly string[]; r2: number; johnson: Record<string, number> },
): { r2: WeightSpread; weights: Record<string, WeightSpread> } | null {
  const k = state.variables.length;
  const n = effectiveN(state);
  if (!(n >= k + 1)) return null;
  const cov = new Matrix(k, k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const product = i <= j ? state.products[i * k + j]! : state.products[j * k + i]!;
      const mi = state.sums[i]! / state.sumW;
      const mj = state.sums[j]! / state.sumW;
      cov.set(i, j, product / state.sumW - mi * mj);
    }
  }
  if (!new CholeskyDecomposition(cov).isPositiveDefinite()) return null;
  const result = relativeWeightsBootstrap(cov, n, { replicates: REPLICATES, seed: SEED });
  const weights: Record<string, WeightSpread> = {};
  analysis.drivers.forEach(
    (driver, j) =>
      (weights[driver] = percent(analysis.johnson[driver]! / analysis.r2, result.shares[j]!)),
  );
  return { r2: percent(analysis.r2, result.r2), weights };
}
