/** Canonical field names: what every export is mapped onto by the manifest. */

/**
 * Fields of the survey table other than its rated items (whose ids the manifest chooses) and its
 * segment dimensions.
 */
export const SURVEY_FIELDS = [
  'response_id',
  'customer_id',
  'date',
  'competitor',
  'journey_stage',
  'comment',
] as const;

export const ORDER_FIELDS = [
  'order_id',
  'customer_id',
  'date',
  'amount',
  'status',
  'estimated_delivery',
  'delivered',
  'quantity',
  'unit_price',
] as const;

export const TICKET_FIELDS = [
  'ticket_id',
  'customer_id',
  'order_id',
  'opened',
  'first_response',
  'resolved',
  'category',
  'journey_stage',
  'type',
] as const;

/** A customer-base extract (CRM or billing) with a flag for customers who left. */
export const CUSTOMER_FIELDS = ['customer_id', 'churned', 'revenue'] as const;

/** How a churn flag is written once mapped: "Yes"/"No" exports read as they are. */
export const CHURN_VALUES = ['yes', 'no'] as const;

export const COMPETITOR_VALUES = ['better', 'same', 'worse'] as const;
export type CompetitorComparison = (typeof COMPETITOR_VALUES)[number];

export const JOURNEY_STAGES = ['pre-purchase', 'purchase', 'after-sales'] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

export const ORDER_STATUSES = ['completed', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Order statuses that are not orders or revenue unless the manifest says otherwise. */
export const DEFAULT_EXCLUDED_STATUSES: readonly string[] = ['cancelled', 'returned'];

/**
 * The statuses the reader gives an order with a negative amount, which is never an order nor
 * netted against revenue: a refund where the manifest declares them ("negativeAmounts":
 * "refund"), else an unexpected negative amount (reported).
 */
export const REFUND_STATUS = 'refunds';
export const NEGATIVE_AMOUNT_STATUS = 'negative amounts';

/** Statuses left out of orders and revenue: the manifest's and those of negative amounts. */
export function excludedStatuses(orders: { excludeStatuses: readonly string[] }): string[] {
  return [...orders.excludeStatuses, REFUND_STATUS, NEGATIVE_AMOUNT_STATUS];
}

/** The ticket type counted as a complaint unless the export says otherwise. */
export const COMPLAINT_TYPE = 'complaint';

export const TABLE_NAMES = ['survey', 'orders', 'tickets', 'customers'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Multiple-testing adjustments of group-vs-rest tests. */
export const ADJUSTMENTS = ['holm', 'bh'] as const;
export type Adjustment = (typeof ADJUSTMENTS)[number];

/** How each adjustment is named to readers. */
export const ADJUSTMENT_LABELS: Record<Adjustment, string> = {
  holm: 'Holm',
  bh: 'Benjamini–Hochberg',
};
