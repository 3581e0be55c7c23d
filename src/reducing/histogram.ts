/**
 * Mergeable weighted histogram of one survey item: the complete sufficient statistic for its
 * top-box share, mean and NPS. Memory is one number per point. An item scored as the mean of
 * k integer answers (a construct) takes values in steps of 1/k, so its histogram has k points
 * per scale unit and stays exact.
 */
import { createMoments, type MomentsState } from './weighted-moments.ts';

export interface ItemHistogram {
  /** Lowest and highest scale point. */
  min: number;
  max: number;
  /** Points per scale unit: 1 for a single question, k for the mean of k questions. */
  steps: number;
  /** Weighted count per point, index i = min + i / steps. */
  counts: number[];
  /** Answers (raw count). */
  n: number;
  /** Sum of squared weights, for Kish n_eff. */
  sumW2: number;
  /** Rows where the item was empty or "not applicable" (raw count). */
  missing: number;
}

/** An empty histogram for a scale [min, max] with `steps` points per scale unit. */
export function createHistogram(min: number, max: number, steps = 1): ItemHistogram {
  if (!(Number.isInteger(min) && Number.isInteger(max) && max > min)) {
    throw new Error('createHistogram requires integer min < max');
  }
  if (!(Number.isInteger(steps) && steps >= 1)) {
    throw new Error('createHistogram requires a whole number of steps ≥ 1');
  }
  const counts = new Array<number>((max - min) * steps + 1).fill(0);
  return { min, max, steps, counts, n: 0, sumW2: 0, missing: 0 };
}

/**
 * The index of a value's point in a histogram's counts.
 * @throws when the value is not a point of the scale (the loader reports those first)
 */
function pointOf(h: ItemHistogram, value: number): number {
  const exact = (value - h.min) * h.steps;
  // A single question's score is a whole number already (no rounding: this runs for every
  // answer); a mean of k integers times k is one up to rounding error.
  let index = exact | 0;
  if (index !== exact) {
    index = Math.round(exact);
    if (!(Math.abs(exact - index) < 1e-9)) index = -1;
  }
  if (index < 0 || index >= h.counts.length) {
    throw new Error(
      `addToHistogram requires a value between ${h.min} and ${h.max} in steps of 1/${h.steps}`,
    );
  }
  return index;
}

/**
 * Adds one answer (mutates). An undefined value counts as missing, never as a score.
 * @throws when the value is not an integer on the scale (the loader reports those first)
 */
export function addToHistogram(h: ItemHistogram, value: number | undefined, w = 1): ItemHistogram {
  if (value === undefined) {
    h.missing += 1;
    return h;
  }
  h.counts[pointOf(h, value)]! += w;
  h.n += 1;
  h.sumW2 += w * w;
  return h;
}

/**
 * Adds `count` unweighted answers of one value at once (mutates): what `count` calls of
 * addToHistogram give, for states computed from counts (reducing/sql/).
 * @throws when the value is not a point of the scale
 */
export function addCountToHistogram(h: ItemHistogram, value: number, count: number): ItemHistogram {
  h.counts[pointOf(h, value)]! += count;
  h.n += count;
  h.sumW2 += count;
  return h;
}

/** Combines two histograms of the same scale exactly. */
export function mergeHistograms(a: ItemHistogram, b: ItemHistogram): ItemHistogram {
  if (a.min !== b.min || a.max !== b.max || a.steps !== b.steps) {
    throw new Error('mergeHistograms requires histograms of the same scale');
  }
  return {
    min: a.min,
    max: a.max,
    steps: a.steps,
    counts: a.counts.map((c, i) => c + (b.counts[i] ?? 0)),
    n: a.n + b.n,
    sumW2: a.sumW2 + b.sumW2,
    missing: a.missing + b.missing,
  };
}

/** Gives every answer in an unweighted (per-cell) histogram the weight w. */
export function scaleHistogram(h: ItemHistogram, w: number): ItemHistogram {
  return { ...h, counts: h.counts.map((c) => c * w), sumW2: h.sumW2 * w * w };
}

/** Total weight of the answers. */
export function histogramWeight(h: ItemHistogram): number {
  return h.counts.reduce((sum, c) => sum + c, 0);
}

/** Weighted share of answers between `from` and `to` inclusive (0 when there are none). */
export function shareBetween(h: ItemHistogram, from: number, to: number): number {
  const total = histogramWeight(h);
  if (total === 0) return 0;
  let inRange = 0;
  h.counts.forEach((c, i) => {
    const point = h.min + i / h.steps;
    if (point >= from && point <= to) inRange += c;
  });
  return inRange / total;
}

/** The moments of the item's scores, so means share one code path with continuous measures. */
export function histogramMoments(h: ItemHistogram): MomentsState {
  const m = createMoments();
  m.n = h.n;
  m.sumW2 = h.sumW2;
  h.counts.forEach((c, i) => {
    const x = h.min + i / h.steps;
    m.sumW += c;
    m.sumWX += c * x;
    m.sumWX2 += c * x * x;
  });
  return m;
}
