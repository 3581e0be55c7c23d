/**
 * Behaviour and value from orders (brief §4): customers, frequency, order value, repeat
 * purchases, retention, late deliveries, and the joins with the survey.
 */
import { countEstimate } from '../poisson.ts';
import { meanEstimate } from '../mean-score.ts';
import { ratioOfTotals } from '../ratio.ts';
import { shareEstimate } from '../share.ts';
import { MONEY_UNIT } from './money.ts';
import { COUNT, fromTable, RATIO, SHARE, T_INTERVAL, type SingleEntry } from './shapes.ts';
import type { MetricEntry } from './types.ts';

const fromOrders = (entry: SingleEntry<'behaviour'>) =>
  fromTable('orders', 'behaviour', 'behaviour', entry);

/** A CSAT of a group of surveyed customers, from the joins of survey and orders. */
function csatOf(
  id: string,
  title: string,
  link: 'highVsLowValue' | 'lateVsOnTime',
  side: 'a' | 'b',
): MetricEntry {
  return fromOrders({
    ...SHARE,
    id,
    title,
    shortLabel: title.replace('CSAT ', 'CSAT, '),
    direction: 'higher-is-better',
    range: [0, 100],
    reads: 'satisfaction',
    formula:
      link === 'highVsLowValue'
        ? 'CSAT of surveyed customers whose revenue this period is above (high) or at or below (low) the median revenue of surveyed customers, counting answers; the two groups are compared with the pooled two-proportion z-test on the behaviour section.'
        : 'CSAT of surveyed customers with at least one late delivery this period (late), or with deliveries all on time (on time), counting answers.',
    reference: 'Brief §4 (customer value, operational links); change: pooled two-proportion z-test',
    available: 'When the snapshot has orders, a satisfaction item and customer ids in the survey.',
    compute: (b, s) => {
      if (!s.questionnaire.roles.satisfaction) return null;
      const group = b.figures.links[link][side];
      return shareEstimate(group.k, group.n, s.rule);
    },
  });
}

export const BEHAVIOUR_METRICS: readonly MetricEntry[] = [
  fromOrders({
    ...COUNT,
    id: 'active_customers',
    title: 'Active customers',
    shortLabel: 'Active customers',
    direction: 'higher-is-better',
    range: null,
    formula:
      'Customers with at least one counted order in the period (cancelled and returned orders excluded as the manifest declares; guest orders, without a customer id, belong to no customer).',
    reference: 'Brief §4; change: z = (c₁ − c₂)/√(c₁ + c₂)',
    compute: (b) => countEstimate(b.figures.activeCustomers),
  }),
  fromOrders({
    id: 'purchase_frequency',
    title: 'Purchase frequency (orders per active customer)',
    shortLabel: 'Frequency',
    unit: '',
    changeUnit: 'orders per customer',
    direction: 'higher-is-better',
    decimals: 2,
    kind: 'mean',
    range: null,
    formula:
      'Counted orders of customers / active customers: the mean number of orders per active customer (guest orders, without a customer id, are left out).',
    interval: T_INTERVAL,
    reference: 'Brief §4; change: Welch’s t-test over customers',
    compute: (b, s) => meanEstimate(b.ordersPerCustomer, 0, s.rule),
  }),
  fromOrders({
    id: 'average_order_value',
    title: 'Average order value',
    shortLabel: 'Order value',
    unit: '',
    changeUnit: MONEY_UNIT,
    direction: 'higher-is-better',
    decimals: 2,
    kind: 'ratio',
    range: null,
    formula:
      'Revenue / orders with an amount (an order without an amount is missing, not 0); a ratio of totals over customers, whose orders are not independent. Guest orders (without a customer id) count, each as a unit of its own.',
    interval: RATIO,
    reference: 'Cochran (1977), Sampling Techniques, §6.3; change: z on the two SEs',
    compute: (b, s) => ratioOfTotals(b.orderValue, 1, s.rule),
  }),
  fromOrders({
    id: 'revenue_per_customer',
    title: 'Revenue per active customer',
    shortLabel: 'Revenue per customer',
    unit: '',
    changeUnit: MONEY_UNIT,
    direction: 'higher-is-better',
    decimals: 2,
    kind: 'mean',
    range: null,
    formula:
      'Revenue of customers / active customers: the mean revenue per active customer (guest orders, without a customer id, are left out).',
    interval: T_INTERVAL,
    reference: 'Brief §4; change: Welch’s t-test over customers',
    compute: (b, s) => meanEstimate(b.revenuePerCustomer, 0, s.rule),
  }),
  fromOrders({
    ...SHARE,
    id: 'repeat_rate',
    title: 'Repeat purchase rate',
    shortLabel: 'Repeat rate',
    direction: 'higher-is-better',
    range: [0, 100],
    formula: 'Customers with 2 or more counted orders / active customers, in %.',
    reference: 'Brief §4; change: pooled two-proportion z-test',
    compute: (b, s) => shareEstimate(b.figures.repeatRate.k, b.figures.repeatRate.n, s.rule),
  }),
  fromOrders({
    ...SHARE,
    id: 'retention',
    title: 'Retention',
    shortLabel: 'Retention',
    direction: 'higher-is-better',
    range: [0, 100],
    formula:
      'Customers active in the previous period who are active in this one / customers active in the previous period, in %. Churn = 100 − retention.',
    reference: 'Brief §4; change: pooled two-proportion z-test',
    available: 'When this snapshot and the previous one both have orders.',
    compute: (b, s) => {
      const m = b.figures.movement;
      return m ? shareEstimate(m.retained, m.previous, s.rule) : null;
    },
  }),
  fromOrders({
    ...COUNT,
    id: 'new_customers',
    title: 'New customers',
    shortLabel: 'New customers',
    direction: 'higher-is-better',
    range: null,
    formula: 'Customers active in this period and never seen in any earlier period.',
    reference: 'Brief §4; change: z = (c₁ − c₂)/√(c₁ + c₂)',
    available: 'When an earlier snapshot has orders.',
    compute: (b) => (b.figures.movement ? countEstimate(b.figures.movement.new) : null),
  }),
  fromOrders({
    ...COUNT,
    id: 'lost_customers',
    title: 'Lost customers',
    shortLabel: 'Lost customers',
    direction: 'lower-is-better',
    range: null,
    formula: 'Customers active in the previous period and not in this one.',
    reference: 'Brief §4; change: z = (c₁ − c₂)/√(c₁ + c₂)',
    available: 'When this snapshot and the previous one both have orders.',
    compute: (b) => (b.figures.movement ? countEstimate(b.figures.movement.lost) : null),
  }),
  fromOrders({
    ...SHARE,
    id: 'late_delivery_share',
    title: 'Late deliveries',
    shortLabel: 'Late deliveries',
    direction: 'lower-is-better',
    range: [0, 100],
    formula:
      'Delivered orders whose delivery time is after the estimated delivery time / delivered orders with both times, in %.',
    reference: 'Brief §4; change: pooled two-proportion z-test',
    compute: (b, s) => shareEstimate(b.figures.lateShare.k, b.figures.lateShare.n, s.rule),
  }),
  fromOrders({
    ...SHARE,
    id: 'revenue_at_risk',
    title: 'Revenue at risk (detractors’ share of revenue)',
    shortLabel: 'Revenue at risk',
    direction: 'lower-is-better',
    kind: 'ratio',
    range: [0, 100],
    formula:
      'Revenue of surveyed customers with at least one detractor answer (recommend 0–6) / revenue of surveyed customers who ordered this period, in %.',
    interval: RATIO,
    reference: 'Brief §4 (customer value); Cochran (1977) §6.3',
    available: 'When the snapshot has orders and a recommend item with customer ids.',
    compute: (b, s) =>
      s.questionnaire.roles.recommend && b.revenueAtRisk.n > 0
        ? ratioOfTotals(b.revenueAtRisk, 100, s.rule)
        : null,
  }),
  csatOf('csat_high_value', 'CSAT of high-value customers', 'highVsLowValue', 'a'),
  csatOf('csat_low_value', 'CSAT of low-value customers', 'highVsLowValue', 'b'),
  csatOf('csat_late_delivery', 'CSAT after a late delivery', 'lateVsOnTime', 'a'),
  csatOf('csat_on_time', 'CSAT with deliveries on time', 'lateVsOnTime', 'b'),
];
