/** Churn from a customer-base extract with a churn flag (a CRM or billing export). */
import { ratioOfTotals } from '../ratio.ts';
import { shareEstimate } from '../share.ts';
import { WILSON } from './survey.ts';
import type { MetricEntry } from './types.ts';

export const CUSTOMER_METRICS: readonly MetricEntry[] = [
  {
    id: 'customer_churn',
    title: 'Churn (customer base)',
    section: 'customers',
    unit: '%',
    changeUnit: 'percentage points',
    direction: 'lower-is-better',
    decimals: 1,
    kind: 'proportion',
    formula:
      'Customers the customer-base table flags as having left / customers with a flag, in %; per segment level, each level against the rest of the base (pooled two-proportion z-test, adjusted across all levels with the manifest’s adjustment).',
    interval: WILSON,
    reference: 'Brief §4; change: pooled two-proportion z-test',
    available: 'When the snapshot has a customers table.',
    instances: (ctx) =>
      ctx.tables.has('customers')
        ? [
            {
              scope: 'snapshot',
              id: 'customer_churn',
              label: 'Churn (customer base)',
              shortLabel: 'Churn',
              range: [0, 100],
              item: null,
              component: null,
              compute: (s) =>
                s.customers
                  ? shareEstimate(
                      s.customers.figures.churn.k,
                      s.customers.figures.churn.n,
                      s.rule,
                      s.customers.figures.unknown,
                    )
                  : null,
            },
          ]
        : [],
  },
  {
    id: 'churned_revenue_share',
    title: 'Revenue of customers who left (share of revenue)',
    section: 'customers',
    unit: '%',
    changeUnit: 'percentage points',
    direction: 'lower-is-better',
    decimals: 1,
    kind: 'ratio',
    formula:
      'Revenue of the customers flagged as having left / revenue of all flagged customers, in %.',
    interval: 'Linearisation (Taylor) SE with customers as clusters, 95% normal interval',
    reference: 'Brief §4 (revenue at risk); Cochran (1977), Sampling Techniques, §6.3',
    available: 'When the customers table maps a revenue column.',
    instances: (ctx) =>
      ctx.tables.has('customers')
        ? [
            {
              scope: 'snapshot',
              id: 'churned_revenue_share',
              label: 'Revenue of customers who left (share of revenue)',
              shortLabel: 'Churned revenue',
              range: [0, 100],
              item: null,
              component: null,
              compute: (s) =>
                s.customers && s.customers.revenueAtRisk.sumX > 0
                  ? ratioOfTotals(s.customers.revenueAtRisk, 100, s.rule)
                  : null,
            },
          ]
        : [],
  },
];
