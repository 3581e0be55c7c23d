/**
 * Key-driver analysis: how much each driver (e.g. the quality components) explains of an
 * outcome (overall satisfaction or recommend), from weighted sums and cross-products.
 *
 * - Pearson r of each driver with the outcome;
 * - R² of the least-squares regression of the outcome on all drivers;
 * - Johnson's relative weights (Johnson 2000, Multivariate Behavioral Research 35(1)): the
 *   drivers are replaced by their closest orthogonal counterparts through the eigen-
 *   decomposition of their correlation matrix; the weights sum to R²;
 * - Shapley / LMG decomposition of R² (Lindeman, Merenda & Gold 1980; Grömping 2006): each
 *   driver's average gain in R² over all orders of entry; also sums to R².
 */
import { EigenvalueDecomposition, Matrix, inverse } from 'ml-matrix';

/** Weighted sums and cross-products of drivers and an outcome (the driver state's shape). */
export interface CrossProducts {
  /** Variable names: drivers first, the outcome last. */
  variables: readonly string[];
  /** Complete responses (raw count). */
  n: number;
  /** Responses left out for a missing answer. */
  incomplete: number;
  sumW: number;
  /** Σ w·x per variable. */
  sums: Float64Array;
  /** Σ w·x_i·x_j, row-major, upper triangle (i ≤ j) filled. */
  products: Float64Array;
}

export interface DriverResult {
  outcome: string;
  drivers: string[];
  /** Complete responses used (listwise). */
  n: number;
  /** Responses left out for a missing answer. */
  excluded: number;
  r2: number;
  pearson: Record<string, number>;
  johnson: Record<string, number>;
  lmg: Record<string, number>;
}

/** Correlation matrix of all variables from the weighted cross-products. */
function correlations(state: CrossProducts): Matrix {
  const k = state.variables.length;
  const mean = state.sums.map((s) => s / state.sumW);
  const cov = Matrix.zeros(k, k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const product = i <= j ? state.products[i * k + j]! : state.products[j * k + i]!;
      cov.set(i, j, product / state.sumW - mean[i]! * mean[j]!);
    }
  }
  const sd = Array.from({ length: k }, (_, i) => Math.sqrt(cov.get(i, i)));
  if (sd.some((s) => !(s > 0))) {
    const flat = state.variables.filter((_, i) => !(sd[i]! > 0));
    throw new Error(
      `driverAnalysis requires variation in every variable (constant: ${flat.join(', ')})`,
    );
  }
  return Matrix.from1DArray(
    k,
    k,
    Array.from(
      { length: k * k },
      (_, idx) => cov.get(Math.floor(idx / k), idx % k) / (sd[Math.floor(idx / k)]! * sd[idx % k]!),
    ),
  );
}

/** R² of the outcome on a subset of drivers, from the correlation matrix. */
function r2Of(r: Matrix, subset: readonly number[], outcome: number): number {
  if (subset.length === 0) return 0;
  const rxx = r.selection([...subset], [...subset]);
  const rxy = Matrix.columnVector(subset.map((i) => r.get(i, outcome)));
  return rxy.transpose().mmul(inverse(rxx)).mmul(rxy).get(0, 0);
}

/**
 * Johnson's relative weights of the drivers and the R² they sum to, from a correlation matrix.
 *
 * The drivers are replaced by their closest orthogonal counterparts: Rxx = V Λ V',
 * Λ½ = V diag(√λ) V', β = Λ½⁻¹ rxy (the outcome on the orthogonal variables), and the weight of
 * driver j is ε_j = Σ_k Λ½[j,k]² β_k². The weights sum to R² = β'β.
 *
 * Reference: Johnson (2000), "A heuristic method for estimating the relative weight of
 * predictor variables in multiple regression", Multivariate Behavioral Research 35(1).
 *
 * @param r correlation matrix of the drivers and the outcome, the outcome in the last row and
 *   column (k × k, k ≥ 2, the drivers' block positive definite)
 * @returns the weight of each driver, in the order of the rows, and R²
 * @throws "johnsonWeights requires a square matrix of at least 2 variables"
 * @example johnsonWeights(new Matrix([[1, 0.5, 0.6], [0.5, 1, 0.4], [0.6, 0.4, 1]]))
 * // { weights: [0.286667, 0.086667], r2: 0.373333 }
 */
export function johnsonWeights(r: Matrix): { weights: number[]; r2: number } {
  const k = r.rows;
  if (!(k >= 2 && r.columns === k)) {
    throw new Error('johnsonWeights requires a square matrix of at least 2 variables');
  }
  const p = k - 1;
  const all = Array.from({ length: p }, (_, i) => i);
  // Rxx = V Λ V'; Λ½ = V diag(√λ) V'; β = Λ½⁻¹ rxy; ε_j = Σ_k Λ½[j,k]² β_k².
  const rxx = r.selection(all, all);
  const rxy = Matrix.columnVector(all.map((i) => r.get(i, p)));
  const eig = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const v = eig.eigenvectorMatrix;
  const sqrtLambda = Matrix.diag(eig.realEigenvalues.map((l) => Math.sqrt(Math.max(l, 0))));
  const half = v.mmul(sqrtLambda).mmul(v.transpose());
  const beta = inverse(half).mmul(rxy);
  const weights = all.map((j) => {
    let sum = 0;
    for (let m = 0; m < p; m++) sum += half.get(j, m) ** 2 * beta.get(m, 0) ** 2;
    return sum;
  });
  let r2 = 0;
  for (let m = 0; m < p; m++) r2 += beta.get(m, 0) ** 2;
  return { weights, r2 };
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/**
 * Pearson r, R², Johnson's relative weights and LMG shares for every driver.
 * @throws when there are fewer complete responses than drivers + 2, or a variable is constant
 */
export function driverAnalysis(state: CrossProducts): DriverResult {
  const p = state.variables.length - 1;
  if (state.n < p + 2)
    throw new Error(`driverAnalysis requires at least ${p + 2} complete responses`);
  const drivers = state.variables.slice(0, p);
  const outcome = state.variables[p]!;
  const r = correlations(state);
  const all = drivers.map((_, i) => i);
  const r2 = r2Of(r, all, p);

  const weights = johnsonWeights(r).weights;
  const johnson: Record<string, number> = {};
  drivers.forEach((d, j) => (johnson[d] = weights[j]!));

  // LMG: Shapley value of R² over all subsets (2^p subsets; fine up to ~15 drivers).
  const r2Cache = new Map<number, number>();
  const r2Mask = (mask: number) => {
    let value = r2Cache.get(mask);
    if (value === undefined) {
      value = r2Of(
        r,
        all.filter((i) => mask & (1 << i)),
        p,
      );
      r2Cache.set(mask, value);
    }
    return value;
  };
  const lmg: Record<string, number> = {};
  drivers.forEach((d, j) => {
    let total = 0;
    for (let mask = 0; mask < 1 << p; mask++) {
      if (mask & (1 << j)) continue;
      let size = 0;
      for (let m = mask; m; m &= m - 1) size += 1;
      const weight = (factorial(size) * factorial(p - size - 1)) / factorial(p);
      total += weight * (r2Mask(mask | (1 << j)) - r2Mask(mask));
    }
    lmg[d] = total;
  });

  const pearson: Record<string, number> = {};
  drivers.forEach((d, i) => (pearson[d] = r.get(i, p)));
  return { outcome, drivers, n: state.n, excluded: state.incomplete, r2, pearson, johnson, lmg };
}
