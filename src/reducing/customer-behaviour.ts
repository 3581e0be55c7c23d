/**
 * Behaviour and value from orders: a one-pass reducer keyed by customer (the group here is the
 * customer, so memory grows with customers, not orders), merged exactly across files.
 * Cancelled and returned orders are excluded from orders and revenue as the manifest declares,
 * and counted separately.
 */
import { CustomerColumns, type IdRef, type PackedIndex } from '../reading/id-map.ts';
import type { OrderRow } from '../contracts/row-types.ts';
import { twoProportionTest } from '../metrics/change.ts';
import { wilson } from '../statistics/wilson.ts';
import { selectKthWeighted } from '../statistics/select-kth.ts';
import {
  addProportion,
  createGroupedProportion,
  groupedProportions,
  type GroupShare,
  type GroupedProportionState,
} from './grouped-proportion.ts';

/** Per-customer behaviour columns. */
export type BehaviourColumn = 'orders' | 'revenue' | 'late' | 'delivered';
const BEHAVIOUR_COLUMNS: readonly BehaviourColumn[] = ['orders', 'revenue', 'late', 'delivered'];

/** One customer's totals, read out of the columns (for callers that want an object). */
export interface CustomerTotals {
  orders: number;
  revenue: number;
  /** Deliveries after the estimated date (delivered orders only). */
  late: number;
  /** Delivered orders with both dates known. */
  delivered: number;
  segments: Record<string, string | undefined>;
}

export interface BehaviourState {
  /**
   * Per customer (row = the customer's index): orders and revenue that count, late and
   * delivered orders. Memory is a few numbers a customer, whatever the number of orders.
   */
  customers: CustomerColumns<BehaviourColumn>;
  /** Each customer's segment levels, from their first order. */
  segments: Array<Record<string, string | undefined>>;
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
 * Rows gathered for adding together, each with its customer. Adding a batch first finds every
 * customer's row, then updates the figures, in tight loops: the lookups of a batch overlap in
 * memory instead of waiting one by one, which is what adding rows one at a time costs on a
 * quarter of a million customers met in random order.
 */
abstract class CustomerBatch {
  readonly capacity: number;
  length = 0;
  readonly customers: IdRef[];
  /** Each entry's row in the customer table, filled when the batch is added. */
  readonly rows: Int32Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.customers = new Array<IdRef>(capacity).fill('');
    this.rows = new Int32Array(capacity);
  }
}

/** Orders gathered for adding together. */
export class OrderBatch extends CustomerBatch {
  readonly statuses: string[];
  readonly segments: Array<Record<string, string | undefined>>;
  /** Order value, NaN when missing. */
  readonly amounts: Float64Array;
  /** 1 when both delivery dates are known, 2 when the delivery was also late, else 0. */
  readonly delivery: Uint8Array;
  /** 1 when the order counts (its status is not excluded). */
  readonly counted: Uint8Array;

  constructor(capacity = 1 << 14) {
    super(capacity);
    this.statuses = new Array<string>(capacity).fill('');
    this.segments = new Array<Record<string, string | undefined>>(capacity).fill({});
    this.amounts = new Float64Array(capacity);
    this.delivery = new Uint8Array(capacity);
    this.counted = new Uint8Array(capacity);
  }

  /** Queues one order; returns true when the batch is full. */
  push(order: OrderRow): boolean {
    const i = this.length++;
    this.customers[i] = order.customerId;
    this.statuses[i] = order.status;
    this.segments[i] = order.segments;
    this.amounts[i] = order.amount ?? NaN;
    const known = Boolean(order.delivered && order.estimatedDelivery);
    this.delivery[i] = !known ? 0 : order.delivered! > order.estimatedDelivery! ? 2 : 1;
    return this.length === this.capacity;
  }
}

/** Adds a batch of orders (mutates the state, empties the batch); same as one at a time. */
export function addOrderBatch(
  state: BehaviourState,
  batch: OrderBatch,
  excludeStatuses: readonly string[],
): BehaviourState {
  // Each loop is a function of its own, with nothing after it (see numbersOf in id-map).
  const count = batch.length;
  batch.length = 0;
  markCounted(state.excluded, batch, count, excludeStatuses);
  state.customers.rowsOf(batch.customers, batch.counted, count, batch.rows);
  // New customers got the next rows in order of first appearance: their first order's segments.
  addNewSegments(state.segments, batch, count);
  state.missingAmount += addOrderFigures(state.customers, batch, count);
  return state;
}

/** Marks the orders that count; tallies the excluded ones by status. */
function markCounted(
  excluded: Record<string, number>,
  batch: OrderBatch,
  count: number,
  excludeStatuses: readonly string[],
): void {
  const { statuses, counted } = batch;
  // Most orders have the status of the one before (most are completed): decided once per run.
  let last = '';
  let lastOut = excludeStatuses.includes(last);
  for (let i = 0; i < count; i++) {
    const status = statuses[i]!;
    const out = status === last ? lastOut : excludeStatuses.includes(status);
    last = status;
    lastOut = out;
    if (out) excluded[status] = (excluded[status] ?? 0) + 1;
    counted[i] = out ? 0 : 1;
  }
}

function addNewSegments(
  segments: Array<Record<string, string | undefined>>,
  batch: OrderBatch,
  count: number,
): void {
  const { rows } = batch;
  for (let i = 0; i < count; i++)
    if (rows[i] === segments.length) segments.push(batch.segments[i]!);
}

/** Adds each counted order to its customer's figures; returns the orders without an amount. */
function addOrderFigures(table: BehaviourState['customers'], batch: OrderBatch, count: number) {
  const { rows, amounts, delivery } = batch;
  const { data, stride } = table;
  const { orders, revenue, delivered, late } = table.at;
  let missingAmount = 0;
  for (let i = 0; i < count; i++) {
    const row = rows[i]!;
    if (row < 0) continue;
    const base = row * stride;
    data[base + orders]! += 1;
    const amount = amounts[i]!;
    if (amount !== amount)
      missingAmount += 1; // NaN: no amount
    else data[base + revenue]! += amount;
    const d = delivery[i]!;
    if (d > 0) {
      data[base + delivered]! += 1;
      if (d === 2) data[base + late]! += 1;
    }
  }
  return missingAmount;
}

const oneOrder = new OrderBatch(1);

/**
 * Adds one order (mutates). `excludeStatuses` are not revenue (e.g. cancelled, returned).
 * A batch of one: the rules live in addOrderBatch alone.
 */
export function addOrder(
  state: BehaviourState,
  order: OrderRow,
  excludeStatuses: readonly string[],
): BehaviourState {
  oneOrder.push(order);
  return addOrderBatch(state, oneOrder, excludeStatuses);
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

/**
 * The behaviour state as flat columns, for moving it between threads: the typed arrays are
 * transferred rather than copied, and a quarter of a million customers need not be serialised
 * and rebuilt one by one.
 */
export interface PackedBehaviour {
  ids: PackedIndex;
  /** The customers' figures, laid out as CustomerColumns keeps them. */
  data: Float64Array;
  /** Dimension → each customer's level. */
  segments: Record<string, Array<string | undefined>>;
  excluded: Record<string, number>;
  missingAmount: number;
}

export function packBehaviour(state: BehaviourState): PackedBehaviour {
  const n = state.customers.size;
  const data = state.customers.data.slice(0, n * state.customers.stride);
  const segments: Record<string, Array<string | undefined>> = {};
  state.segments.forEach((levels, i) => {
    for (const dimension in levels) {
      const column = (segments[dimension] ??= new Array<string | undefined>(n));
      column[i] = levels[dimension];
    }
  });
  return {
    ids: state.customers.index.packed(),
    data,
    segments,
    excluded: { ...state.excluded },
    missingAmount: state.missingAmount,
  };
}

export function unpackBehaviour(packed: PackedBehaviour): BehaviourState {
  const state = createBehaviourState();
  state.customers = CustomerColumns.adopt(BEHAVIOUR_COLUMNS, packed.ids, packed.data);
  const dimensions = Object.keys(packed.segments);
  const count = packed.ids.numbers.length;
  // Plain loops: this runs on the thread that waits, for every customer.
  const segments = new Array<Record<string, string | undefined>>(count);
  if (dimensions.length === 0) segments.fill({});
  else {
    for (let i = 0; i < count; i++) {
      const levels: Record<string, string | undefined> = {};
      for (const d of dimensions) levels[d] = packed.segments[d]![i];
      segments[i] = levels;
    }
  }
  state.segments = segments;
  state.excluded = packed.excluded;
  state.missingAmount = packed.missingAmount;
  return state;
}

/** The buffers of a packed state, to hand to postMessage as its transfer list. */
export function packedBuffers(packed: PackedBehaviour): ArrayBuffer[] {
  return [
    packed.data.buffer as ArrayBuffer,
    packed.ids.numbers.buffer as ArrayBuffer,
    packed.ids.byNumber.buffer as ArrayBuffer,
  ];
}

export interface Share {
  k: number;
  n: number;
  /** % */
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/** k of n as a percentage with its Wilson interval (null values when n is 0). */
export function share(k: number, n: number): Share {
  if (n === 0) return { k, n, value: null, lower: null, upper: null };
  const [lower, upper] = wilson(k, n);
  return { k, n, value: (100 * k) / n, lower: 100 * lower, upper: 100 * upper };
}

export interface BehaviourFigures {
  activeCustomers: number;
  orders: number;
  revenue: number;
  excludedOrders: Record<string, number>;
  ordersWithoutAmount: number;
  /** Orders per active customer. */
  purchaseFrequency: number | null;
  averageOrderValue: number | null;
  revenuePerCustomer: number | null;
  /** Customers with ≥ 2 orders / active customers, %. */
  repeatRate: Share;
  /** Late deliveries / delivered orders, %. */
  lateShare: Share;
  movement: CustomerMovement | null;
}

export interface CustomerMovement {
  /** Active in the previous period. */
  previous: number;
  retained: number;
  /** Active now, never seen in any earlier period. */
  new: number;
  /** Active now, seen before but not in the previous period. */
  returning: number;
  lost: number;
  /** retained / previous, %. */
  retention: Share;
  /** 100 − retention, %. */
  churn: number | null;
  /** Retention by the group customers were in last period: dimension → shares (0–1) with Wilson. */
  retentionBySegment: Record<string, GroupShare[]>;
}

/**
 * Behaviour figures; with the previous period's active customers and everyone seen before,
 * also the customer-base movement.
 */
export function behaviourFigures(
  state: BehaviourState,
  previousActive?: ReadonlyMap<string, Record<string, string | undefined>>,
  everSeen?: ReadonlySet<string>,
): BehaviourFigures {
  const active = state.customers.size;
  // Read in place, as valueLinks does: a customer's figures sit side by side.
  const { data, stride, at } = state.customers;
  let orders = 0;
  let revenue = 0;
  let repeat = 0;
  let late = 0;
  let delivered = 0;
  for (let base = 0; base < active * stride; base += stride) {
    const customerOrders = data[base + at.orders]!;
    orders += customerOrders;
    revenue += data[base + at.revenue]!;
    if (customerOrders >= 2) repeat += 1;
    late += data[base + at.late]!;
    delivered += data[base + at.delivered]!;
  }
  let movement: CustomerMovement | null = null;
  if (previousActive && everSeen) {
    let retained = 0;
    let fresh = 0;
    for (const id of state.customers.index.ids) {
      if (previousActive.has(id)) retained += 1;
      else if (!everSeen.has(id)) fresh += 1;
    }
    const retention = share(retained, previousActive.size);
    const bySegment = new Map<string, GroupedProportionState>();
    for (const [id, segments] of previousActive) {
      for (const [dimension, level] of Object.entries(segments)) {
        if (level === undefined) continue;
        let grouped = bySegment.get(dimension);
        if (!grouped) {
          grouped = createGroupedProportion();
          bySegment.set(dimension, grouped);
        }
        addProportion(grouped, level, state.customers.find(id) >= 0);
      }
    }
    const retentionBySegment: Record<string, GroupShare[]> = {};
    for (const [dimension, grouped] of bySegment) {
      retentionBySegment[dimension] = groupedProportions(grouped).groups;
    }
    movement = {
      previous: previousActive.size,
      retained,
      new: fresh,
      returning: active - retained - fresh,
      lost: previousActive.size - retained,
      retention,
      churn: retention.value === null ? null : 100 - retention.value,
      retentionBySegment,
    };
  }
  return {
    activeCustomers: active,
    orders,
    revenue,
    excludedOrders: state.excluded,
    ordersWithoutAmount: state.missingAmount,
    purchaseFrequency: active > 0 ? orders / active : null,
    averageOrderValue: orders > 0 ? revenue / orders : null,
    revenuePerCustomer: active > 0 ? revenue / active : null,
    repeatRate: share(repeat, active),
    lateShare: share(late, delivered),
    movement,
  };
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

/** Answers gathered for adding together: the customer of each and what they said. */
export class AnswerBatch extends CustomerBatch {
  /** Recommend score, NaN when missing. */
  readonly recommend: Float64Array;
  /** 1 satisfied, 0 not, -1 unknown. */
  readonly satisfied: Int8Array;
  /** Every answer counts. */
  readonly all: Uint8Array;

  constructor(capacity = 1 << 14) {
    super(capacity);
    this.all = new Uint8Array(capacity).fill(1);
    this.recommend = new Float64Array(capacity);
    this.satisfied = new Int8Array(capacity);
  }

  /** Queues one answer; returns true when the batch is full. */
  push(customerId: IdRef, answer: CustomerAnswer): boolean {
    const i = this.length++;
    this.customers[i] = customerId;
    this.recommend[i] = answer.recommend ?? NaN;
    this.satisfied[i] = answer.satisfied === undefined ? -1 : answer.satisfied ? 1 : 0;
    return this.length === this.capacity;
  }
}

/** Adds a batch of answers (mutates the table, empties the batch); same as one at a time. */
export function addAnswerBatch(table: CustomerAnswers, batch: AnswerBatch): void {
  // The loop is a function of its own, with nothing after it (see numbersOf in id-map).
  const count = batch.length;
  batch.length = 0;
  table.rowsOf(batch.customers, batch.all, count, batch.rows);
  addAnswerCounts(table, batch, count);
}

function addAnswerCounts(table: CustomerAnswers, batch: AnswerBatch, count: number): void {
  const { rows, recommend, satisfied } = batch;
  const { data, stride } = table;
  const at = table.at;
  for (let i = 0; i < count; i++) {
    const base = rows[i]! * stride;
    data[base + at.answers]! += 1;
    const s = satisfied[i]!;
    if (s >= 0) {
      data[base + at.satisfactionAnswers]! += 1;
      data[base + at.satisfied]! += s;
    }
    if (recommend[i]! <= 6) data[base + at.detractor] = 1;
  }
}

const oneAnswer = new AnswerBatch(1);

/**
 * Adds one answer to a customer's counts (mutates; creates them when absent). A batch of one:
 * the rules live in addAnswerBatch alone.
 */
export function addCustomerAnswer(
  table: CustomerAnswers,
  customerId: IdRef,
  answer: CustomerAnswer,
): void {
  oneAnswer.push(customerId, answer);
  addAnswerBatch(table, oneAnswer);
}

export interface GroupComparison {
  label: [string, string];
  a: Share;
  b: Share;
  /** a − b in percentage points. */
  delta: number | null;
  z: number | null;
  p: number | null;
}

/** Two shares side by side with the pooled two-proportion z-test of their difference. */
export function compareShares(label: [string, string], a: Share, b: Share): GroupComparison {
  if (a.n === 0 || b.n === 0) return { label, a, b, delta: null, z: null, p: null };
  const t = twoProportionTest(a.k, a.n, b.k, b.n);
  return { label, a, b, delta: a.value! - b.value!, z: t.z, p: t.p };
}

export interface ValueLinks {
  /** Survey answers whose customer also ordered this period. */
  matched: number;
  /** Revenue of detractors (recommend 0–6) among surveyed customers. */
  revenueAtRisk: number;
  /** …as a share of surveyed customers' revenue, %. */
  revenueAtRiskShare: number | null;
  /** CSAT of high- vs low-value customers (split at the median revenue of surveyed customers). */
  highVsLowValue: GroupComparison;
  /** CSAT of customers with a late delivery vs only on-time deliveries. */
  lateVsOnTime: GroupComparison;
}

/**
 * Joins survey answers with behaviour by customer id. Comparisons count answers (a customer
 * who answered twice counts twice, as rows); revenue at risk counts each customer once, when
 * any of their answers is a detractor's.
 */
export function valueLinks(state: BehaviourState, answers: CustomerAnswers): ValueLinks {
  // Each answering customer's behaviour, gathered once (customers without an order this
  // period stay unmarked); everything after reads these in order. The behaviour is read in its
  // own order and written to each answering customer's place: reading a quarter of a million
  // customers at random waited on memory for most of the time, writing at random does not. A
  // customer's four figures sit side by side, so each write touches one place in memory.
  const count = answers.size;
  const b = state.customers;
  const answerOf = b.index.rowsIn(answers.index);
  const [ORDERED, REVENUE, LATE_ORDERS, DELIVERED] = [0, 1, 2, 3];
  const joined = new Float64Array(count * 4);
  const { data, at: column } = b;
  for (let row = 0, base = 0; row < answerOf.length; row++, base += b.stride) {
    const i = answerOf[row]!;
    if (i < 0) continue;
    joined[i * 4 + ORDERED] = 1;
    joined[i * 4 + REVENUE] = data[base + column.revenue]!;
    joined[i * 4 + LATE_ORDERS] = data[base + column.late]!;
    joined[i * 4 + DELIVERED] = data[base + column.delivered]!;
  }
  // One pass in order: revenue, revenue at risk, answers, and each matched customer's revenue
  // and answers for the median. The answers' figures are read in place.
  const { data: answerData, stride } = answers;
  const at = answers.at;
  const matchedRevenue = new Float64Array(count);
  const matchedAnswers = new Float64Array(count);
  let revenue = 0;
  let atRisk = 0;
  let rows = 0;
  let matched = 0;
  for (let i = 0; i < count; i++) {
    if (joined[i * 4 + ORDERED] === 0) continue;
    const customerRevenue = joined[i * 4 + REVENUE]!;
    const customerAnswers = answerData[i * stride + at.answers]!;
    revenue += customerRevenue;
    if (answerData[i * stride + at.detractor] === 1) atRisk += customerRevenue;
    rows += customerAnswers;
    matchedRevenue[matched] = customerRevenue;
    matchedAnswers[matched++] = customerAnswers;
  }
  // Median revenue over answers (a customer who answered twice counts twice): the lower
  // middle of every answer's revenue, each customer's revenue weighted by their answers.
  const median =
    rows > 0
      ? selectKthWeighted(
          matchedRevenue.subarray(0, matched),
          matchedAnswers.subarray(0, matched),
          Math.floor((rows - 1) / 2),
        )
      : 0;
  // CSAT of the matched customers in each group (satisfied answers / answers with
  // satisfaction), all four groups in one pass.
  const [HIGH, LOW, LATE, ON_TIME] = [0, 1, 2, 3];
  const k = new Float64Array(4);
  const n = new Float64Array(4);
  for (let i = 0; i < count; i++) {
    if (joined[i * 4 + ORDERED] === 0) continue;
    const satisfied = answerData[i * stride + at.satisfied]!;
    const asked = answerData[i * stride + at.satisfactionAnswers]!;
    const value = joined[i * 4 + REVENUE]! > median ? HIGH : LOW;
    k[value]! += satisfied;
    n[value]! += asked;
    const timing =
      joined[i * 4 + LATE_ORDERS]! > 0 ? LATE : joined[i * 4 + DELIVERED]! > 0 ? ON_TIME : -1;
    if (timing < 0) continue;
    k[timing]! += satisfied;
    n[timing]! += asked;
  }
  const csat = (group: number) => share(k[group]!, n[group]!);
  return {
    matched: rows,
    revenueAtRisk: atRisk,
    revenueAtRiskShare: revenue > 0 ? (100 * atRisk) / revenue : null,
    highVsLowValue: compareShares(
      ['High-value customers', 'Low-value customers'],
      csat(HIGH),
      csat(LOW),
    ),
    lateVsOnTime: compareShares(
      ['Had a late delivery', 'Deliveries on time'],
      csat(LATE),
      csat(ON_TIME),
    ),
  };
}
