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

/**
 * Adds one response (mutates). `values` maps variable → answer; absent = missing. Listwise: the
 * response counts only when every variable is answered.
 */
export function addDriverRow(
  state: DriverState,
  values: Readonly<Record<string, number | undefined>>,
  w = 1,
): DriverState {
  const k = state.variables.length;
  const x = state.variables.map((v) => values[v]);
  if (x.some((v) => v === undefined || Number.isNaN(v))) {
    state.incomplete += 1;
    return state;
  }
  state.n += 1;
  state.sumW += w;
  state.sumW2 += w * w;
  for (let i = 0; i < k; i++) {
    const wx = w * x[i]!;
    state.sums[i]! += wx;
    // The matrix is symmetric: the upper triangle only (read as [min, max]).
    for (let j = i; j < k; j++) state.products[i * k + j]! += wx * x[j]!;
  }
  return state;
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
