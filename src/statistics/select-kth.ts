/**
 * The k-th smallest value (0-based) of the list in which `values[i]` appears `weights[i]` times
 * (positive whole numbers), without building that list, in linear expected time: Hoare's
 * selection (quickselect with a median-of-three pivot) over the pairs, keeping count of the
 * weight left of the range, instead of sorting everything. A median over a million answers
 * from a quarter of a million customers reads the customers, not the answers. Reorders both
 * arrays in place.
 */
export function selectKthWeighted(values: Float64Array, weights: Float64Array, k: number): number {
  const total = weightBetween(weights, 0, weights.length - 1);
  if (!(k >= 0 && k < total)) throw new RangeError('selectKthWeighted needs 0 ≤ k < total weight');
  let lo = 0;
  let hi = values.length - 1;
  let before = 0; // weight of the values left of lo (all ≤ those in lo..hi)
  // Where each partition's scans stopped: one pair per call (a plain array, the cheapest to
  // make), not one for the module, so that the function keeps no state between calls.
  const bounds = [0, 0];
  // The inner loops are functions of their own: compiled inside the outer loop, they gave up
  // on leaving their loop, once per round.
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    partition(values, weights, lo, hi, pivot, bounds);
    const i = bounds[0]!;
    const j = bounds[1]!;
    // Now values[lo..j] ≤ pivot ≤ values[i..hi], and everything between equals the pivot.
    const left = weightBetween(weights, lo, j);
    const middle = weightBetween(weights, j + 1, i - 1);
    if (k < before + left) hi = j;
    else if (k < before + left + middle) return pivot;
    else {
      before += left + middle;
      lo = i;
    }
  }
  return values[lo]!;
}

/**
 * Hoare's partition of lo..hi (lo < hi) around `pivot`, moving each weight with its value;
 * writes where its two scans stopped, [i, j], to `bounds`.
 */
function partition(
  values: Float64Array,
  weights: Float64Array,
  lo: number,
  hi: number,
  pivot: number,
  bounds: number[],
): void {
  let i = lo;
  let j = hi;
  while (i <= j) {
    while (values[i]! < pivot) i += 1;
    while (values[j]! > pivot) j -= 1;
    if (i <= j) {
      const value = values[i]!;
      values[i] = values[j]!;
      values[j] = value;
      const weight = weights[i]!;
      weights[i] = weights[j]!;
      weights[j] = weight;
      i += 1;
      j -= 1;
    }
    // Written in the loop, not after it: code after a loop compiled while it ran has not run
    // yet when it is compiled, and gives up on reaching it.
    bounds[0] = i;
    bounds[1] = j;
  }
}

/** The sum of weights[from..to] (0 when to < from). */
function weightBetween(weights: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let p = from; p <= to; p++) sum += weights[p]!;
  return sum;
}
