/**
 * The k-th smallest value (0-based) of the list in which `values[i]` appears `weights[i]` times
 * (positive whole numbers), without building that list, in linear expected time: Hoare's
 * selection (quickselect with a median-of-three pivot) over the pairs, keeping count of the
 * weight left of the range, instead of sorting everything. A median over a million answers
 * from a quarter of a million customers reads the customers, not the answers. Reorders both
 * arrays in place.
 */
export function selectKthWeighted(values: Float64Array, weights: Float64Array, k: number): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  if (!(k >= 0 && k < total)) throw new RangeError('selectKthWeighted needs 0 ≤ k < total weight');
  let lo = 0;
  let hi = values.length - 1;
  let before = 0; // weight of the values left of lo (all ≤ those in lo..hi)
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
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
    }
    // Now values[lo..j] ≤ pivot ≤ values[i..hi], and everything between equals the pivot.
    let left = 0;
    for (let p = lo; p <= j; p++) left += weights[p]!;
    let middle = 0;
    for (let p = j + 1; p < i; p++) middle += weights[p]!;
    if (k < before + left) hi = j;
    else if (k < before + left + middle) return pivot;
    else {
      before += left + middle;
      lo = i;
    }
  }
  return values[lo]!;
}
