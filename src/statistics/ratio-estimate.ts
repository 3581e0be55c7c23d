/**
 * A ratio of two totals over clusters, R = Σy / Σx, with its linearisation (Taylor) standard
 * error: e.g. the average order value Σ revenue / Σ orders with customers as the clusters, so
 * that a customer's orders are not treated as independent observations.
 *
 * It reads the sums n, Σx, Σy, Σx², Σy², Σxy of the cluster totals (x_i, y_i), which the
 * figures stage gathers in its own pass over the clusters.
 */

/** Sums of the cluster totals (x_i, y_i), i = 1…n. */
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
