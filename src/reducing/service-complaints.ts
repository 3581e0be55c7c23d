/**
 * Service and complaints from support tickets: one-pass reducer, mergeable. Complaints are
 * counted by category and journey stage; first-response and resolution times are kept as exact
 * counts per whole minute, so medians and 90th percentiles are exact and memory grows with the
 * number of distinct durations, not tickets.
 */
import type { TicketRow } from '../contracts/row-types.ts';

export interface ComplaintState {
  tickets: number;
  complaints: number;
  byCategory: Record<string, number>;
  byStage: Record<string, number>;
  /** Minutes → tickets, for first response and resolution. */
  firstResponse: Map<number, number>;
  resolution: Map<number, number>;
  unresolved: number;
  /** Resolution minutes per customer (their longest), for joins with satisfaction. */
  slowestByCustomer: Map<string, number>;
}

export function createComplaintState(): ComplaintState {
  return {
    tickets: 0,
    complaints: 0,
    byCategory: {},
    byStage: {},
    firstResponse: new Map(),
    resolution: new Map(),
    unresolved: 0,
    slowestByCustomer: new Map(),
  };
}

function minutesBetween(from: string, to: string): number | null {
  const a = Date.parse(`${from}Z`);
  const b = Date.parse(`${to}Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return null;
  return Math.round((b - a) / 60_000);
}

function bump(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Adds one ticket (mutates). Only tickets of type "complaint" count as complaints. */
export function addTicket(state: ComplaintState, ticket: TicketRow): ComplaintState {
  state.tickets += 1;
  if (ticket.firstResponse) {
    const m = minutesBetween(ticket.opened, ticket.firstResponse);
    if (m !== null) bump(state.firstResponse, m);
  }
  if (ticket.resolved) {
    const m = minutesBetween(ticket.opened, ticket.resolved);
    if (m !== null) {
      bump(state.resolution, m);
      if (ticket.customerId) {
        state.slowestByCustomer.set(
          ticket.customerId,
          Math.max(m, state.slowestByCustomer.get(ticket.customerId) ?? 0),
        );
      }
    }
  } else state.unresolved += 1;
  if (ticket.type !== 'complaint') return state;
  state.complaints += 1;
  state.byCategory[ticket.category] = (state.byCategory[ticket.category] ?? 0) + 1;
  const stage = ticket.journeyStage ?? 'unknown';
  state.byStage[stage] = (state.byStage[stage] ?? 0) + 1;
  return state;
}

function mergeCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function mergeMaps(a: Map<number, number>, b: Map<number, number>): Map<number, number> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

/** Combines two states exactly. */
export function mergeComplaints(a: ComplaintState, b: ComplaintState): ComplaintState {
  const slowest = new Map(a.slowestByCustomer);
  for (const [id, m] of b.slowestByCustomer) slowest.set(id, Math.max(m, slowest.get(id) ?? 0));
  return {
    tickets: a.tickets + b.tickets,
    complaints: a.complaints + b.complaints,
    byCategory: mergeCounts(a.byCategory, b.byCategory),
    byStage: mergeCounts(a.byStage, b.byStage),
    firstResponse: mergeMaps(a.firstResponse, b.firstResponse),
    resolution: mergeMaps(a.resolution, b.resolution),
    unresolved: a.unresolved + b.unresolved,
    slowestByCustomer: slowest,
  };
}

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
