import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../contracts/row-types.ts';
import type { OrderRecord } from '../reading/records.ts';
import { behaviourFigures } from '../figures/behaviour-figures.ts';
import { ratioEstimate } from '../statistics/ratio-estimate.ts';
import {
  addOrder,
  addOrderLine,
  createBehaviourState,
  createCustomerAnswers,
  finishOrderLines,
  mergeBehaviour,
  type BehaviourState,
} from './behaviour-state.ts';
import { addOrderBatch, addOrderLineBatch, OrderBatch } from './fast/customer-batches.ts';
import { packBehaviour } from './fast/pack-behaviour.ts';

const EXCLUDE = ['cancelled', 'returned'];
/** Each customer's group: one per customer, so a customer's segments never depend on row order. */
const GROUP: Record<string, string> = { a: 'SMB', C1: 'Consumer', C2: 'SMB', C30: 'Consumer' };

const line = (
  orderId: string,
  customerId: string | undefined,
  amount: number | undefined,
  status: string,
  late: boolean | undefined,
): OrderRow => ({
  orderId,
  customerId,
  date: '2026-07-01',
  amount,
  status,
  estimatedDelivery: late === undefined ? undefined : '2026-07-05',
  delivered: late === undefined ? undefined : late ? '2026-07-07' : '2026-07-04',
  segments: { group: customerId === undefined ? undefined : GROUP[customerId] },
});

/** Orders, each with its customer (or none: a guest) and one to four lines. */
const ordersArb = fc.array(
  fc.record({
    customer: fc.constantFrom<string | undefined>('a', 'C1', 'C2', 'C30', undefined),
    lines: fc.array(
      fc.record({
        amount: fc.option(fc.integer({ min: -50, max: 500 }), { nil: undefined }),
        status: fc.constantFrom('completed', 'completed', 'completed', 'cancelled', 'returned'),
        late: fc.option(fc.boolean(), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  { maxLength: 25 },
);

/** Every line of the orders, the order's id and customer on each, in a shuffled order. */
type Orders = typeof ordersArb extends fc.Arbitrary<infer T> ? T : never;

/** The loader's record of a row. */
const recordOf = (row: OrderRow): OrderRecord => ({
  ...row,
  customerId: row.customerId,
  amount: row.amount,
  estimatedDelivery: row.estimatedDelivery,
  delivered: row.delivered,
});

function linesOf(orders: Orders, keys: readonly number[]): OrderRow[] {
  const all = orders.flatMap((o, i) =>
    o.lines.map((l) => line(`O${i}`, o.customer, l.amount, l.status, l.late)),
  );
  return shuffle(all, keys);
}

/** `list` permuted by a Fisher–Yates shuffle driven by the test's numbers. */
function shuffle<T>(list: readonly T[], keys: readonly number[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (keys[i % Math.max(1, keys.length)] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const figuresOf = (state: BehaviourState) =>
  behaviourFigures(state, createCustomerAnswers()).figures;

describe('order lines', () => {
  it('summed in any row order, give the figures of their orders added one row each', () => {
    fc.assert(
      fc.property(ordersArb, fc.array(fc.nat(), { maxLength: 100 }), (orders, keys) => {
        const lines = linesOf(orders, keys);
        const fromLines = createBehaviourState();
        for (const l of lines) addOrderLine(fromLines, l, EXCLUDE);
        finishOrderLines(fromLines);

        // By definition: an order's amount is the sum of its counted lines (unknown when one of
        // them has none); it counts when a line counts, else takes its first line's status.
        const summed = new Map<string, OrderRow & { counted: boolean }>();
        for (const l of lines) {
          let o = summed.get(l.orderId);
          if (!o) {
            o = { ...l, amount: 0, status: l.status, counted: false, delivered: undefined };
            summed.set(l.orderId, o);
          }
          if (EXCLUDE.includes(l.status)) continue;
          if (!o.counted) o.status = 'completed';
          o.counted = true;
          o.amount =
            o.amount === undefined || l.amount === undefined ? undefined : o.amount + l.amount;
          if (l.delivered && l.estimatedDelivery) {
            // Late when any of its lines was.
            if (!o.delivered || l.delivered > o.delivered) o.delivered = l.delivered;
            o.estimatedDelivery = l.estimatedDelivery;
          }
        }
        const fromOrders = createBehaviourState();
        for (const o of summed.values()) addOrder(fromOrders, o, EXCLUDE);
        expect(figuresOf(fromLines)).toEqual(figuresOf(fromOrders));
      }),
    );
  });

  it('added in batches of any size, give the state they give one at a time', () => {
    fc.assert(
      fc.property(
        ordersArb,
        fc.array(fc.nat(), { maxLength: 100 }),
        fc.integer({ min: 1, max: 8 }),
        (orders, keys, size) => {
          const lines = linesOf(orders, keys);
          const single = createBehaviourState();
          const batched = createBehaviourState();
          const batch = new OrderBatch(size);
          for (const l of lines) {
            addOrderLine(single, l, EXCLUDE);
            if (batch.push(recordOf(l))) addOrderLineBatch(batched, batch, EXCLUDE);
          }
          addOrderLineBatch(batched, batch, EXCLUDE);
          finishOrderLines(single);
          finishOrderLines(batched);
          expect(batched.segments).toEqual(single.segments);
          expect(packBehaviour(batched)).toEqual(packBehaviour(single));
        },
      ),
    );
  });

  it('keep memory per order, not per line: a thousand lines of one order hold one order', () => {
    const state = createBehaviourState();
    for (let i = 0; i < 1000; i++)
      addOrderLine(state, line('O1', 'a', 2, 'completed', undefined), EXCLUDE);
    expect(state.lines!.index.size).toBe(1);
    finishOrderLines(state);
    expect(figuresOf(state)).toMatchObject({ orders: 1, revenue: 2000, activeCustomers: 1 });
  });

  it('must be finished before figures, packing or merging', () => {
    const state = createBehaviourState();
    addOrderLine(state, line('O1', 'a', 2, 'completed', undefined), EXCLUDE);
    expect(() => figuresOf(state)).toThrow('requires finished order lines');
    expect(() => packBehaviour(state)).toThrow('requires finished order lines');
    expect(() => mergeBehaviour(state, createBehaviourState())).toThrow(
      'requires finished order lines',
    );
  });
});

describe('guest orders', () => {
  it('count toward orders, revenue, order value and late deliveries, never toward a customer', () => {
    const state = createBehaviourState();
    addOrder(state, line('1', 'a', 100, 'completed', false), EXCLUDE);
    addOrder(state, line('2', 'a', 50, 'completed', undefined), EXCLUDE);
    addOrder(state, line('3', undefined, 30, 'completed', true), EXCLUDE);
    addOrder(state, line('4', undefined, 20, 'completed', undefined), EXCLUDE);
    addOrder(state, line('5', undefined, 999, 'cancelled', undefined), EXCLUDE);
    const f = figuresOf(state);
    expect(f).toMatchObject({
      activeCustomers: 1,
      orders: 4,
      guestOrders: 2,
      guestRevenue: 50,
      revenue: 200,
      averageOrderValue: 50,
      purchaseFrequency: 2,
      revenuePerCustomer: 150,
      excludedOrders: { cancelled: 1 },
    });
    expect(f.repeatRate).toMatchObject({ k: 1, n: 1 });
    expect(f.lateShare).toMatchObject({ k: 1, n: 2 });
  });

  it("in the order value's interval, each guest order is a unit of its own", () => {
    const amounts = [12, 30, 45, 7, 80];
    const state = createBehaviourState();
    amounts.forEach((a, i) =>
      addOrder(state, line(String(i), undefined, a, 'completed', undefined), EXCLUDE),
    );
    const { ratio, se } = ratioEstimate(
      behaviourFigures(state, createCustomerAnswers()).orderValue,
    );
    // Independent amounts: the mean, and the sample standard deviation over √n.
    const n = amounts.length;
    const mean = amounts.reduce((s, a) => s + a, 0) / n;
    const sd = Math.sqrt(amounts.reduce((s, a) => s + (a - mean) ** 2, 0) / (n - 1));
    expect(ratio).toBeCloseTo(mean, 12);
    expect(se).toBeCloseTo(sd / Math.sqrt(n), 12);
  });

  it('without guests, the figures carry no guest fields (published figures stay as they were)', () => {
    const state = createBehaviourState();
    addOrder(state, line('1', 'a', 100, 'completed', false), EXCLUDE);
    expect(Object.keys(figuresOf(state))).not.toContain('guestOrders');
  });

  it('added in batches of any size, give the state they give one at a time', () => {
    const orderArb = fc.record({
      customer: fc.constantFrom<string | undefined>('a', 'C1', 'C2', undefined),
      amount: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
      status: fc.constantFrom('completed', 'completed', 'cancelled'),
      late: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(orderArb, { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (list, size) => {
          const single = createBehaviourState();
          const batched = createBehaviourState();
          const batch = new OrderBatch(size);
          list.forEach((o, i) => {
            const row = line(String(i), o.customer, o.amount, o.status, o.late);
            addOrder(single, row, EXCLUDE);
            if (batch.push(recordOf(row))) addOrderBatch(batched, batch, EXCLUDE);
          });
          addOrderBatch(batched, batch, EXCLUDE);
          expect(packBehaviour(batched)).toEqual(packBehaviour(single));
        },
      ),
    );
  });
});
