/**
 * Quantiles of a weighted histogram (value → count), a distribution-free confidence interval
 * for them from order statistics, and an SE derived from that interval (the change test of a
 * quantile is then the z-test on two SEs, metrics/change.ts).
 *
 * Order statistics of a histogram. Sort the distinct values v₁ < … < v_m with counts c_j > 0,
 * cumulative counts C_j = c₁ + … + c_j and n = C_m. The order statistic of (1-based) rank
 * r is x_(r) = the smallest v_j with C_j ≥ r, i.e. the r-th value of the expanded sample;
 * ranks above n give v_m. With whole counts this is exactly sorting the expanded sample; with
 * fractional weights v_j occupies the ranks (C_{j−1}, C_j].
 */
import { zForConfidence } from './normal.ts';

/** A weighted histogram: value → count, or parallel arrays (values may repeat). */
export type Counts =
  | ReadonlyMap<number, number>
  | {
      readonly values: ArrayLike<number>;
      readonly counts: ArrayLike<number>;
    };

/** A quantile with its distribution-free interval and the SE derived from the interval. */
export interface QuantileInterval {
  /** The sample quantile (Hyndman & Fan type 7, numpy's default). */
  value: number;
  lower: number;
  upper: number;
  /** (upper − lower) / (2z); 0 when both ends fall on the same scale point. */
  se: number;
  /** 1-based ranks of the order statistics giving lower and upper. */
  lowerRank: number;
  upperRank: number;
  /** Total count. */
  n: number;
}

/** Distinct values in ascending order with their cumulative counts. */
interface Sorted {
  values: Float64Array;
  cumulative: Float64Array;
  n: number;
}

function sortCounts(counts: Counts, caller: string): Sorted {
  const merged = new Map<number, number>();
  const add = (value: number, count: number) => {
    if (!Number.isFinite(value)) throw new Error(`${caller} requires finite values`);
    if (!(count >= 0 && Number.isFinite(count))) {
      throw new Error(`${caller} requires finite counts ≥ 0`);
    }
    if (count > 0) merged.set(value, (merged.get(value) ?? 0) + count);
  };
  if ('counts' in counts) {
    const { values, counts: c } = counts;
    if (values.length !== c.length) {
      throw new Error(`${caller} requires values and counts of the same length`);
    }
    for (let i = 0; i < values.length; i++) add(values[i]!, c[i]!);
  } else {
    for (const [value, count] of counts) add(value, count);
  }
  const distinct = Float64Array.from(merged.keys()).sort();
  const cumulative = new Float64Array(distinct.length);
  let total = 0;
  distinct.forEach((value, j) => {
    total += merged.get(value)!;
    cumulative[j] = total;
  });
  if (!(total >= 1)) throw new Error(`${caller} requires n ≥ 1`);
  return { values: distinct, cumulative, n: total };
}

/** x_(r): the smallest value whose cumulative count reaches the 1-based rank r. */
function orderStatistic(sorted: Sorted, rank: number): number {
  const { values, cumulative } = sorted;
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! >= rank) hi = mid;
    else lo = mid + 1;
  }
  return values[lo]!;
}

function typeSeven(sorted: Sorted, q: number): number {
  const h = 1 + (sorted.n - 1) * q; // 1-based position
  const below = Math.floor(h);
  const fraction = h - below;
  const low = orderStatistic(sorted, below);
  if (fraction === 0) return low;
  return low + fraction * (orderStatistic(sorted, below + 1) - low);
}

function checkQ(q: number, caller: string): void {
  if (!(q >= 0 && q <= 1)) throw new Error(`${caller} requires 0 ≤ q ≤ 1`);
}

/**
 * The q-quantile of a weighted histogram, interpolating linearly between order statistics:
 * with h = 1 + (n − 1)q, Q = x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)).
 *
 * Reference: Hyndman & Fan (1996), "Sample quantiles in statistical packages", The American
 * Statistician 50(4), definition 7 — numpy.percentile's default ("linear") and R's type 7.
 * With whole counts the result is numpy.percentile of the expanded sample; fractional counts
 * use the order statistics defined in this module's header (no package defines type 7 for
 * fractional weights, so that case is this module's convention, not a reproduction).
 *
 * @param counts value → count (counts ≥ 0, may be fractional; n = their total)
 * @param q the probability, 0 ≤ q ≤ 1 (0.5 for the median)
 * @returns the sample quantile
 * @throws "quantileOfCounts requires n ≥ 1" when the counts total less than 1
 * @throws "quantileOfCounts requires 0 ≤ q ≤ 1"
 * @example quantileOfCounts(new Map([[1, 2], [2, 1], [4, 1]]), 0.5) // 1.5
 */
export function quantileOfCounts(counts: Counts, q: number): number {
  checkQ(q, 'quantileOfCounts');
  return typeSeven(sortCounts(counts, 'quantileOfCounts'), q);
}

/**
 * Distribution-free confidence interval for the q-quantile from two order statistics, and an
 * SE derived from it.
 *
 * The number of observations below the population q-quantile is Binomial(n, q), so
 * [x_(l), x_(u)] covers it with probability ≈ the confidence (Conover 1999, Practical
 * Nonparametric Statistics, 3rd ed., §3.2; Hahn & Meeker 1991, Statistical Intervals, ch. 5).
 * The ranks use the normal approximation to that binomial, rounded outward so the interval
 * errs on the wide side, each clamped to the sample's ranks [1, n]:
 *
 *   l = ⌊nq − z√(nq(1−q))⌋,   u = ⌈nq + z√(nq(1−q))⌉,
 *
 * z the two-sided normal quantile of the confidence. The SE is (x_(u) − x_(l)) / (2z), in the
 * spirit of Price & Bonett (2002), "Distribution-free confidence intervals for difference and
 * ratio of medians", J. Stat. Comput. Simul. 72(2).
 *
 * Caveats: the approximation needs nq(1−q) of at least ~5; on a discrete scale (a 1–5 rating)
 * both ends often fall on the same point, and the SE is then 0. The interval is not forced to
 * contain the type-7 estimate: it does whenever z√(nq(1−q)) ≥ 1 − q, not always in the tails
 * of small samples.
 *
 * @param counts value → count (counts ≥ 0, may be fractional; n = their total)
 * @param q the probability, 0 ≤ q ≤ 1
 * @param confidence two-sided confidence level, default 0.95
 * @returns the quantile, the interval, its ranks and the derived SE
 * @throws "quantileInterval requires n ≥ 1" when the counts total less than 1
 * @throws "quantileInterval requires 0 ≤ q ≤ 1"
 * @example quantileInterval(new Map([[1, 12], [2, 18], [3, 40], [4, 65], [5, 45]]), 0.75)
 * // { value: 4.25, lower: 4, upper: 5, se: 0.255107, lowerRank: 123, upperRank: 147, n: 180 }
 */
export function quantileInterval(counts: Counts, q: number, confidence = 0.95): QuantileInterval {
  checkQ(q, 'quantileInterval');
  const z = zForConfidence(confidence);
  const sorted = sortCounts(counts, 'quantileInterval');
  const { n } = sorted;
  const spread = z * Math.sqrt(n * q * (1 - q));
  const clamp = (rank: number) => Math.min(n, Math.max(1, rank));
  const lowerRank = clamp(Math.floor(n * q - spread));
  const upperRank = clamp(Math.ceil(n * q + spread));
  const lower = orderStatistic(sorted, lowerRank);
  const upper = orderStatistic(sorted, upperRank);
  return {
    value: typeSeven(sorted, q),
    lower,
    upper,
    se: (upper - lower) / (2 * z),
    lowerRank,
    upperRank,
    n,
  };
}
