/** Canonical field names: what every export is mapped onto by the manifest. */

/** Scored survey items (integer scales declared per snapshot in the manifest). */
export const SURVEY_ITEMS = [
  'recommend',
  'satisfaction',
  'effort',
  'product_quality',
  'service_quality',
  'reliability',
  'value',
  'emotional',
  'brand',
  'expectations',
] as const;
export type SurveyItem = (typeof SURVEY_ITEMS)[number];

/** The five components of customer quality named in the brief. */
export const QUALITY_COMPONENTS = [
  'product_quality',
  'service_quality',
  'reliability',
  'value',
  'emotional',
] as const satisfies readonly SurveyItem[];

/** Items averaged into the 0–100 satisfaction index unless the manifest names others. */
export const DEFAULT_INDEX_ITEMS = [
  'satisfaction',
  ...QUALITY_COMPONENTS,
] as const satisfies readonly SurveyItem[];

export const SURVEY_FIELDS = [
  'response_id',
  'customer_id',
  'date',
  ...SURVEY_ITEMS,
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

export const TABLE_NAMES = ['survey', 'orders', 'tickets', 'customers'] as const;
export type TableName = (typeof TABLE_NAMES)[number];
