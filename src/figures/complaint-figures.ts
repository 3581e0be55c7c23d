/** Complaint and service-time figures from the complaint state. */
import type { ComplaintState } from '../reducing/complaint-state.ts';

/**
 * Quantile of values given as value → count, with linear interpolation between order
 * statistics (Hyndman & Fan type 7, the default of R's quantile() and numpy.percentile).
 * @example quantileOfCounts(new Map([[1, 1], [2, 1], [3, 1], [4, 1]]), 0.9) // 3.7
 */
export function quantileOfCounts(counts: ReadonlyMap<number, number>, q: number): number | null {
  const sorted = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const [value, c] of sorted) {
      seen += c;
      if (rank < seen) return value;
    }
    return sorted.at(-1)![0];
  };
  const a = valueAt(lo);
  const b = valueAt(Math.min(lo + 1, n - 1));
  return a + (h - lo) * (b - a);
}

export interface ParetoRow {
  category: string;
  complaints: number;
  /** Per 1,000 orders (null without orders). */
  per1000Orders: number | null;
  share: number;
  cumulativeShare: number;
}

export interface ComplaintFigures {
  tickets: number;
  complaints: number;
  per1000Orders: number | null;
  pareto: ParetoRow[];
  byStage: Array<{ stage: string; complaints: number; share: number }>;
  /** Hours. */
  firstResponse: { median: number | null; p90: number | null; n: number };
  resolution: { median: number | null; p90: number | null; n: number; unresolved: number };
}

/** @param orders valid orders of the period, for the rate per 1,000 orders */
export function complaintFigures(state: ComplaintState, orders: number | null): ComplaintFigures {
  const rate = (k: number) => (orders && orders > 0 ? (1000 * k) / orders : null);
  const categories = Object.entries(state.byCategory).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  let cumulative = 0;
  const pareto = categories.map(([category, complaints]) => {
    cumulative += complaints;
    return {
      category,
      complaints,
      per1000Orders: rate(complaints),
      share: (100 * complaints) / state.complaints,
      cumulativeShare: (100 * cumulative) / state.complaints,
    };
  });
  const hours = (m: number | null) => (m === null ? null : m / 60);
  const count = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return {
    tickets: state.tickets,
    complaints: state.complaints,
    per1000Orders: rate(state.complaints),
    pareto,
    byStage: Object.entries(state.byStage)
      .sort((a, b) => b[1] - a[1])
      .map(([stage, complaints]) => ({
        stage,
        complaints,
        share: (100 * complaints) / state.complaints,
      })),
    firstResponse: {
      median: hours(quantileOfCounts(state.firstResponse, 0.5)),
      p90: hours(quantileOfCounts(state.firstResponse, 0.9)),
      n: count(state.firstResponse),
    },
    resolution: {
      median: hours(quantileOfCounts(state.resolution, 0.5)),
      p90: hours(quantileOfCounts(state.resolution, 0.9)),
      n: count(state.resolution),
      unresolved: state.unresolved,
    },
  };
}
