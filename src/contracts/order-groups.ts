/**
 * Groups of customers by what their orders did, which a survey response can be filtered on as
 * on its segment levels (reducing/order-groups.ts reads a customer's group from their orders).
 */

/** An order-based grouping: its id (never a manifest dimension's), label and levels. */
export interface OrderGroup {
  /** Has a "-", which no manifest dimension may (they are lower-case letters, digits, "_"). */
  id: string;
  label: string;
  levels: readonly string[];
}

/** Customers with at least one late delivery, and those whose deliveries were all on time. */
export const DELIVERY_TIMING: OrderGroup = {
  id: 'late-delivery',
  label: 'Deliveries',
  levels: ['Had a late delivery', 'Deliveries on time'],
};
