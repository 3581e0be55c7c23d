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
import { compareShares, share, type Share } from './customer-behaviour.ts';
import {
  addProportion,
  createGroupedProportion,
  groupedProportions,
  mergeGroupedProportions,
  type GroupedProportionState,
} from './grouped-proportion.ts';
import { benjaminiHochberg, holm } from '../statistics/p-adjust.ts';

export interface CustomerBaseState {
  customers: number;
  churned: number;
  /** Customers whose churn flag is empty. */
  unknown: number;
  revenue: number;
  churnedRevenue: number;
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
    if (row.churned) state.churnedRevenue += row.revenue;
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
  return {
    customers: a.customers + b.customers,
    churned: a.churned + b.churned,
    unknown: a.unknown + b.unknown,
    revenue: a.revenue + b.revenue,
    churnedRevenue: a.churnedRevenue + b.churnedRevenue,
    revenueMissing: a.revenueMissing + b.revenueMissing,
    bySegment,
  };
}

export interface SegmentChurn {
  level: string;
  churn: Share;
  /** This level's churn minus the rest of the base's, percentage points. */
  delta: number | null;
  z: number | null;
  p: number | null;
  /** p adjusted across every level of every dimension. */
  pAdjusted: number | null;
}

export interface CustomerBaseFigures {
  customers: number;
  unknown: number;
  churn: Share;
  /** 100 − churn, %. */
  retention: number | null;
  revenue: number;
  churnedRevenue: number;
  /** Churned revenue / revenue, %; null when no revenue was declared. */
  revenueAtRisk: number | null;
  revenueMissing: number;
  /** Dimension → levels (sorted by name). */
  bySegment: Record<string, SegmentChurn[]>;
}

/**
 * @param adjustment multiple-testing adjustment of the level-vs-rest tests
 * @example customerBaseFigures(state of the Telco base).bySegment.contract[0]
 *   // { level: 'Month-to-month', churn: { k: 1655, n: 3875, value: 42.71, … }, delta: 36.0, … }
 */
export function customerBaseFigures(
  state: CustomerBaseState,
  adjustment: 'holm' | 'bh' = 'holm',
): CustomerBaseFigures {
  const bySegment: Record<string, SegmentChurn[]> = {};
  const tested: SegmentChurn[] = [];
  for (const [dimension, grouped] of state.bySegment) {
    const { groups, overall } = groupedProportions(grouped);
    bySegment[dimension] = groups.map((g) => {
      const churn = share(g.k, g.n);
      const vsRest = compareShares(
        [g.group, 'rest of the base'],
        churn,
        share(overall!.k - g.k, overall!.n - g.n),
      );
      const entry: SegmentChurn = {
        level: g.group,
        churn,
        delta: vsRest.delta,
        z: vsRest.z,
        p: vsRest.p,
        pAdjusted: null,
      };
      if (entry.p !== null) tested.push(entry);
      return entry;
    });
  }
  const adjusted = (adjustment === 'bh' ? benjaminiHochberg : holm)(tested.map((t) => t.p!));
  tested.forEach((t, i) => (t.pAdjusted = adjusted[i]!));
  const churn = share(state.churned, state.customers);
  return {
    customers: state.customers,
    unknown: state.unknown,
    churn,
    retention: churn.value === null ? null : 100 - churn.value,
    revenue: state.revenue,
    churnedRevenue: state.churnedRevenue,
    revenueAtRisk: state.revenue > 0 ? (100 * state.churnedRevenue) / state.revenue : null,
    revenueMissing: state.revenueMissing,
    bySegment,
  };
}
