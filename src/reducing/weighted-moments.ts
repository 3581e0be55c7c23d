/**
 * Mergeable weighted moments of a numeric variable: the sufficient statistics of a mean,
 * its variance and Kish's effective sample size. Unweighted data is the case w = 1.
 */

export interface MomentsState {
  /** Observations (raw count). */
  n: number;
  sumW: number;
  sumW2: number;
  sumWX: number;
  sumWX2: number;
}

/** An empty moments state. */
export function createMoments(): MomentsState {
  return { n: 0, sumW: 0, sumW2: 0, sumWX: 0, sumWX2: 0 };
}

/**
 * What rounding lost from a state's sums of wx and wx², kept beside the state rather than in it
 * (its data, encoding and schema stay as they are). With them each sum is the sum of its terms
 * rounded once, not once per term: a million index values summed one by one drift by about
 * 1e-13 relative, in an order no SQL engine shares, and the tests of two close means amplify
 * that (reducing/sql/ sums with the engine's compensated sum to give the same sums).
 */
const lowParts = new WeakMap<MomentsState, LowParts>();

/** What rounding lost from a state's sums of wx and wx² (see addCompensated). */
export interface LowParts {
  wx: number;
  wx2: number;
}

/** The low parts kept beside a state (created at zero for a new state). */
export function lowPartsOf(state: MomentsState): LowParts {
  let low = lowParts.get(state);
  if (low === undefined) {
    low = { wx: 0, wx2: 0 };
    lowParts.set(state, low);
  }
  return low;
}

/**
 * Adds `term` to the compensated sum at `sums[at]`, whose low part (what rounding lost) is at
 * `sums[at + 1]` (mutates): Knuth's TwoSum of `high + low + term`, the low part then folded back
 * in so that the sum stays the best double.
 */
export function addCompensated(sums: Float64Array, at: number, term: number): void {
  const high = sums[at]!;
  const s = high + term;
  const b = s - high;
  const total = sums[at + 1]! + (high - (s - b) + (term - b));
  const rounded = s + total;
  sums[at] = rounded;
  sums[at + 1] = total - (rounded - s);
}

/** Adds one observation x with weight w (mutates and returns the state). */
export function addMoment(state: MomentsState, x: number, w = 1): MomentsState {
  const sums = compensatedSumsOf(state);
  addMomentToSums(state, sums, x, w);
  storeCompensatedSums(state, sums);
  return state;
}

/**
 * A state's sums of wx and wx², each with its low part, laid out for addCompensated: [Σwx, low,
 * Σwx², low]. A reducer adding to many states keeps them in a typed array (a number stored in an
 * object's field is a new heap object each time) and writes them back with storeCompensatedSums.
 */
export function compensatedSumsOf(state: MomentsState): Float64Array {
  const low = lowPartsOf(state);
  return Float64Array.of(state.sumWX, low.wx, state.sumWX2, low.wx2);
}

/**
 * Adds one observation x with weight w, the state's sums of wx and wx² kept in `sums`
 * (compensatedSumsOf) until they are stored (mutates both).
 */
export function addMomentToSums(state: MomentsState, sums: Float64Array, x: number, w = 1): void {
  state.n += 1;
  state.sumW += w;
  state.sumW2 += w * w;
  const wx = w * x;
  addCompensated(sums, 0, wx);
  addCompensated(sums, 2, wx * x);
}

/** Writes sums kept by compensatedSumsOf back to the state and its low parts (mutates). */
export function storeCompensatedSums(state: MomentsState, sums: Float64Array): void {
  const low = lowPartsOf(state);
  state.sumWX = sums[0]!;
  low.wx = sums[1]!;
  state.sumWX2 = sums[2]!;
  low.wx2 = sums[3]!;
}

/** Combines two states exactly: merge(a, b) equals one pass over both inputs. */
export function mergeMoments(a: MomentsState, b: MomentsState): MomentsState {
  return {
    n: a.n + b.n,
    sumW: a.sumW + b.sumW,
    sumW2: a.sumW2 + b.sumW2,
    sumWX: a.sumWX + b.sumWX,
    sumWX2: a.sumWX2 + b.sumWX2,
  };
}

/**
 * Gives every observation of a state the weight w. Valid when the state holds unweighted
 * observations of one weighting cell, which is how weighting is applied (weights are per cell).
 */
export function scaleMoments(state: MomentsState, w: number): MomentsState {
  return {
    n: state.n,
    sumW: state.sumW * w,
    sumW2: state.sumW2 * w * w,
    sumWX: state.sumWX * w,
    sumWX2: state.sumWX2 * w,
  };
}

const bits = new DataView(new ArrayBuffer(8));

/** A finite double as mantissa × 2^exponent, both integers (the mantissa signed). */
function binaryParts(v: number): { mantissa: bigint; exponent: number } {
  bits.setFloat64(0, v);
  const high = bits.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(bits.getUint32(4));
  if (biased !== 0) mantissa |= 1n << 52n;
  return { mantissa: high >>> 31 ? -mantissa : mantissa, exponent: Math.max(biased, 1) - 1075 };
}

/**
 * The sum of `count × value` over the terms, exact and then rounded once to the nearest double:
 * what addMoment's compensated sums give for the same values added one by one, whatever the
 * order. The SQL path (reducing/sql/) receives each cell's index values with their counts and
 * sums them here, so both paths' sums are the same double.
 * @example exactSum([[0.1, 1_000_000]]) // 100000 (adding 0.1 a million times gives 100000.0000013)
 */
export function exactSum(terms: ReadonlyArray<readonly [value: number, count: number]>): number {
  // Zeros add nothing, and would set the scale far below every other term's.
  const parts = terms
    .filter(([value, count]) => value !== 0 && count !== 0)
    .map(([value, count]) => ({ ...binaryParts(value), count: BigInt(count) }));
  const lowest = parts.reduce((low, p) => Math.min(low, p.exponent), Infinity);
  let total = 0n;
  for (const p of parts) total += p.count * (p.mantissa << BigInt(p.exponent - lowest));
  // Number() of a BigInt rounds to the nearest double; the power of two then scales exactly.
  return parts.length === 0 ? 0 : Number(total) * 2 ** lowest;
}
