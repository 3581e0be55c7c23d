/**
 * Standard errors and percentile intervals for Johnson's relative weights (and R²) when only
 * sufficient statistics are available: a parametric bootstrap from the correlation (or
 * covariance) matrix of the drivers and the outcome and the number of responses n.
 *
 * Tonidandel, LeBreton & Johnson (2009), "Determining the statistical significance of
 * relative weights", Psychological Methods 14(4), bootstrap the respondent rows. The driver
 * state holds only cross-products, so this is the parametric, multivariate-normal variant:
 * each replicate is the sample covariance of n normal rows with the observed covariance Σ,
 * drawn directly as S ~ W_k(Σ/(n − 1), n − 1) (Bartlett's decomposition, see wishart.ts)
 * instead of generating the rows. It assumes the drivers and the outcome are roughly
 * multivariate normal; with skewed or heavy-tailed ratings the row bootstrap is wider.
 * Weights are those of Johnson (2000), Multivariate Behavioral Research 35(1).
 *
 * Deterministic: the replicates come from a seeded generator (seeded-random.ts), so a seed
 * gives the same intervals on every run.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { quantileOfCounts } from './quantile-interval.ts';
import { johnsonWeights } from './relative-weights.ts';
import { createSeededRandom } from './seeded-random.ts';
import { wishartSampler } from './wishart.ts';

/** Replicates and seed of the bootstrap. */
export interface BootstrapOptions {
  /** Number of replicates B (default 500). */
  replicates?: number;
  /** Integer seed of the generator (default 1). */
  seed?: number;
}

/** The bootstrap replicates: weights[j][b] is driver j's weight in replicate b. */
export interface RelativeWeightsDraws {
  weights: Float64Array[];
  r2: Float64Array;
}

/** An estimate with its bootstrap SE and 2.5 / 97.5 percentile interval. */
export interface BootstrapSummary {
  /** The value on the observed matrix. */
  estimate: number;
  /** Standard deviation of the replicates (divisor B − 1). */
  se: number;
  /** 2.5th percentile of the replicates (type 7, numpy's default). */
  lower: number;
  /** 97.5th percentile of the replicates. */
  upper: number;
}

/** Bootstrap summaries of every driver's relative weight and of R². */
export interface RelativeWeightsBootstrap {
  /** One per driver, in the order of the matrix rows. */
  weights: BootstrapSummary[];
  /** Each driver's share of R² (its weight / R², replicate by replicate): the shares sum to 1. */
  shares: BootstrapSummary[];
  r2: BootstrapSummary;
  n: number;
  replicates: number;
  seed: number;
}

const DEFAULT_REPLICATES = 500;
const DEFAULT_SEED = 1;

/** Correlation matrix of a covariance matrix given row-major. */
function correlationOf(cov: ArrayLike<number>, k: number): Matrix {
  const sd = Array.from({ length: k }, (_, i) => Math.sqrt(cov[i * k + i]!));
  const r = new Matrix(k, k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) r.set(i, j, i === j ? 1 : cov[i * k + j]! / (sd[i]! * sd[j]!));
  }
  return r;
}

/** A bootstrap's inputs once checked, with the options' defaults filled in. */
interface CheckedInput {
  /** The matrix made exactly symmetric. */
  sigma: Matrix;
  n: number;
  replicates: number;
  seed: number;
}

/**
 * Checks the inputs and makes the matrix exactly symmetric: (M + M')/2. Asymmetry of a few
 * rounding errors (a covariance scaled as r_ij·s_i·s_j) is accepted, more is an error. Errors
 * name `caller`, the exported function the inputs were given to.
 */
function checkInput(
  matrix: Matrix,
  n: number,
  options: BootstrapOptions,
  caller: string,
): CheckedInput {
  const { replicates = DEFAULT_REPLICATES, seed = DEFAULT_SEED } = options;
  const k = matrix.rows;
  const symmetric =
    k >= 2 &&
    matrix.columns === k &&
    matrix.to2DArray().every((row, i) =>
      row.every((a, j) => {
        const b = matrix.get(j, i);
        return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
      }),
    );
  if (!symmetric) {
    throw new Error(`${caller} requires a symmetric matrix of at least 2 variables`);
  }
  if (!(n >= k + 1 && Number.isFinite(n))) {
    throw new Error(`${caller} requires n ≥ ${k + 1} (drivers + 2)`);
  }
  if (!(Number.isInteger(replicates) && replicates >= 2)) {
    throw new Error(`${caller} requires at least 2 replicates`);
  }
  const exact = matrix.clone().add(matrix.transpose()).div(2);
  if (!new CholeskyDecomposition(exact).isPositiveDefinite()) {
    throw new Error(`${caller} requires a positive-definite matrix`);
  }
  return { sigma: exact, n, replicates, seed };
}

/** The replicates from checked inputs, so that the bootstrap checks its matrix only once. */
function drawsOf({ sigma, n, replicates, seed }: CheckedInput): RelativeWeightsDraws {
  const k = sigma.rows;
  const draw = wishartSampler(Matrix.div(sigma, n - 1), n - 1);
  const random = createSeededRandom(seed);
  const weights = Array.from({ length: k - 1 }, () => new Float64Array(replicates));
  const r2 = new Float64Array(replicates);
  for (let b = 0; b < replicates; b++) {
    const result = johnsonWeights(correlationOf(draw(random), k));
    result.weights.forEach((w, j) => (weights[j]![b] = w));
    r2[b] = result.r2;
  }
  return { weights, r2 };
}

/**
 * The replicates of the parametric bootstrap of Johnson's relative weights: B draws
 * S_b ~ W_k(Σ/(n − 1), n − 1), each turned into its correlation matrix and its weights and R².
 *
 * Reference: Tonidandel, LeBreton & Johnson (2009), Psychological Methods 14(4) (row
 * bootstrap; this is its multivariate-normal, parametric variant); Johnson (2000).
 *
 * @param matrix correlation or covariance matrix of the drivers and the outcome, the outcome
 *   last (k × k, symmetric positive definite)
 * @param n the number of responses the matrix was computed from (≥ k + 1; with weights, an
 *   effective sample size)
 * @param options replicates (default 500) and seed (default 1)
 * @returns every replicate's weights (per driver) and R²
 * @throws "relativeWeightsDraws requires a symmetric matrix of at least 2 variables"
 * @throws "relativeWeightsDraws requires n ≥ k + 1 (drivers + 2)"
 * @throws "relativeWeightsDraws requires a positive-definite matrix"
 * @throws "relativeWeightsDraws requires at least 2 replicates"
 * @example relativeWeightsDraws(new Matrix([[1, 0.5, 0.6], [0.5, 1, 0.4], [0.6, 0.4, 1]]), 100, { replicates: 3 }).r2
 * // Float64Array(3) [0.400330, 0.290612, 0.485819]
 */
export function relativeWeightsDraws(
  matrix: Matrix,
  n: number,
  options: BootstrapOptions = {},
): RelativeWeightsDraws {
  return drawsOf(checkInput(matrix, n, options, 'relativeWeightsDraws'));
}

function summarise(estimate: number, draws: Float64Array): BootstrapSummary {
  const b = draws.length;
  const mean = draws.reduce((s, v) => s + v, 0) / b;
  const se = Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (b - 1));
  const counts = { values: draws, counts: new Float64Array(b).fill(1) };
  return {
    estimate,
    se,
    lower: quantileOfCounts(counts, 0.025),
    upper: quantileOfCounts(counts, 0.975),
  };
}

/**
 * Parametric bootstrap of Johnson's relative weights from a correlation (or covariance)
 * matrix and n: per driver and for R², the estimate on the matrix, the bootstrap SE (sd of
 * the replicates) and the 2.5 / 97.5 percentile interval.
 *
 * Reference: Tonidandel, LeBreton & Johnson (2009), "Determining the statistical significance
 * of relative weights", Psychological Methods 14(4) — they resample rows; this is the
 * parametric, multivariate-normal variant, because the driver state holds only
 * cross-products (see the module notes); Johnson (2000), Multivariate Behavioral Research
 * 35(1).
 *
 * @param matrix correlation or covariance matrix of the drivers and the outcome, the outcome
 *   last (k × k, symmetric positive definite)
 * @param n the number of responses the matrix was computed from (≥ k + 1)
 * @param options replicates (default 500) and seed (default 1)
 * @returns the summaries per driver (in row order: its weight and its share of R²) and for R²,
 *   with n, replicates and seed
 * @throws "relativeWeightsBootstrap requires a symmetric matrix of at least 2 variables"
 * @throws "relativeWeightsBootstrap requires n ≥ k + 1 (drivers + 2)"
 * @throws "relativeWeightsBootstrap requires a positive-definite matrix"
 * @throws "relativeWeightsBootstrap requires at least 2 replicates"
 * @example relativeWeightsBootstrap(new Matrix([[1, 0.5, 0.6], [0.5, 1, 0.4], [0.6, 0.4, 1]]), 100).r2
 * // { estimate: 0.373333, se: 0.074831, lower: 0.240205, upper: 0.526557 }
 */
export function relativeWeightsBootstrap(
  matrix: Matrix,
  n: number,
  options: BootstrapOptions = {},
): RelativeWeightsBootstrap {
  const input = checkInput(matrix, n, options, 'relativeWeightsBootstrap');
  const { sigma, replicates, seed } = input;
  const observed = johnsonWeights(correlationOf(sigma.to1DArray(), sigma.rows));
  const draws = drawsOf(input);
  return {
    weights: observed.weights.map((w, j) => summarise(w, draws.weights[j]!)),
    shares: observed.weights.map((w, j) =>
      summarise(
        w / observed.r2,
        draws.weights[j]!.map((wb, b) => wb / draws.r2[b]!),
      ),
    ),
    r2: summarise(observed.r2, draws.r2),
    n,
    replicates,
    seed,
  };
}
