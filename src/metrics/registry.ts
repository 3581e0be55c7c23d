/**
 * The metric registry: one definition per metric. Components, the figures JSON, the CSV
 * downloads and the methodology page all read these; no metric is defined anywhere else.
 */
import type { SurveyItem, TableName } from '../contracts/fields.ts';
import type { MetricKind } from './change.ts';

export type Direction = 'higher-is-better' | 'lower-is-better';

/** How a survey metric is computed from the snapshot's survey state. */
export type SurveySource =
  | { type: 'nps'; item: SurveyItem }
  | { type: 'top-box'; item: SurveyItem; boxes?: number }
  | { type: 'mean'; item: SurveyItem }
  | { type: 'index' }
  /** Computed from orders, tickets or comments (see operational-figures.ts); not a survey item. */
  | { type: 'operational'; table: TableName };

export interface MetricDefinition {
  id: string;
  label: string;
  /** Short label for tight spaces (tables, chart legends). */
  shortLabel: string;
  /** Unit suffix shown after values: "" for NPS points, "%" for shares, "" for scale means. */
  unit: '' | '%' | 'pts';
  /** What a change is called: "points", "percentage points", "scale points". */
  changeUnit: string;
  direction: Direction;
  /** Decimals shown. */
  decimals: number;
  kind: MetricKind;
  formula: string;
  interval: string;
  reference: string;
  source: SurveySource;
  /** Lowest and highest possible value, for chart axes. */
  range: [number, number];
}

const WILSON = 'Wilson score interval, 95% (Wilson 1927; Newcombe 1998)';
const T_INTERVAL = 't interval, 95%, SE = s/√n (Kish n_eff when weighted)';

function topBoxMetric(
  id: string,
  item: SurveyItem,
  label: string,
  shortLabel: string,
): MetricDefinition {
  return {
    id,
    label,
    shortLabel,
    unit: '%',
    changeUnit: 'percentage points',
    direction: 'higher-is-better',
    decimals: 1,
    kind: 'proportion',
    formula: `Share of answers in the top two points of the ${label.toLowerCase()} scale (top-2-box), in %.`,
    interval: WILSON,
    reference: 'Top-2-box convention; change tested with the pooled two-proportion z-test',
    source: { type: 'top-box', item },
    range: [0, 100],
  };
}

function meanMetric(
  id: string,
  item: SurveyItem,
  label: string,
  shortLabel: string,
): MetricDefinition {
  return {
    id,
    label,
    shortLabel,
    unit: '',
    changeUnit: 'scale points',
    direction: 'higher-is-better',
    decimals: 2,
    kind: 'mean',
    formula: `Mean of the ${label.toLowerCase().replace(/ \(mean\)$/, '')} answers on the item's declared scale.`,
    interval: T_INTERVAL,
    reference: "Change tested with Welch's t-test",
    source: { type: 'mean', item },
    range: [0, 10],
  };
}

const COMPONENTS: ReadonlyArray<[SurveyItem, string, string]> = [
  ['product_quality', 'Product quality', 'Product'],
  ['service_quality', 'Service quality', 'Service'],
  ['reliability', 'Reliability', 'Reliability'],
  ['value', 'Value for money', 'Value'],
  ['emotional', 'Emotional connection', 'Emotional'],
  ['brand', 'Brand favourability', 'Brand'],
  ['expectations', 'Customer expectations', 'Expectations'],
];

export const METRICS: readonly MetricDefinition[] = [
  {
    id: 'index',
    label: 'Satisfaction index',
    shortLabel: 'Index',
    unit: '',
    changeUnit: 'points',
    direction: 'higher-is-better',
    decimals: 1,
    kind: 'mean',
    formula:
      'ACSI-style 0–100 index: for each respondent, the mean over the answered index items of (answer − scale min) / (scale max − scale min) × 100; the index is the mean over respondents.',
    interval: T_INTERVAL,
    reference:
      'Fornell et al. (1996), The American Customer Satisfaction Index, J. Marketing 60(4)',
    source: { type: 'index' },
    range: [0, 100],
  },
  {
    id: 'nps',
    label: 'Net Promoter Score',
    shortLabel: 'NPS',
    unit: '',
    changeUnit: 'points',
    direction: 'higher-is-better',
    decimals: 1,
    kind: 'nps',
    formula:
      '100 × (share of promoters, 9–10 − share of detractors, 0–6) on the 0–10 likelihood-to-recommend item.',
    interval:
      'Adjusted Wald, 95%: add 0.75 detractors, 1.5 passives, 0.75 promoters; v = (p + d) − (p − d)², SE = √(v/n)',
    reference:
      'Reichheld (2003); interval: Rocks (2016), Interval estimation for the Net Promoter Score, Am. Statistician 70(4); change: z = Δ/√(v₁/n₁ + v₂/n₂)',
    source: { type: 'nps', item: 'recommend' },
    range: [-100, 100],
  },
  { ...topBoxMetric('csat', 'satisfaction', 'Customer satisfaction (CSAT)', 'CSAT') },
  meanMetric('csat_mean', 'satisfaction', 'Overall satisfaction (mean)', 'Satisfaction mean'),
  {
    ...meanMetric('ces', 'effort', 'Customer effort (mean, 1–7, higher = easier)', 'CES'),
    formula: 'Mean of the 1–7 ease item (7 = very easy).',
  },
  {
    ...topBoxMetric('ces_agree', 'effort', 'Customer effort: share finding it easy', 'CES easy'),
    formula: 'Share answering 5–7 (agree it was easy) on the 1–7 ease item, in %.',
    source: { type: 'top-box', item: 'effort', boxes: 3 },
  },
  ...COMPONENTS.map(([item, label, short]) => topBoxMetric(item, item, label, short)),
  ...COMPONENTS.map(([item, label, short]) =>
    meanMetric(`${item}_mean`, item, `${label} (mean)`, `${short} mean`),
  ),
];

function operational(
  id: string,
  label: string,
  table: TableName,
  formula: string,
  interval: string,
  reference: string,
  unit: MetricDefinition['unit'] = '',
  direction: Direction = 'higher-is-better',
): MetricDefinition {
  return {
    id,
    label,
    shortLabel: label,
    unit,
    changeUnit: unit === '%' ? 'percentage points' : 'units',
    direction,
    decimals: 1,
    kind: 'proportion',
    formula,
    interval,
    reference,
    source: { type: 'operational', table },
    range: [0, 100],
  };
}

/** Behaviour, service and voice-of-the-customer measures (brief §4), shown in their sections. */
export const OPERATIONAL_METRICS: readonly MetricDefinition[] = [
  operational(
    'active_customers',
    'Active customers',
    'orders',
    'Customers with at least one counted order in the period (cancelled and returned orders excluded as the manifest declares).',
    'none (a count)',
    'Brief §4',
  ),
  operational(
    'purchase_frequency',
    'Purchase frequency',
    'orders',
    'Orders / active customers.',
    'none (a ratio of counts)',
    'Brief §4',
  ),
  operational(
    'average_order_value',
    'Average order value',
    'orders',
    'Revenue / orders; orders without an amount are missing, not 0.',
    'none',
    'Brief §4',
  ),
  operational(
    'revenue_per_customer',
    'Revenue per customer',
    'orders',
    'Revenue / active customers.',
    'none',
    'Brief §4',
  ),
  operational(
    'repeat_rate',
    'Repeat purchase rate',
    'orders',
    'Customers with 2 or more orders / active customers, in %.',
    WILSON,
    'Brief §4',
    '%',
  ),
  operational(
    'retention',
    'Retention',
    'orders',
    'Customers active in the previous period who are active in this one / customers active in the previous period, in %. Churn = 100 − retention. New = active now and never seen in any earlier period; lost = active last period, not now.',
    WILSON,
    'Brief §4',
    '%',
  ),
  operational(
    'customer_churn',
    'Churn (customer base)',
    'customers',
    'Customers the customer-base table flags as having left / customers with a flag, in %; per segment level, each level against the rest of the base (pooled two-proportion z-test, adjusted across all levels with the manifest’s adjustment). Revenue at risk = revenue of customers who left / all revenue.',
    WILSON,
    'Brief §4',
    '%',
    'lower-is-better',
  ),
  operational(
    'late_delivery_share',
    'Late deliveries',
    'orders',
    'Delivered orders whose delivery time is after the estimated delivery time / delivered orders, in %.',
    WILSON,
    'Brief §4',
    '%',
    'lower-is-better',
  ),
  operational(
    'revenue_at_risk',
    'Revenue at risk',
    'orders',
    'Revenue of surveyed customers with at least one detractor answer (recommend 0–6), and its share of surveyed customers’ revenue.',
    'none',
    'Brief §4',
  ),
  operational(
    'value_segments',
    'Satisfaction of high- vs low-value customers',
    'orders',
    'CSAT of surveyed customers above vs at or below the median revenue of surveyed customers; difference tested with the pooled two-proportion z-test.',
    WILSON,
    'Brief §4',
    '%',
  ),
  operational(
    'complaints_per_1000_orders',
    'Complaints per 1,000 orders',
    'tickets',
    'Tickets of type "complaint" × 1000 / counted orders, overall and by category; categories in Pareto order with cumulative share.',
    'none (a rate)',
    'Juran’s Pareto principle; brief §4',
    '',
    'lower-is-better',
  ),
  operational(
    'service_times',
    'First response and resolution time',
    'tickets',
    'Median and 90th percentile of hours from opening to first response and to resolution (exact, linear interpolation between order statistics as numpy.percentile; open tickets excluded and counted).',
    'none',
    'Hyndman & Fan (1996) type 7',
    '',
    'lower-is-better',
  ),
  operational(
    'comment_themes',
    'Comment themes',
    'survey',
    'Share of comments mentioning each theme of the dictionary (keywords at word starts, case- and accent-insensitive; substrings for Chinese, Japanese and Korean), among detractors, passives and promoters; detractors vs promoters tested with the pooled two-proportion z-test, Holm-adjusted across themes. Personal data is removed before any comment is kept.',
    'two-proportion z-test',
    'Brief §4',
  ),
  operational(
    'competitor_comparison',
    'Compared with the main competitor',
    'survey',
    'Weighted shares answering better, about the same and worse; net = better − worse.',
    WILSON,
    'Brief §4',
    '%',
  ),
];

const BY_ID = new Map([...METRICS, ...OPERATIONAL_METRICS].map((m) => [m.id, m]));

/** Every metric id `getMetric` knows, in registry order. */
export const METRIC_IDS: readonly string[] = [...BY_ID.keys()];

/**
 * The definition of a metric id.
 * @throws "unknown metric id: x" listing the known ids, so a typo in a report fails loudly
 */
export function getMetric(id: string): MetricDefinition {
  const metric = BY_ID.get(id);
  if (!metric) throw new Error(`unknown metric id: ${id} (known: ${[...BY_ID.keys()].join(', ')})`);
  return metric;
}

/** The headline metrics of every review, in display order. */
export const HEADLINE_METRICS = ['index', 'nps', 'csat', 'ces'] as const;

/**
 * One colour per headline metric, the same on every chart and sparkline: the Okabe–Ito
 * palette, which stays distinguishable with the common colour-vision deficiencies. Charts
 * never rely on colour alone (labels, shapes and tables carry the same information).
 */
const METRIC_COLOURS: Record<string, string> = {
  index: '#0072B2',
  nps: '#D55E00',
  csat: '#009E73',
  ces: '#CC79A7',
  csat_mean: '#009E73',
  product_quality: '#E69F00',
  service_quality: '#56B4E9',
  reliability: '#0072B2',
  value: '#D55E00',
  emotional: '#CC79A7',
  brand: '#7F7F7F',
  expectations: '#56B4E9',
};

/** The chart colour of a metric (a neutral blue for metrics without their own). */
export function metricColour(id: string): string {
  return METRIC_COLOURS[id.replace(/_mean$/, '')] ?? '#0072B2';
}
