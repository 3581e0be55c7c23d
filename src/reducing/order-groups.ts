/**
 * Groups of customers by what their orders did, as a survey response can be grouped by its
 * segment levels: the one definition of "had a late delivery", read from a customer's
 * behaviour totals. The behaviour figures compare the two groups' satisfaction; the Explore
 * page filters on them.
 */
import type { BehaviourState } from './behaviour-state.ts';
import type { IdRef } from '../reading/id-refs.ts';

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

/**
 * The delivery group of a customer's totals, as an index into DELIVERY_TIMING.levels: late (0)
 * when any delivered order came after its estimated date, on time (1) when some order was
 * delivered and none late, -1 otherwise. A number, for the behaviour figures' loop over every
 * answering customer.
 * @example deliveryTimingIndex(0, 3) // 1
 */
export function deliveryTimingIndex(late: number, delivered: number): 0 | 1 | -1 {
  if (late > 0) return 0;
  return delivered > 0 ? 1 : -1;
}

/**
 * The delivery group of a customer's totals, by name (undefined when none applies).
 * @example deliveryTiming(0, 3) // 'Deliveries on time'
 */
export function deliveryTiming(late: number, delivered: number): string | undefined {
  const index = deliveryTimingIndex(late, delivered);
  return index < 0 ? undefined : DELIVERY_TIMING.levels[index];
}

/** The order groups a snapshot can give its responses: none without an orders table. */
export function orderGroupsOf(behaviour: BehaviourState | null): OrderGroup[] {
  return behaviour ? [DELIVERY_TIMING] : [];
}

/**
 * Each order group's level for a customer (undefined without a customer id or without
 * orders), in the order of `orderGroupsOf`.
 */
export function customerOrderLevels(
  behaviour: BehaviourState | null,
  customerId: IdRef | undefined,
): Array<string | undefined> {
  if (!behaviour) return [];
  const row = customerId === undefined ? -1 : behaviour.customers.find(customerId);
  if (row < 0) return [undefined];
  const c = behaviour.customers;
  return [deliveryTiming(c.get(row, 'late'), c.get(row, 'delivered'))];
}
