/**
 * Churn from a customer-base export that flags who left (a CRM or billing extract such as
 * "Churn = Yes"): the churn share overall and per segment level with Wilson intervals, each
 * level tested against the rest of the base (pooled two-proportion z-test, p-values adjusted
 * across all levels with Holm or Benjamini–Hochberg), and the revenue at risk — the revenue of
 * customers who left as a share of all revenue. One-pass reducer with mergeable counts: memory
 * grows with segment levels, not customers. A customer whose flag is unknown is counted apart,
 * never as retained.
 */
import type { CustomerRow } from '../contracts/row-types.ts';
import {
  addProportion,
  createGroupedProportion,
  mergeGroupedProportions,
  type GroupedProportionState,
} from './grouped-proportion.ts';

export interface CustomerBaseState {
  customers: number;
  churned: number;
  /** Customers whose churn flag is empty. */
  unknown: number;
  revenue: number;
  churnedRevenue: number;
  /** Σ revenue² and Σ churned revenue² (the revenue-at-risk ratio's variance needs them). */
  revenueSq: number;
  churnedRevenueSq: number;
  /** Customers (with a known flag) whose revenue is empty. */
  revenueMissing: number;
  /** Segment dimension → churn counts per level. */
  bySegment: Map<string, GroupedProportionState>;
}

export function createCustomerBase(): CustomerBaseState {
  return {
    customers: 0,
    churned: 0,
    unknown: 0,
    revenue: 0,
    churnedRevenue: 0,
    revenueSq: 0,
    churnedRevenueSq: 0,
    revenueMissing: 0,
    bySegment: new Map(),
  };
}

/** Adds one customer (mutates and returns the state). */
export function addCustomer(state: CustomerBaseState, row: CustomerRow): CustomerBaseState {
  if (row.churned === undefined) {
    state.unknown += 1;
    return state;
  }
  state.customers += 1;
  if (row.churned) state.churned += 1;
  if (row.revenue === undefined) state.revenueMissing += 1;
  else {
    state.revenue += row.revenue;
    state.revenueSq += row.revenue * row.revenue;
    if (row.churned) {
      state.churnedRevenue += row.revenue;
      state.churnedRevenueSq += row.revenue * row.revenue;
    }
  }
  for (const dimension in row.segments) {
    const level = row.segments[dimension];
    if (level === undefined) continue;
    let grouped = state.bySegment.get(dimension);
    if (!grouped) {
      grouped = createGroupedProportion();
      state.bySegment.set(dimension, grouped);
    }
    addProportion(grouped, level, row.churned);
  }
  return state;
}

/** The state's counts and sums, each added when states merge. */
const COUNTS = [
  'customers',
  'churned',
  'unknown',
  'revenue',
  'churnedRevenue',
  'revenueSq',
  'churnedRevenueSq',
  'revenueMissing',
] as const;

/** Combines two states exactly (files split by rows, or computed on several machines). */
export function mergeCustomerBase(a: CustomerBaseState, b: CustomerBaseState): CustomerBaseState {
  const bySegment = new Map<string, GroupedProportionState>();
  for (const dimension of new Set([...a.bySegment.keys(), ...b.bySegment.keys()])) {
    bySegment.set(
      dimension,
      mergeGroupedProportions(
        a.bySegment.get(dimension) ?? createGroupedProportion(),
        b.bySegment.get(dimension) ?? createGroupedProportion(),
      ),
    );
  }
  const merged: CustomerBaseState = { ...a, bySegment };
  for (const key of COUNTS) merged[key] = a[key] + b[key];
  return merged;
}
