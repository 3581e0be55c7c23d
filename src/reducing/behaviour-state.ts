/**
 * Behaviour and value from orders: a one-pass reducer keyed by customer (the group here is the
 * customer, so memory grows with customers, not orders), merged exactly across files and
 * threads. Cancelled and returned orders are excluded from orders and revenue as the manifest
 * declares, and counted separately. Guest orders (no customer id, where the manifest allows
 * them) count toward orders and revenue in totals of their own, never toward a customer. Beside
 * it, each surveyed customer's answers folded into a few counts, for the joins of survey and
 * orders.
 *
 * A table whose rows are order lines is summed into orders first (`addOrderLine`, then
 * `finishOrderLines` after the last line): a few numbers per order, whatever the number of
 * lines, and the lines of an order may come in any row order.
 *
 * `addOrder`, `addOrderLine` and `addCustomerAnswer` are the plain reducers of one row; the
 * loader adds rows in batches (fast/customer-batches.ts), property-tested to the same state.
 */
import { DETRACTOR_TO } from '../contracts/nps-classes.ts';
import type { OrderRow } from '../contracts/row-types.ts';
import type { IdRef } from '../reading/id-refs.ts';
import { CustomerColumns, CustomerIndex } from './customer-index.ts';

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

/** Counted orders without a customer id: in orders, revenue and order value, in no customer figure. */
export interface GuestTotals {
  orders: number;
  /** Guest orders with an amount. */
  priced: number;
  revenue: number;
  /** Σ amount² over priced guest orders (each is its own unit in the order value's interval). */
  revenueSq: number;
  /** Guest orders with both delivery dates, and of those the late ones. */
  delivered: number;
  late: number;
}

/** An order's customer before any of its lines counted. */
const NO_CUSTOMER = -2;
/** The customer of a guest order. */
export const GUEST_CUSTOMER = -1;
/** Flags of an order formed from lines. */
const COUNTED = 1;
const UNPRICED = 2;
const DELIVERED = 4;
const LATE = 8;

/**
 * Orders being formed from their lines, by a dense index of order ids: each order's customer
 * (its row in the customer columns), the sum of its counted lines' amounts, what its lines
 * said (counted, unpriced, delivered, late), and the status of its first excluded line. About
 * 23 bytes an order, whatever its number of lines.
 */
export class OrderLines {
  readonly index = new CustomerIndex();
  /** The excluded statuses, which `status` numbers from 1. */
  readonly exclude: readonly string[];
  customer = new Int32Array(0);
  amount = new Float64Array(0);
  flags = new Uint8Array(0);
  /** 1 + the position in `exclude` of the order's first excluded line's status; 0 for none. */
  status = new Uint16Array(0);

  constructor(exclude: readonly string[]) {
    if (exclude.length >= 2 ** 16) throw new Error('OrderLines requires fewer than 65536 statuses');
    this.exclude = exclude;
  }

  /** The order's number, added (with room for its figures) when new. */
  order(id: IdRef): number {
    const o = this.index.add(id);
    if (o >= this.flags.length) this.grow(o + 1);
    return o;
  }

  /** Makes room for the figures of `size` orders. */
  grow(size: number): void {
    if (size <= this.flags.length) return;
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(1024, size)));
    const at = this.flags.length;
    this.customer = grown(this.customer, new Int32Array(capacity).fill(NO_CUSTOMER, at));
    this.amount = grown(this.amount, new Float64Array(capacity));
    this.flags = grown(this.flags, new Uint8Array(capacity));
    this.status = grown(this.status, new Uint16Array(capacity));
  }
}

/** `bigger` holding `array`'s values at their places. */
function grown<T extends { set(from: T): void }>(array: T, bigger: T): T {
  bigger.set(array);
  return bigger;
}

/**
 * Adds one counted line to order o (mutates): its customer, its amount (an order with a line
 * without an amount has no known amount), its delivery. Shared by the plain and batch reducers.
 * @param customer the line's customer row, or GUEST_CUSTOMER
 * @param delivery 0 unknown, 1 on time, 2 late
 */
export function addCountedLine(
  lines: OrderLines,
  o: number,
  customer: number,
  amount: number,
  delivery: number,
): void {
  if (lines.customer[o] === NO_CUSTOMER) lines.customer[o] = customer;
  let flags = lines.flags[o]! | COUNTED;
  if (amount !== amount) flags |= UNPRICED;
  else lines.amount[o]! += amount;
  if (delivery > 0) flags |= delivery === 2 ? DELIVERED | LATE : DELIVERED;
  lines.flags[o] = flags;
}

/** Notes an excluded line of order o: the order takes its status if no line of it counts. */
export function addExcludedLine(lines: OrderLines, o: number, status: string): void {
  if (lines.status[o] === 0) lines.status[o] = lines.exclude.indexOf(status) + 1;
}

/** 0 when either delivery date is unknown, 2 when the delivery was late, else 1. */
export function deliveryOf(order: Pick<OrderRow, 'delivered' | 'estimatedDelivery'>): number {
  if (!order.delivered || !order.estimatedDelivery) return 0;
  return order.delivered > order.estimatedDelivery ? 2 : 1;
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
  /** Counted guest orders (no customer id). */
  guests: GuestTotals;
  /** Orders being formed from lines; null for a table of orders and once the lines are finished. */
  lines: OrderLines | null;
}

export function createBehaviourState(): BehaviourState {
  return {
    customers: new CustomerColumns(BEHAVIOUR_COLUMNS),
    segments: [],
    excluded: {},
    missingAmount: 0,
    guests: { orders: 0, priced: 0, revenue: 0, revenueSq: 0, delivered: 0, late: 0 },
    lines: null,
  };
}

/** Adds one counted guest order (mutates). */
export function addGuestOrder(state: BehaviourState, amount: number, delivery: number): void {
  const g = state.guests;
  g.orders += 1;
  if (amount !== amount) state.missingAmount += 1;
  else {
    g.priced += 1;
    g.revenue += amount;
    g.revenueSq += amount * amount;
  }
  if (delivery > 0) {
    g.delivered += 1;
    if (delivery === 2) g.late += 1;
  }
}

/**
 * Adds one order (mutates). Orders of an excluded status (e.g. cancelled, returned) are counted
 * by status only; an order without a customer is a guest order.
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
  if (order.customerId === undefined) {
    addGuestOrder(state, order.amount ?? NaN, deliveryOf(order));
    return state;
  }
  const row = state.customers.row(order.customerId);
  // A customer's segments are those of their first order that counts.
  if (row === state.segments.length) state.segments.push(order.segments);
  addCustomerOrder(state, row, order.amount ?? NaN, deliveryOf(order));
  return state;
}

/**
 * Adds one counted order to the customer in row `row` (mutates): what an order adds to its
 * customer's figures, whether it was read as one row or formed from its lines (the batches of
 * fast/customer-batches.ts do the same in a loop of their own, property-tested against this).
 * @param amount the order's amount, NaN when unknown (counted as an order without an amount)
 * @param delivery as deliveryOf gives it: 0 unknown, 1 on time, 2 late
 */
function addCustomerOrder(
  state: BehaviourState,
  row: number,
  amount: number,
  delivery: number,
): void {
  const { data, stride, at } = state.customers;
  const base = row * stride;
  data[base + at.orders]! += 1;
  if (amount !== amount) state.missingAmount += 1;
  else {
    data[base + at.priced]! += 1;
    data[base + at.revenue]! += amount;
  }
  if (delivery > 0) {
    data[base + at.delivered]! += 1;
    if (delivery === 2) data[base + at.late]! += 1;
  }
}

/**
 * Adds one line of an order (mutates); `finishOrderLines` turns the lines into orders after the
 * last one. A line of an excluded status adds nothing to its order; an order none of whose
 * lines counts is excluded with its first excluded line's status. A customer enters (with the
 * segments of this line) at their first counted line.
 */
export function addOrderLine(
  state: BehaviourState,
  line: OrderRow,
  excludeStatuses: readonly string[],
): BehaviourState {
  const lines = (state.lines ??= new OrderLines(excludeStatuses));
  const o = lines.order(line.orderId);
  if (excludeStatuses.includes(line.status)) {
    addExcludedLine(lines, o, line.status);
    return state;
  }
  let customer = GUEST_CUSTOMER;
  if (line.customerId !== undefined) {
    customer = state.customers.row(line.customerId);
    if (customer === state.segments.length) state.segments.push(line.segments);
  }
  addCountedLine(lines, o, customer, line.amount ?? NaN, deliveryOf(line));
  return state;
}

/**
 * Turns the lines added so far into orders (mutates): each order counts once for its customer
 * (or as a guest order), with the sum of its lines as its amount, or is excluded by status.
 * Orders are taken in order of their first line, so the sums are those of the same orders read
 * one row each in that order.
 */
export function finishOrderLines(state: BehaviourState): BehaviourState {
  const lines = state.lines;
  if (lines === null) return state;
  state.lines = null;
  const { customer, amount, flags, status, exclude } = lines;
  const size = lines.index.size;
  for (let o = 0; o < size; o++) {
    const f = flags[o]!;
    if ((f & COUNTED) === 0) {
      const name = exclude[status[o]! - 1]!;
      state.excluded[name] = (state.excluded[name] ?? 0) + 1;
      continue;
    }
    const delivery = (f & DELIVERED) === 0 ? 0 : (f & LATE) === 0 ? 1 : 2;
    const value = (f & UNPRICED) === 0 ? amount[o]! : NaN;
    const c = customer[o]!;
    if (c === GUEST_CUSTOMER) addGuestOrder(state, value, delivery);
    else addCustomerOrder(state, c, value, delivery);
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
 * Combines two states exactly (a customer's orders may sit in both; the lines of one order sit
 * in one, finished). Customers keep the order of a one-pass read: a's, then b's new ones; the
 * first is copied whole, not re-read row by row.
 */
export function mergeBehaviour(a: BehaviourState, b: BehaviourState): BehaviourState {
  if (a.lines !== null || b.lines !== null)
    throw new Error('mergeBehaviour requires finished order lines (finishOrderLines)');
  const [first, rest] = a.customers.size > 0 ? [a, b] : [b, a];
  const guests = { ...a.guests };
  for (const key of Object.keys(guests) as Array<keyof GuestTotals>) guests[key] += b.guests[key];
  const merged: BehaviourState = {
    customers: first.customers.clone(),
    segments: first.segments.slice(),
    excluded: { ...a.excluded },
    missingAmount: a.missingAmount + b.missingAmount,
    guests,
    lines: null,
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
