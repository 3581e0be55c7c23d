/**
 * Behaviour and value from orders: a one-pass reducer keyed by customer (the group here is the
 * customer, so memory grows with customers, not orders), merged exactly across files and
 * threads. Cancelled and returned orders are excluded from orders and revenue as the manifest
 * declares, and counted separately. Beside it, each surveyed customer's answers folded into a
 * few counts, for the joins of survey and orders.
 *
 * `addOrder` and `addCustomerAnswer` are the plain reducers of one row; the loader adds orders
 * and answers in batches (fast/customer-batches.ts), property-tested to the same state.
 */
import { DETRACTOR_TO } from '../contracts/nps-classes.ts';
import type { OrderRow } from '../contracts/row-types.ts';
import { CustomerColumns } from './customer-index.ts';

/** Per-customer behaviour columns. */
export type BehaviourColumn = 'orders' | 'priced' | 'revenue' | 'late' | 'delivered';
export const BEHAVIOUR_COLUMNS: readonly BehaviourColumn[] = [
  'orders',
  'priced',
  'revenue',
  'late',
  'delivered',
];

/** One customer's totals, read out of the columns (for callers that want an object). */
export interface CustomerTotals {
  orders: number;
  revenue: number;
  /** Deliveries after the estimated date (delivered orders only). */
  late: number;
  /** Delivered orders with both dates known. */
  delivered: number;
  segments: Readonly<Record<string, string | undefined>>;
}

export interface BehaviourState {
  /**
   * Per customer (row = the customer's index): orders and revenue that count, late and
   * delivered orders. Memory is a few numbers a customer, whatever the number of orders.
   */
  customers: CustomerColumns<BehaviourColumn>;
  /** Each customer's segment levels, from their first order. */
  segments: Array<Readonly<Record<string, string | undefined>>>;
  /** Orders excluded by status, by status. */
  excluded: Record<string, number>;
  /** Orders without an amount (missing, never 0). */
  missingAmount: number;
}

export function createBehaviourState(): BehaviourState {
  return {
    customers: new CustomerColumns(BEHAVIOUR_COLUMNS),
    segments: [],
    excluded: {},
    missingAmount: 0,
  };
}

/**
 * Adds one order (mutates). Orders of an excluded status (e.g. cancelled, returned) are counted
 * by status only.
 */
export function addOrder(
  state: BehaviourState,
  order: OrderRow,
  excludeStatuses: readonly string[],
): BehaviourState {
  if (excludeStatuses.includes(order.status)) {
    state.excluded[order.status] = (state.excluded[order.status] ?? 0) + 1;
    return state;
  }
  const table = state.customers;
  const row = table.row(order.customerId);
  // A customer's segments are those of their first order that counts.
  if (row === state.segments.length) state.segments.push(order.segments);
  const base = row * table.stride;
  table.data[base + table.at.orders]! += 1;
  if (order.amount === undefined) state.missingAmount += 1;
  else {
    table.data[base + table.at.priced]! += 1;
    table.data[base + table.at.revenue]! += order.amount;
  }
  if (order.delivered && order.estimatedDelivery) {
    table.data[base + table.at.delivered]! += 1;
    if (order.delivered > order.estimatedDelivery) table.data[base + table.at.late]! += 1;
  }
  return state;
}

/** A customer's totals, or undefined when they placed no order that counts. */
export function customerTotals(state: BehaviourState, id: string): CustomerTotals | undefined {
  const row = state.customers.find(id);
  if (row < 0) return undefined;
  const c = state.customers;
  return {
    orders: c.get(row, 'orders'),
    revenue: c.get(row, 'revenue'),
    late: c.get(row, 'late'),
    delivered: c.get(row, 'delivered'),
    segments: state.segments[row]!,
  };
}

/**
 * Combines two states exactly (a customer's orders may sit in both). Customers keep the order
 * of a one-pass read: a's, then b's new ones; the first is copied whole, not re-read row by row.
 */
export function mergeBehaviour(a: BehaviourState, b: BehaviourState): BehaviourState {
  const [first, rest] = a.customers.size > 0 ? [a, b] : [b, a];
  const merged: BehaviourState = {
    customers: first.customers.clone(),
    segments: first.segments.slice(),
    excluded: { ...a.excluded },
    missingAmount: a.missingAmount + b.missingAmount,
  };
  const rows = merged.customers.addFrom(rest.customers);
  for (let i = 0; i < rows.length; i++)
    if (rows[i] === merged.segments.length) merged.segments.push(rest.segments[i]!);
  for (const [status, n] of Object.entries(b.excluded))
    merged.excluded[status] = (merged.excluded[status] ?? 0) + n;
  return merged;
}

/** What the survey says about one customer, for joins with behaviour. */
export interface CustomerAnswer {
  recommend?: number;
  /** Answered in the top boxes of overall satisfaction. */
  satisfied?: boolean;
}

/**
 * Each customer's answers folded into counts, one row per customer: what the joins need, in a
 * few numbers per customer instead of an object per answer. Columns: survey answers from the
 * customer; answers with overall satisfaction given, and of those, in the top boxes; detractor
 * = 1 when at least one answer was a detractor's (recommend 0–6).
 */
export type CustomerAnswers = CustomerColumns<
  'answers' | 'satisfactionAnswers' | 'satisfied' | 'detractor'
>;

export function createCustomerAnswers(): CustomerAnswers {
  return new CustomerColumns(['answers', 'satisfactionAnswers', 'satisfied', 'detractor']);
}

/** Adds one answer to a customer's counts (mutates; creates them when absent). */
export function addCustomerAnswer(
  table: CustomerAnswers,
  customerId: string,
  answer: CustomerAnswer,
): void {
  const base = table.row(customerId) * table.stride;
  const { data, at } = table;
  data[base + at.answers]! += 1;
  if (answer.satisfied !== undefined) {
    data[base + at.satisfactionAnswers]! += 1;
    if (answer.satisfied) data[base + at.satisfied]! += 1;
  }
  if (answer.recommend !== undefined && answer.recommend <= DETRACTOR_TO)
    data[base + at.detractor] = 1;
}
