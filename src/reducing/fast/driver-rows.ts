/**
 * The survey row loop's way into the driver states: a response's answers by position, read
 * once per response for every outcome (addDriverRow, the plain twin, looks each variable up by
 * name). `scratch` is the caller's row buffer, with room for every variable.
 */
import type { DriverState } from '../driver-state.ts';

/**
 * The answers at `at[0..count)`, copied into the row buffer (which has room for all of `at`),
 * or null when one is missing: listwise, a response counts only when every variable is answered.
 */
function answeredRow(
  answers: Float64Array,
  at: Int32Array,
  count: number,
  x: Float64Array,
): Float64Array | null {
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
  scratch: Float64Array,
  w = 1,
): DriverState {
  const k = state.variables.length;
  const x = answeredRow(answers, at, k, scratch);
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
  scratch: Float64Array,
  w = 1,
): void {
  const k = atA.length;
  const d = k - 1;
  const ya = answers[atA[d]!]!;
  const yb = answers[atB[d]!]!;
  if (Number.isNaN(ya) || Number.isNaN(yb)) {
    addDriverValues(a, answers, atA, scratch, w);
    addDriverValues(b, answers, atB, scratch, w);
    return;
  }
  const x = answeredRow(answers, atA, d, scratch);
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
