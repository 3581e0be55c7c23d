/** Churn figures from a customer-base extract: overall, and each level against the rest. */
import type { Adjustment } from '../contracts/fields.ts';
import type { CustomerBaseState } from '../reducing/customer-base.ts';
import { benjaminiHochberg, holm } from '../statistics/p-adjust.ts';
import { compareShares, share, type Share } from './behaviour-figures.ts';
import { groupedProportions } from './grouped-shares.ts';

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
  adjustment: Adjustment = 'holm',
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
