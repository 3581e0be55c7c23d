/**
 * Key-driver analysis: how much each driver (e.g. the quality components) explains of an
 * outcome (overall satisfaction or recommend), from a mergeable one-pass state.
 *
 * - Pearson r of each driver with the outcome;
 * - R² of the least-squares regression of the outcome on all drivers;
 * - Johnson's relative weights (Johnson 2000, Multivariate Behavioral Research 35(1)): the
 *   drivers are replaced by their closest orthogonal counterparts through the eigen-
 *   decomposition of their correlation matrix; the weights sum to R²;
 * - Shapley / LMG decomposition of R² (Lindeman, Merenda & Gold 1980; Grömping 2006): each
 *   driver's average gain in R² over all orders of entry; also sums to R².
 *
 * Missing answers: listwise — a response counts only when the outcome and every driver are
 * answered ("not applicable" is missing); the n used is reported with the result.
 * The state holds weighted sums and cross-products, so it merges exactly and scales by a cell
 * weight; memory is (drivers + 1)² numbers whatever the number of rows.
 */
import { EigenvalueDecomposition, Matrix, inverse } from 'ml-matrix';

export interface DriverState {
  /** Variable names: drivers first, the outcome last. */
  variables: string[];
  /** Complete responses (raw count). */
  n: number;
  /** Responses skipped because a variable was missing. */
  incomplete: number;
  sumW: number;
  sumW2: number;
  /** Σ w·x per variable. */
  sums: Float64Array;
  /** Σ w·x_i·x_j, row-major (variables × variables), upper triangle (i ≤ j) filled. */
  products: Float64Array;
}

/** An empty state for the given drivers and outcome. */
export function createDriverState(drivers: readonly string[], outcome: string): DriverState {
  const k = drivers.length + 1;
  return {
    variables: [...drivers, outcome],
    n: 0,
    incomplete: 0,
    sumW: 0,
    sumW2: 0,
    sums: new Float64Array(k),
    products: new Float64Array(k * k),
  };
}

// One row's values, reused from row to row (this runs once per response and outcome).
let scratch = new Float64Array(16);
let identity = Int32Array.from({ length: 16 }, (_, i) => i);

/** Adds one response (mutates). `values` maps variable → answer; absent = missing. */
export function addDriverRow(
  state: DriverState,
  values: Readonly<Record<string, number | undefined>>,
  w = 1,
): DriverState {
  const k = state.variables.length;
  if (scratch.length < k) scratch = new Float64Array(k);
  if (identity.length < k) identity = Int32Array.from({ length: k }, (_, i) => i);
  for (let i = 0; i < k; i++) scratch[i] = values[state.variables[i]!] ?? NaN;
  return addDriverValues(state, scratch, identity, w);
}

/**
 * The answers at `at[0..count)`, copied into the row buffer (which has room for all of `at`),
 * or null when one is missing: listwise, a response counts only when every variable is answered.
 */
function answeredRow(answers: Float64Array, at: Int32Array, count: number): Float64Array | null {
  if (scratch.length < at.length) scratch = new Float64Array(at.length);
  const x = scratch;
  for (let i = 0; i < count; i++) {
    const v = answers[at[i]!]!;
    if (Number.isNaN(v)) return null;
    x[i] = v;
  }
  return x;
}

/**
 * Adds one response from positional answers (mutates): variable i's answer is
 * `answers[at[i]]`, NaN when missing. The survey reducer reads a response's scores once into
 * such an array instead of looking each variable up by name for every outcome.
 */
export function addDriverValues(
  state: DriverState,
  answers: Float64Array,
  at: Int32Array,
  w = 1,
): DriverState {
  const k = state.variables.length;
  const x = answeredRow(answers, at, k);
  if (x === null) {
    state.incomplete += 1;
    return state;
  }
  state.n += 1;
  state.sumW += w;
  state.sumW2 += w * w;
  const { sums, products } = state;
  for (let i = 0; i < k; i++) {
    const wx = w * x[i]!;
    sums[i]! += wx;
    // The matrix is symmetric: fill the upper triangle only (read as [min, max]).
    for (let j = i; j < k; j++) products[i * k + j]! += wx * x[j]!;
  }
  return state;
}

/**
 * addDriverValues on two states of the same drivers and different outcomes (mutates both):
 * when the drivers and both outcomes are answered, each product of two drivers is formed once
 * and added to both states in one pass (the same operations on each state as
 * addDriverValues, so the sums are identical); otherwise each state takes the response alone.
 * `atA`/`atB` are the states' positions (drivers first, then the outcome), as for
 * addDriverValues.
 */
export function addDriverValuesToBoth(
  a: DriverState,
  b: DriverState,
  answers: Float64Array,
  atA: Int32Array,
  atB: Int32Array,
  w = 1,
): void {
  const k = atA.length;
  const d = k - 1;
  const ya = answers[atA[d]!]!;
  const yb = answers[atB[d]!]!;
  if (Number.isNaN(ya) || Number.isNaN(yb)) {
    addDriverValues(a, answers, atA, w);
    addDriverValues(b, answers, atB, w);
    return;
  }
  const x = answeredRow(answers, atA, d);
  if (x === null) {
    a.incomplete += 1;
    b.incomplete += 1;
    return;
  }
  x[d] = ya;
  a.n += 1;
  a.sumW += w;
  a.sumW2 += w * w;
  b.n += 1;
  b.sumW += w;
  b.sumW2 += w * w;
  const sumsA = a.sums;
  const sumsB = b.sums;
  const productsA = a.products;
  const productsB = b.products;
  for (let i = 0; i < d; i++) {
    const wx = w * x[i]!;
    sumsA[i]! += wx;
    sumsB[i]! += wx;
    const row = i * k;
    for (let j = i; j < d; j++) {
      const product = wx * x[j]!;
      productsA[row + j]! += product;
      productsB[row + j]! += product;
    }
    productsA[row + d]! += wx * ya;
    productsB[row + d]! += wx * yb;
  }
  const wa = w * ya;
  const wb = w * yb;
  sumsA[d]! += wa;
  sumsB[d]! += wb;
  productsA[d * k + d]! += wa * ya;
  productsB[d * k + d]! += wb * yb;
}

/** Combines two states of the same variables exactly. */
export function mergeDriverStates(a: DriverState, b: DriverState): DriverState {
  if (a.variables.join('\u0000') !== b.variables.join('\u0000')) {
    throw new Error('mergeDriverStates requires states of the same variables');
  }
  return {
    variables: a.variables,
    n: a.n + b.n,
    incomplete: a.incomplete + b.incomplete,
    sumW: a.sumW + b.sumW,
    sumW2: a.sumW2 + b.sumW2,
    sums: a.sums.map((s, i) => s + b.sums[i]!),
    products: a.products.map((p, i) => p + b.products[i]!),
  };
}

/** Gives every response of an unweighted (per-cell) state the weight w. */
export function scaleDriverState(state: DriverState, w: number): DriverState {
  return {
    ...state,
    sumW: state.sumW * w,
    sumW2: state.sumW2 * w * w,
    sums: state.sums.map((s) => s * w),
    products: state.products.map((p) => p * w),
  };
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
function correlations(state: DriverState): Matrix {
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

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/**
 * Pearson r, R², Johnson's relative weights and LMG shares for every driver.
 * @throws when there are fewer complete responses than drivers + 2, or a variable is constant
 */
export function driverAnalysis(state: DriverState): DriverResult {
  const p = state.variables.length - 1;
  if (state.n < p + 2)
    throw new Error(`driverAnalysis requires at least ${p + 2} complete responses`);
  const drivers = state.variables.slice(0, p);
  const outcome = state.variables[p]!;
  const r = correlations(state);
  const all = drivers.map((_, i) => i);
  const r2 = r2Of(r, all, p);

  // Johnson: Rxx = V Λ V'; Λ½ = V diag(√λ) V'; β = Λ½⁻¹ rxy; ε_j = Σ_k Λ½[j,k]² β_k².
  const rxx = r.selection(all, all);
  const rxy = Matrix.columnVector(all.map((i) => r.get(i, p)));
  const eig = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const v = eig.eigenvectorMatrix;
  const sqrtLambda = Matrix.diag(eig.realEigenvalues.map((l) => Math.sqrt(Math.max(l, 0))));
  const half = v.mmul(sqrtLambda).mmul(v.transpose());
  const beta = inverse(half).mmul(rxy);
  const johnson: Record<string, number> = {};
  drivers.forEach((d, j) => {
    let sum = 0;
    for (let k = 0; k < p; k++) sum += half.get(j, k) ** 2 * beta.get(k, 0) ** 2;
    johnson[d] = sum;
  });

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
