/** Churn from a customer-base extract with a churn flag (a CRM or billing export). */
import { ratioOfTotals } from '../ratio.ts';
import { shareEstimate } from '../share.ts';
import { fromTable, RATIO, SHARE } from './shapes.ts';
import type { MetricEntry } from './types.ts';

export const CUSTOMER_METRICS: readonly MetricEntry[] = [
  fromTable('customers', 'customers', 'customers', {
    ...SHARE,
    id: 'customer_churn',
    title: 'Churn (customer base)',
    shortLabel: 'Churn',
    direction: 'lower-is-better',
    range: [0, 100],
    formula:
      'Customers the customer-base table flags as having left / customers with a flag, in %; per segment level, each level against the rest of the base (pooled two-proportion z-test, adjusted across all levels with the manifest’s adjustment).',
    reference: 'Brief §4; change: pooled two-proportion z-test',
    compute: (c, s) =>
      shareEstimate(c.figures.churn.k, c.figures.churn.n, s.rule, c.figures.unknown),
  }),
  fromTable('customers', 'customers', 'customers', {
    ...SHARE,
    id: 'churned_revenue_share',
    title: 'Revenue of customers who left (share of revenue)',
    shortLabel: 'Churned revenue',
    direction: 'lower-is-better',
    kind: 'ratio',
    range: [0, 100],
    formula:
      'Revenue of the customers flagged as having left / revenue of all flagged customers, in %.',
    interval: RATIO,
    reference: 'Brief §4 (revenue at risk); Cochran (1977), Sampling Techniques, §6.3',
    available: 'When the customers table maps a revenue column.',
    compute: (c, s) =>
      c.revenueAtRisk.sumX > 0 ? ratioOfTotals(c.revenueAtRisk, 100, s.rule) : null,
  }),
];
