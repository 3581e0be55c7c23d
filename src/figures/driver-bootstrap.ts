/**
 * The spread of each driver's importance (its share of R², in %) and of R², from a parametric
 * bootstrap of the drivers' covariance matrix (statistics/relative-weights-bootstrap.ts): what
 * the registry's driver metrics need for an interval and a change test.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { WeightSpread } from '../metrics/registry/index.ts';
import { effectiveN } from '../statistics/mean-interval.ts';
import { quantileOfCounts } from '../statistics/quantile-interval.ts';
import type { CrossProducts } from '../statistics/relative-weights.ts';
import { relativeWeightsDraws } from '../statistics/relative-weights-bootstrap.ts';

/**
 * Replicates: the SE's Monte-Carlo error is about 1/√(2B) of it (4.5% at 250), small against
 * the sampling error the SE measures; more replicates cost a build time without changing a test.
 */
const REPLICATES = 250;
/** Fixed, so the figures are the same on every build. */
const SEED = 1;

/** Mean, sd (B − 1) and 2.5/97.5 percentiles of draws, around the observed value. */
function spread(observed: number, draws: Float64Array): WeightSpread {
  let sum = 0;
  for (const x of draws) sum += x;
  const mean = sum / draws.length;
  let ss = 0;
  for (const x of draws) ss += (x - mean) ** 2;
  const counts = { values: draws, counts: new Float64Array(draws.length).fill(1) };
  return {
    value: observed,
    se: Math.sqrt(ss / (draws.length - 1)),
    lower: quantileOfCounts(counts, 0.025),
    upper: quantileOfCounts(counts, 0.975),
  };
}

/**
 * Bootstrap spreads of R² (%) and of each driver's share of R² (%); null when the covariance
 * matrix is not positive definite (collinear drivers) or the effective base is too small.
 * @param observed the analysis of the state itself (R², and each driver's Johnson weight)
 */
export function bootstrapShares(
  state: CrossProducts & { sumW2: number },
  observed: { r2: number; johnson: Record<string, number>; drivers: readonly string[] },
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
  const draws = relativeWeightsDraws(cov, n, { replicates: REPLICATES, seed: SEED });
  const weights: Record<string, WeightSpread> = {};
  observed.drivers.forEach((driver, j) => {
    const shares = draws.weights[j]!.map((w, b) => (100 * w) / draws.r2[b]!);
    weights[driver] = spread((100 * observed.johnson[driver]!) / observed.r2, shares);
  });
  return {
    r2: spread(
      100 * observed.r2,
      draws.r2.map((r) => 100 * r),
    ),
    weights,
  };
}
