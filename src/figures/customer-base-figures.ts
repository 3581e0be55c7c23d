/** Churn figures from a customer-base extract: overall, and each level against the rest. */
import type { Adjustment } from '../contracts/fields.ts';
import type { CustomerBaseState } from '../reducing/customer-base.ts';
import { SIGNIFICANCE_LEVEL } from '../metrics/significance.ts';
import { ADJUST } from './adjust.ts';
import type { CustomerBaseFigures } from '../contracts/figures-schema.ts';
import type { MetricSources } from '../metrics/registry/index.ts';
import { compareShares, share } from './behaviour-figures.ts';
import { groupedProportions } from './grouped-shares.ts';

/**
 * @param adjustment multiple-testing adjustment of the level-vs-rest tests
 * @example customerBaseFigures(state of the Telco base).bySegment.contract[0]
 *   // { level: 'Month-to-month', churn: { k: 1655, n: 3875, value: 42.71, … }, delta: 36.0, … }
 */
export function customerBaseFigures(
  state: CustomerBaseState,
  adjustment: Adjustment = 'holm',
): NonNullable<MetricSources['customers']> {
  const bySegment: CustomerBaseFigures['bySegment'] = {};
  const tested: CustomerBaseFigures['bySegment'][string] = [];
  for (const [dimension, grouped] of state.bySegment) {
    const { groups, overall } = groupedProportions(grouped);
    bySegment[dimension] = groups.map((g) => {
      const churn = share(g.k, g.n);
      const vsRest = compareShares(
        [g.group, 'rest of the base'],
        churn,
        share(overall!.k - g.k, overall!.n - g.n),
      );
      const entry: CustomerBaseFigures['bySegment'][string][number] = {
        level: g.group,
        churn,
        delta: vsRest.delta,
        z: vsRest.z,
        p: vsRest.p,
        pAdjusted: null,
        significant: false,
      };
      if (entry.p !== null) tested.push(entry);
      return entry;
    });
  }
  const adjusted = ADJUST[adjustment](tested.map((t) => t.p!));
  tested.forEach((t, i) => {
    t.pAdjusted = adjusted[i]!;
    t.significant = adjusted[i]! < SIGNIFICANCE_LEVEL;
  });
  const churn = share(state.churned, state.customers);
  return {
    figures: {
      customers: state.customers,
      unknown: state.unknown,
      churn,
      retention: churn.value === null ? null : 100 - churn.value,
      revenue: state.revenue,
      churnedRevenue: state.churnedRevenue,
      revenueAtRisk: state.revenue > 0 ? (100 * state.churnedRevenue) / state.revenue : null,
      revenueMissing: state.revenueMissing,
      bySegment,
    },
    // Customers as clusters: x = revenue, y = revenue if the customer left (so y² = xy).
    revenueAtRisk: {
      n: state.customers - state.revenueMissing,
      sumX: state.revenue,
      sumY: state.churnedRevenue,
      sumXX: state.revenueSq,
      sumYY: state.churnedRevenueSq,
      sumXY: state.churnedRevenueSq,
    },
  };
}
