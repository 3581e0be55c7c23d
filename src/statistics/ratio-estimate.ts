/**
 * A ratio of two totals over clusters, R = Σy / Σx, with its linearisation (Taylor) standard
 * error: e.g. the average order value Σ revenue / Σ orders with customers as the clusters, so
 * that a customer's orders are not treated as independent observations.
 *
 * The state keeps the mergeable sums n, Σx, Σy, Σx², Σy², Σxy of the cluster totals (x_i, y_i).
 * The functions are pure: adding or merging returns a new state.
 */

/** Mergeable sums of the cluster totals (x_i, y_i), i = 1…n. */
export interface RatioSums {
  /** Clusters. */
  readonly n: number;
  readonly sumX: number;
  readonly sumY: number;
  readonly sumXX: number;
  readonly sumYY: number;
  readonly sumXY: number;
}

/** A ratio estimate and its standard error. */
export interface RatioEstimate {
  /** R = Σy / Σx. */
  ratio: number;
  /** Linearisation SE of R (no finite-population correction). */
  se: number;
  /** Clusters. */
  n: number;
}

/**
 * The sums of no clusters: the start of the state behind Cochran's (1977) ratio estimator.
 * @returns a state with every sum 0
 * @example createRatioSums() // { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }
 */
export function createRatioSums(): RatioSums {
  return { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 };
}

/**
 * Adds one cluster's totals (e.g. one customer's orders x and revenue y) to the sums of
 * Cochran (1977), Sampling Techniques, §6.3.
 * @param state the sums so far (not modified)
 * @param x the cluster's denominator total
 * @param y the cluster's numerator total
 * @returns a new state including the cluster
 * @throws "addRatioPair requires finite x and y"
 * @example addRatioPair(createRatioSums(), 2, 90) // { n: 1, sumX: 2, sumY: 90, sumXX: 4, sumYY: 8100, sumXY: 180 }
 */
export function addRatioPair(state: RatioSums, x: number, y: number): RatioSums {
  if (!(Number.isFinite(x) && Number.isFinite(y))) {
    throw new Error('addRatioPair requires finite x and y');
  }
  return {
    n: state.n + 1,
    sumX: state.sumX + x,
    sumY: state.sumY + y,
    sumXX: state.sumXX + x * x,
    sumYY: state.sumYY + y * y,
    sumXY: state.sumXY + x * y,
  };
}

/**
 * Combines the sums of two disjoint sets of clusters: merge(a, b) is one pass over both (the
 * sums of Cochran 1977, §6.3, are additive).
 * @param a the sums of one set of clusters
 * @param b the sums of another
 * @returns a new state holding both
 * @example mergeRatioSums(addRatioPair(createRatioSums(), 1, 10), addRatioPair(createRatioSums(), 3, 60)).sumY // 70
 */
export function mergeRatioSums(a: RatioSums, b: RatioSums): RatioSums {
  return {
    n: a.n + b.n,
    sumX: a.sumX + b.sumX,
    sumY: a.sumY + b.sumY,
    sumXX: a.sumXX + b.sumXX,
    sumYY: a.sumYY + b.sumYY,
    sumXY: a.sumXY + b.sumXY,
  };
}

/**
 * The ratio of totals R = Σy / Σx and its linearisation (Taylor) standard error
 *
 *   SE² = Σ(y_i − R·x_i)² / (n(n − 1)·x̄²),   x̄ = Σx / n,
 *
 * with Σ(y_i − R·x_i)² = Σy² − 2R·Σxy + R²·Σx² taken from the sums.
 *
 * Reference: Cochran (1977), Sampling Techniques, 3rd ed., §6.3 (eq. 6.13 with the finite-
 * population correction 1 − f taken as 1: the clusters are a sample of an unbounded
 * population, or the whole customer base seen as one draw of a process).
 *
 * Precision: the expansion subtracts sums of squares, so the SE loses about
 * log10(Σy² / Σ(y − Rx)²) digits against a two-pass computation over the clusters; a residual
 * sum that rounds below 0 is taken as 0.
 *
 * @param sums the cluster sums
 * @returns the ratio, its SE and the number of clusters
 * @throws "ratioEstimate requires n ≥ 2" (the SE needs two clusters)
 * @throws "ratioEstimate requires Σx ≠ 0"
 * @example ratioEstimate([[1, 40], [2, 90], [1, 35], [3, 150]].reduce((s, [x, y]) => addRatioPair(s, x, y), createRatioSums()))
 * // { ratio: 45, se: 3.086067, n: 4 }
 */
export function ratioEstimate(sums: RatioSums): RatioEstimate {
  const { n, sumX, sumY, sumXX, sumYY, sumXY } = sums;
  if (!(n >= 2)) throw new Error('ratioEstimate requires n ≥ 2');
  if (sumX === 0) throw new Error('ratioEstimate requires Σx ≠ 0');
  const ratio = sumY / sumX;
  const residual = Math.max(0, sumYY - 2 * ratio * sumXY + ratio * ratio * sumXX);
  const meanX = sumX / n;
  const se = Math.sqrt(residual / (n * (n - 1) * meanX * meanX));
  return { ratio, se, n };
}
