/**
 * Service and complaints from support tickets: one-pass reducer, mergeable. Complaints are
 * counted by category and journey stage; first-response and resolution times are kept as exact
 * counts per whole minute, so medians and 90th percentiles are exact and memory grows with the
 * number of distinct durations, not tickets.
 */
import { COMPLAINT_TYPE } from '../contracts/fields.ts';
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
  /**
   * Per customer: complaints by category and each resolved ticket's minutes, for a group's
   * drill-down (tickets carry no group; the customer's orders do). Grows with tickets, like the
   * durations above.
   */
  byCustomer: Map<string, CustomerTickets>;
}

/** One customer's tickets, as a group's drill-down needs them. */
export interface CustomerTickets {
  complaints: Record<string, number>;
  resolution: number[];
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
    byCustomer: new Map(),
  };
}

function ticketsOf(state: ComplaintState, customerId: string): CustomerTickets {
  let tickets = state.byCustomer.get(customerId);
  if (!tickets) {
    tickets = { complaints: {}, resolution: [] };
    state.byCustomer.set(customerId, tickets);
  }
  return tickets;
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
      if (ticket.customerId) ticketsOf(state, ticket.customerId).resolution.push(m);
      if (ticket.customerId) {
        state.slowestByCustomer.set(
          ticket.customerId,
          Math.max(m, state.slowestByCustomer.get(ticket.customerId) ?? 0),
        );
      }
    }
  } else state.unresolved += 1;
  if (ticket.type !== COMPLAINT_TYPE) return state;
  state.complaints += 1;
  state.byCategory[ticket.category] = (state.byCategory[ticket.category] ?? 0) + 1;
  if (ticket.customerId) {
    const mine = ticketsOf(state, ticket.customerId).complaints;
    mine[ticket.category] = (mine[ticket.category] ?? 0) + 1;
  }
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
  const byCustomer = new Map<string, CustomerTickets>();
  for (const source of [a.byCustomer, b.byCustomer]) {
    for (const [id, t] of source) {
      const into = byCustomer.get(id) ?? { complaints: {}, resolution: [] };
      byCustomer.set(id, {
        complaints: mergeCounts(into.complaints, t.complaints),
        resolution: [...into.resolution, ...t.resolution],
      });
    }
  }
  return {
    tickets: a.tickets + b.tickets,
    complaints: a.complaints + b.complaints,
    byCategory: mergeCounts(a.byCategory, b.byCategory),
    byStage: mergeCounts(a.byStage, b.byStage),
    firstResponse: mergeMaps(a.firstResponse, b.firstResponse),
    resolution: mergeMaps(a.resolution, b.resolution),
    unresolved: a.unresolved + b.unresolved,
    slowestByCustomer: slowest,
    byCustomer,
  };
}

/**
 * The counts of a state without its times and customers: what may leave the build where no
 * customer id may go and no time is shown (the Explore cells, a reduced snapshot's cells).
 */
export function complaintCountsOnly(state: ComplaintState): ComplaintState {
  return {
    ...state,
    firstResponse: new Map(),
    resolution: new Map(),
    slowestByCustomer: new Map(),
    byCustomer: new Map(),
  };
}
