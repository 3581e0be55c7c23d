/**
 * The k-th smallest value (0-based) of `values`, found in linear expected time by Hoare's
 * selection (quickselect with a median-of-three pivot) instead of sorting everything: a median
 * over a million answers costs a few passes, not n log n. Reorders `values` in place.
 */
export function selectKth(values: Float64Array, k: number): number {
  if (!(k >= 0 && k < values.length)) throw new RangeError('selectKth needs 0 ≤ k < length');
  let lo = 0;
  let hi = values.length - 1;
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
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    // Now values[lo..j] ≤ pivot ≤ values[i..hi], and everything between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}
