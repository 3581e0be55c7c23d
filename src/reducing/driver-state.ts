/**
 * The mergeable state of key-driver analysis: weighted sums and cross-products of the drivers
 * and one outcome (statistics/relative-weights.ts turns them into r, R² and relative weights).
 *
 * Missing answers: listwise — a response counts only when the outcome and every driver are
 * answered ("not applicable" is missing); the n used is reported with the result.
 * The state merges exactly and scales by a cell weight; memory is (drivers + 1)² numbers
 * whatever the number of rows.
 */

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
