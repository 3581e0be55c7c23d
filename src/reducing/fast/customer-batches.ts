/**
 * Orders, order lines and survey answers added in batches, each with its customer. Adding a
 * batch first finds every customer's row, then updates the figures, in tight loops: the lookups
 * of a batch overlap in memory instead of waiting one by one, which is what adding rows one at a
 * time costs on a quarter of a million customers met in random order. The result is the state
 * addOrder, addOrderLine and addCustomerAnswer give row by row (property-tested).
 */
import { excludedStatuses } from '../../contracts/fields.ts';
import type { Manifest } from '../../contracts/manifest-schema.ts';
import { DETRACTOR_TO } from '../../contracts/nps-classes.ts';
import type { IdRef } from '../../reading/id-refs.ts';
import type { OrderRecord } from '../../reading/records.ts';
import {
  addCountedLine,
  addExcludedLine,
  addGuestOrder,
  deliveryOf,
  finishOrderLines,
  GUEST_CUSTOMER,
  OrderLines,
  type BehaviourState,
  type CustomerAnswer,
  type CustomerAnswers,
} from '../behaviour-state.ts';

/** Rows gathered for adding together, each with its customer. */
abstract class CustomerBatch {
  readonly capacity: number;
  length = 0;
  /** Each entry's customer; undefined for a guest order. */
  readonly customers: Array<IdRef | undefined>;
  /** Each entry's row in the customer table, filled when the batch is added. */
  readonly rows: Int32Array;
  /** Every entry (the mask of a lookup that wants them all). */
  readonly all: Uint8Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.customers = new Array<IdRef | undefined>(capacity).fill('');
    this.rows = new Int32Array(capacity);
    this.all = new Uint8Array(capacity).fill(1);
  }

  /** The number of entries queued, emptying the batch (its arrays are reused by the next). */
  take(): number {
    const count = this.length;
    this.length = 0;
    return count;
  }
}

/** Orders (or order lines) gathered for adding together. */
export class OrderBatch extends CustomerBatch {
  /** Each entry's order (read for order lines only). */
  readonly orders: IdRef[];
  /** Each line's order number, filled when a batch of lines is added. */
  readonly orderNumbers: Int32Array;
  readonly statuses: string[];
  readonly segments: Array<Readonly<Record<string, string | undefined>>>;
  /** Order value, NaN when missing. */
  readonly amounts: Float64Array;
  /** 1 when both delivery dates are known, 2 when the delivery was also late, else 0. */
  readonly delivery: Uint8Array;
  /** 1 when the order counts toward a customer (its status is not excluded; not a guest's). */
  readonly counted: Uint8Array;
  /** What each line is (order lines only): excluded, a customer's, a guest's. */
  readonly kinds: Uint8Array;

  constructor(capacity = 1 << 14) {
    super(capacity);
    this.orders = new Array<IdRef>(capacity).fill('');
    this.orderNumbers = new Int32Array(capacity);
    this.statuses = new Array<string>(capacity).fill('');
    this.segments = new Array<Readonly<Record<string, string | undefined>>>(capacity).fill({});
    this.amounts = new Float64Array(capacity);
    this.delivery = new Uint8Array(capacity);
    this.counted = new Uint8Array(capacity);
    this.kinds = new Uint8Array(capacity);
  }

  /** Queues one order; returns true when the batch is full. */
  push(order: OrderRecord): boolean {
    const i = this.length++;
    this.customers[i] = order.customerId;
    this.orders[i] = order.orderId;
    this.statuses[i] = order.status;
    this.segments[i] = order.segments;
    this.amounts[i] = order.amount ?? NaN;
    this.delivery[i] = deliveryOf(order);
    return this.length === this.capacity;
  }
}

/** Adds a batch of orders (mutates the state, empties the batch); same as one at a time. */
export function addOrderBatch(
  state: BehaviourState,
  batch: OrderBatch,
  excludeStatuses: readonly string[],
): BehaviourState {
  // Each loop is a function of its own, with nothing after it (see numbersOf in customer-index.ts).
  const count = batch.take();
  markCounted(state, batch, count, excludeStatuses);
  addCustomerRows(state, batch, count);
  state.missingAmount += addOrderFigures(state.customers, batch, count);
  return state;
}

/**
 * Marks the orders that count toward a customer; tallies the excluded ones by status and adds
 * the counted guest orders (which no customer row receives).
 */
function markCounted(
  state: BehaviourState,
  batch: OrderBatch,
  count: number,
  excludeStatuses: readonly string[],
): void {
  const { statuses, counted, customers } = batch;
  const excluded = state.excluded;
  // Most orders have the status of the one before (most are completed): decided once per run.
  let last = '';
  let lastOut = excludeStatuses.includes(last);
  for (let i = 0; i < count; i++) {
    const status = statuses[i]!;
    const out = status === last ? lastOut : excludeStatuses.includes(status);
    last = status;
    lastOut = out;
    if (out) excluded[status] = (excluded[status] ?? 0) + 1;
    else if (customers[i] === undefined) {
      addGuestOrder(state, batch.amounts[i]!, batch.delivery[i]!);
      counted[i] = 0;
      continue;
    }
    counted[i] = out ? 0 : 1;
  }
}

/** Each counted entry's customer row, in `batch.rows`; a customer met first is added. */
function addCustomerRows(state: BehaviourState, batch: OrderBatch, count: number): void {
  state.customers.rowsOf(batch.customers, batch.counted, count, batch.rows);
  // New customers got the next rows in order of first appearance: their first order's segments.
  addNewSegments(state.segments, batch, count);
}

function addNewSegments(
  segments: Array<Readonly<Record<string, string | undefined>>>,
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
  const { orders, priced, revenue, delivered, late } = table.at;
  let missingAmount = 0;
  for (let i = 0; i < count; i++) {
    const row = rows[i]!;
    if (row < 0) continue;
    const base = row * stride;
    data[base + orders]! += 1;
    const amount = amounts[i]!;
    if (amount !== amount)
      missingAmount += 1; // NaN: no amount
    else {
      data[base + priced]! += 1;
      data[base + revenue]! += amount;
    }
    const d = delivery[i]!;
    if (d > 0) {
      data[base + delivered]! += 1;
      if (d === 2) data[base + late]! += 1;
    }
  }
  return missingAmount;
}

/**
 * Adds a batch of order lines (mutates the state, empties the batch); the same as addOrderLine
 * one at a time. finishOrderLines forms the orders after the last batch.
 */
export function addOrderLineBatch(
  state: BehaviourState,
  batch: OrderBatch,
  excludeStatuses: readonly string[],
): BehaviourState {
  const count = batch.take();
  const lines = (state.lines ??= new OrderLines(excludeStatuses));
  lines.index.addMany(batch.orders, batch.all, count, batch.orderNumbers);
  lines.grow(lines.index.size);
  markCountedLines(batch, count, excludeStatuses);
  addCustomerRows(state, batch, count);
  addLineFigures(lines, batch, count);
  return state;
}

const EXCLUDED_LINE = 0;
const CUSTOMER_LINE = 1;
const GUEST_LINE = 2;

/**
 * Sorts the lines: excluded, counted with a customer (the ones whose customer is looked up:
 * `counted`), counted without one (a guest's).
 */
function markCountedLines(
  batch: OrderBatch,
  count: number,
  excludeStatuses: readonly string[],
): void {
  const { statuses, counted, customers, kinds } = batch;
  for (let i = 0; i < count; i++) {
    const kind = excludeStatuses.includes(statuses[i]!)
      ? EXCLUDED_LINE
      : customers[i] === undefined
        ? GUEST_LINE
        : CUSTOMER_LINE;
    kinds[i] = kind;
    counted[i] = kind === CUSTOMER_LINE ? 1 : 0;
  }
}

function addLineFigures(lines: OrderLines, batch: OrderBatch, count: number): void {
  const { orderNumbers, kinds, rows, amounts, delivery, statuses } = batch;
  for (let i = 0; i < count; i++) {
    const o = orderNumbers[i]!;
    const kind = kinds[i]!;
    if (kind === EXCLUDED_LINE) addExcludedLine(lines, o, statuses[i]!);
    else {
      const customer = kind === GUEST_LINE ? GUEST_CUSTOMER : rows[i]!;
      addCountedLine(lines, o, customer, amounts[i]!, delivery[i]!);
    }
  }
}

/**
 * Where the loader's order records go: the table's rows as orders or as order lines, added in
 * batches; `end` adds the last batch and forms the orders of the lines.
 */
export function orderFeed(
  state: BehaviourState,
  orders: Pick<Manifest['orders'], 'excludeStatuses' | 'rows'>,
): { add: (record: OrderRecord) => void; end: () => void } {
  const batch = new OrderBatch();
  // The manifest's statuses and those the reader gives negative amounts.
  const exclude = excludedStatuses(orders);
  if (orders.rows === 'lines') {
    return {
      add: (record) => {
        if (batch.push(record)) addOrderLineBatch(state, batch, exclude);
      },
      end: () => {
        addOrderLineBatch(state, batch, exclude);
        finishOrderLines(state);
      },
    };
  }
  return {
    add: (record) => {
      if (batch.push(record)) addOrderBatch(state, batch, exclude);
    },
    end: () => {
      addOrderBatch(state, batch, exclude);
    },
  };
}

/** Answers gathered for adding together: the customer of each and what they said. */
export class AnswerBatch extends CustomerBatch {
  /** Recommend score, NaN when missing. */
  readonly recommend: Float64Array;
  /** 1 satisfied, 0 not, -1 unknown. */
  readonly satisfied: Int8Array;

  constructor(capacity = 1 << 14) {
    super(capacity);
    this.recommend = new Float64Array(capacity);
    this.satisfied = new Int8Array(capacity);
  }

  /**
   * Queues one answer (a CustomerAnswer's fields, passed apart: no object a response); returns
   * true when the batch is full.
   */
  push(
    customerId: IdRef,
    recommend: CustomerAnswer['recommend'],
    satisfied: CustomerAnswer['satisfied'],
  ): boolean {
    const i = this.length++;
    this.customers[i] = customerId;
    this.recommend[i] = recommend ?? NaN;
    this.satisfied[i] = satisfied === undefined ? -1 : satisfied ? 1 : 0;
    return this.length === this.capacity;
  }
}

/** Adds a batch of answers (mutates the table, empties the batch); same as one at a time. */
export function addAnswerBatch(table: CustomerAnswers, batch: AnswerBatch): void {
  // The loop is a function of its own, with nothing after it (see numbersOf in customer-index.ts).
  const count = batch.take();
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
    if (recommend[i]! <= DETRACTOR_TO) data[base + at.detractor] = 1;
  }
}
