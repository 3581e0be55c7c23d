/**
 * A customer's order groups (contracts/order-groups.ts) read from their behaviour totals: the
 * one definition of "had a late delivery". The behaviour figures compare the two groups'
 * satisfaction; the Explore page filters on them.
 */
import { DELIVERY_TIMING, type OrderGroup } from '../contracts/order-groups.ts';
import type { BehaviourState } from './behaviour-state.ts';
import type { IdRef } from '../reading/id-refs.ts';

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
