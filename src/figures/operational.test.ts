import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderRow, TicketRow } from '../contracts/row-types.ts';
import { NumberedIdReader } from '../reading/id-refs.ts';
import { DEFAULT_THEMES } from '../contracts/theme-dictionary.ts';
import type { OrderRecord } from '../reading/records.ts';
import { ratioEstimate } from '../statistics/ratio-estimate.ts';
import {
  addCustomerAnswer,
  addOrder,
  addOrderLine,
  finishOrderLines,
  createBehaviourState,
  createCustomerAnswers,
  customerTotals,
  mergeBehaviour,
  type BehaviourState,
  type CustomerAnswers,
} from '../reducing/behaviour-state.ts';
import { addTicket, createComplaintState, mergeComplaints } from '../reducing/complaint-state.ts';
import { CommentReader, commentKeyOfRef } from '../reducing/fast/comment-reader.ts';
import {
  addAnswerBatch,
  addOrderBatch,
  addOrderLineBatch,
  AnswerBatch,
  OrderBatch,
} from '../reducing/fast/customer-batches.ts';
import { packBehaviour, unpackBehaviour } from '../reducing/fast/pack-behaviour.ts';
import {
  addComment,
  commentForm,
  commentKey,
  createVoiceState,
  mergeVoice,
} from '../reducing/voice-state.ts';
import { compileThemes } from '../reducing/theme-matcher.ts';
import { quantileOfCounts } from '../statistics/quantile-interval.ts';
import { behaviourFigures as withSums } from './behaviour-figures.ts';
import { complaintFigures as complaintsWithSums } from './complaint-figures.ts';
import { voiceFigures } from './voice-figures.ts';
import { DEFAULT_MINIMUM_BASE } from '../metrics/estimate.ts';

/** The behaviour figures alone (the registry's sums are checked through its metrics). */
const behaviourFigures = (
  state: BehaviourState,
  previous?: Parameters<typeof withSums>[2],
  everSeen?: ReadonlySet<string>,
  answers: CustomerAnswers = createCustomerAnswers(),
) => withSums(state, answers, previous, everSeen).figures;
const valueLinks = (state: BehaviourState, answers: CustomerAnswers) =>
  behaviourFigures(state, undefined, undefined, answers).links;
const complaintFigures = (state: Parameters<typeof complaintsWithSums>[0], orders: number) =>
  complaintsWithSums(state, orders, createCustomerAnswers()).figures;

const EXCLUDE = ['cancelled', 'returned'];
const order = (
  orderId: string,
  customerId: string | undefined,
  amount: number | undefined,
  status = 'completed',
  late = false,
): OrderRow => ({
  orderId,
  customerId,
  date: '2026-07-01',
  amount,
  status,
  estimatedDelivery: '2026-07-05',
  delivered: late ? '2026-07-07' : '2026-07-04',
  segments: {},
});

/** The loader's record of a row. */
const recordOf = (row: OrderRow): OrderRecord => ({
  ...row,
  customerId: row.customerId,
  amount: row.amount,
  estimatedDelivery: row.estimatedDelivery,
  delivered: row.delivered,
});

/** How many rows a batch holds in the batching properties: small, so batches fill often. */
const batchSizeArb = fc.integer({ min: 1, max: 8 });

/**
 * The states `items` give added one at a time and through a batch, fed as the reducers feed it:
 * added whenever `push` says it is full, and once more at the end for the part-filled last one.
 */
function singleAndBatched<T, S>(
  items: readonly T[],
  way: {
    create: () => S;
    addOne: (state: S, item: T) => void;
    push: (item: T) => boolean;
    addBatch: (state: S) => void;
  },
): { single: S; batched: S } {
  const single = way.create();
  const batched = way.create();
  for (const item of items) {
    way.addOne(single, item);
    if (way.push(item)) way.addBatch(batched);
  }
  way.addBatch(batched);
  return { single, batched };
}

describe('customer behaviour', () => {
  it('behaviourFigures counts frequency, value, repeat rate and excludes cancelled orders', () => {
    const s = createBehaviourState();
    for (const o of [
      order('1', 'a', 100),
      order('2', 'a', 50),
      order('3', 'b', 30, 'cancelled'),
      order('4', 'c', undefined),
      order('5', 'c', 20, 'completed', true),
    ]) {
      addOrder(s, o, EXCLUDE);
    }
    const f = behaviourFigures(s);
    expect(f.activeCustomers).toBe(2);
    expect(f.orders).toBe(4);
    expect(f.revenue).toBe(170);
    expect(f.excludedOrders).toEqual({ cancelled: 1 });
    expect(f.ordersWithoutAmount).toBe(1);
    expect(f.purchaseFrequency).toBe(2);
    // The order without an amount is missing, not 0: 170 over the 3 orders with one.
    expect(f.pricedOrders).toBe(3);
    expect(f.averageOrderValue).toBeCloseTo(170 / 3, 12);
    expect(f.repeatRate.value).toBe(100);
    expect(f.lateShare.k).toBe(1);
  });

  it('retention, churn, new and lost customers against earlier periods', () => {
    const s = createBehaviourState();
    for (const id of ['a', 'b', 'x', 'n']) addOrder(s, order(id, id, 10), EXCLUDE);
    const f = behaviourFigures(
      s,
      new Map([
        ['a', { plan: 'monthly' }],
        ['b', { plan: 'annual' }],
        ['c', { plan: 'monthly' }],
        ['d', { plan: 'monthly' }],
      ]),
      new Set(['a', 'b', 'c', 'd', 'x']),
    );
    // Retention by last period's group: monthly 1 of 3 stayed, annual 1 of 1.
    expect(f.movement!.retentionBySegment.plan!.map((g) => [g.group, g.k, g.n])).toEqual([
      ['annual', 1, 1],
      ['monthly', 1, 3],
    ]);
    expect(f.movement).toMatchObject({
      previous: 4,
      retained: 2,
      new: 1,
      returning: 1,
      lost: 2,
      churn: 50,
    });
    expect(f.movement!.retention.value).toBe(50);
  });

  it('adding orders in batches of any size equals adding them one at a time, guest orders too', () => {
    const orderArb = fc.record({
      // undefined: a guest order (no customer id).
      customer: fc.constantFrom<string | undefined>('a', 'C1', 'C2', 'C30', 'b7', undefined),
      amount: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
      status: fc.constantFrom('completed', 'completed', 'cancelled', 'returned'),
      late: fc.option(fc.boolean(), { nil: undefined }),
      group: fc.constantFrom('SMB', 'Consumer', undefined),
    });
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 60 }), batchSizeArb, (list, size) => {
        const rows = list.map((o, i) => ({
          ...order(String(i), o.customer, o.amount, o.status, o.late ?? false),
          segments: { group: o.group },
          ...(o.late === undefined ? { delivered: undefined } : {}),
        }));
        const batch = new OrderBatch(size);
        const { single, batched } = singleAndBatched(rows, {
          create: createBehaviourState,
          addOne: (state, row) => addOrder(state, row, EXCLUDE),
          push: (row) => batch.push(recordOf(row)),
          addBatch: (state) => addOrderBatch(state, batch, EXCLUDE),
        });
        expect(packBehaviour(batched)).toEqual(packBehaviour(single));
      }),
    );
  });

  it('adding answers in batches of any size equals adding them one at a time', () => {
    const answerArb = fc.record({
      customer: fc.constantFrom('a', 'C1', 'C2', 'C30', 'b7'),
      recommend: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      satisfied: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(answerArb, { maxLength: 60 }), batchSizeArb, (list, size) => {
        const batch = new AnswerBatch(size);
        const { single, batched } = singleAndBatched(list, {
          create: createCustomerAnswers,
          addOne: (state, { customer, ...answer }) => addCustomerAnswer(state, customer, answer),
          push: ({ customer, recommend, satisfied }) => batch.push(customer, recommend, satisfied),
          addBatch: (state) => addAnswerBatch(state, batch),
        });
        expect(batched.index.ids).toEqual(single.index.ids);
        // Every figure of every customer (rows side by side, in the same order).
        const figures = (t: typeof single) => [...t.data.subarray(0, t.size * t.stride)];
        expect(figures(batched)).toEqual(figures(single));
      }),
    );
  });

  it('revenue at risk is the revenue of detractors among surveyed customers', () => {
    const s = createBehaviourState();
    addOrder(s, order('1', 'a', 100), EXCLUDE);
    addOrder(s, order('2', 'b', 300), EXCLUDE);
    const answers = createCustomerAnswers();
    addCustomerAnswer(answers, 'a', { recommend: 3, satisfied: false });
    addCustomerAnswer(answers, 'a', { recommend: 9, satisfied: true });
    addCustomerAnswer(answers, 'b', { recommend: 10, satisfied: true });
    addCustomerAnswer(answers, 'z', { recommend: 0 });
    const links = valueLinks(s, answers);
    expect(links.matched).toBe(3); // answers, not customers
    expect(links.revenueAtRisk).toBe(100);
    expect(links.revenueAtRiskShare).toBe(25);
    // Median revenue over the three answers is 100 (a's two answers, b's one): b is high-value.
    expect(links.highVsLowValue.a).toMatchObject({ k: 1, n: 1 });
    expect(links.highVsLowValue.b).toMatchObject({ k: 1, n: 2 });
  });

  it('splits high- and low-value customers at the median revenue over answers, whatever the data', () => {
    const customerArb = fc.record({
      revenue: fc.integer({ min: 0, max: 20 }),
      answers: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(customerArb, { minLength: 1, maxLength: 12 }), (customers) => {
        const s = createBehaviourState();
        const answers = createCustomerAnswers();
        // Orders and answers meet the customers in different orders; one customer only
        // answers and one only orders (neither is matched).
        customers.forEach((c, i) => addOrder(s, order(`o${i}`, `c${i}`, c.revenue), EXCLUDE));
        addOrder(s, order('silent', 'only-orders', 7), EXCLUDE);
        addCustomerAnswer(answers, 'only-answers', { recommend: 8, satisfied: true });
        [...customers.entries()].reverse().forEach(([i, c]) => {
          for (const satisfied of c.answers)
            addCustomerAnswer(answers, `c${i}`, { recommend: 8, satisfied });
        });
        // By definition: every answer carries its customer's revenue; the lower middle one.
        const perAnswer = customers.flatMap((c) => c.answers.map(() => c.revenue));
        const median = [...perAnswer].sort((a, b) => a - b)[
          Math.floor((perAnswer.length - 1) / 2)
        ]!;
        const count = (high: boolean) =>
          customers
            .filter((c) => c.revenue > median === high)
            .reduce((n, c) => n + c.answers.length, 0);
        const links = valueLinks(s, answers);
        expect(links.highVsLowValue.a.n).toBe(count(true));
        expect(links.highVsLowValue.b.n).toBe(count(false));
      }),
    );
  });

  it('a packed state (for moving between threads) unpacks to the same state', () => {
    const rowArb = fc.record({
      customer: fc.constantFrom('a', 'C1', 'C2', 'b7'),
      amount: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
      status: fc.constantFrom('completed', 'cancelled'),
      group: fc.constantFrom('SMB', 'Consumer', undefined),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const s = createBehaviourState();
        rows.forEach((r, i) =>
          addOrder(
            s,
            {
              ...order(`o${i}`, r.customer, r.amount),
              status: r.status,
              segments: { group: r.group },
            },
            EXCLUDE,
          ),
        );
        const back = unpackBehaviour(packBehaviour(s));
        expect(back.customers.index.ids).toEqual(s.customers.index.ids);
        expect(back.excluded).toEqual(s.excluded);
        expect(back.missingAmount).toBe(s.missingAmount);
        for (const id of s.customers.index.ids)
          expect(customerTotals(back, id)).toEqual(customerTotals(s, id));
      }),
    );
  });

  it('merging the states of any split of the orders equals one pass', () => {
    const orderArb = fc.record({
      customer: fc.constantFrom('a', 'b', 'c', 'd'),
      amount: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
      status: fc.constantFrom('completed', 'completed', 'cancelled', 'returned'),
      late: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 60 }), fc.nat(), (rows, cut) => {
        const build = (list: typeof rows) => {
          const s = createBehaviourState();
          list.forEach((r, i) =>
            addOrder(s, order(String(i), r.customer, r.amount, r.status, r.late), EXCLUDE),
          );
          return s;
        };
        const at = rows.length ? cut % rows.length : 0;
        expect(
          behaviourFigures(mergeBehaviour(build(rows.slice(0, at)), build(rows.slice(at)))),
        ).toEqual(behaviourFigures(build(rows)));
      }),
    );
  });
});

/** Each customer's group: one per customer, so a customer's segments never depend on row order. */
const GROUP: Record<string, string> = { a: 'SMB', C1: 'Consumer', C2: 'SMB', C30: 'Consumer' };

/** A row whose delivery may be unknown (late undefined), in its customer's group. */
const line = (
  orderId: string,
  customerId: string | undefined,
  amount: number | undefined,
  status: string,
  late: boolean | undefined,
): OrderRow => ({
  ...order(orderId, customerId, amount, status, late ?? false),
  ...(late === undefined ? { estimatedDelivery: undefined, delivered: undefined } : {}),
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

const figuresOf = (state: BehaviourState) => behaviourFigures(state);

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
        batchSizeArb,
        (orders, keys, size) => {
          const batch = new OrderBatch(size);
          const { single, batched } = singleAndBatched(linesOf(orders, keys), {
            create: createBehaviourState,
            addOne: (state, l) => addOrderLine(state, l, EXCLUDE),
            push: (l) => batch.push(recordOf(l)),
            addBatch: (state) => addOrderLineBatch(state, batch, EXCLUDE),
          });
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
    const { ratio, se } = ratioEstimate(withSums(state, createCustomerAnswers()).orderValue);
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
});

const ticket = (
  id: string,
  category: string,
  opened: string,
  resolved?: string,
  type = 'complaint',
): TicketRow => ({
  ticketId: id,
  customerId: `c${id}`,
  opened,
  firstResponse: opened,
  resolved,
  category,
  journeyStage: 'purchase',
  type,
});

describe('service and complaints', () => {
  it('quantileOfCounts matches numpy.percentile (linear, type 7)', () => {
    const counts = (values: number[]) =>
      values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<number, number>());
    expect(quantileOfCounts(counts([1, 2, 3, 4]), 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileOfCounts(counts([5, 1, 9, 9, 2, 7, 30, 3]), 0.5)).toBeCloseTo(6, 12);
    expect(quantileOfCounts(counts([5, 1, 9, 9, 2, 7, 30, 3]), 0.9)).toBeCloseTo(15.3, 12);
  });

  it('complaintFigures orders categories by Pareto with cumulative shares and rates per 1,000 orders', () => {
    const s = createComplaintState();
    addTicket(s, ticket('1', 'Delivery', '2026-07-01T10:00', '2026-07-01T12:00'));
    addTicket(s, ticket('2', 'Delivery', '2026-07-01T10:00', '2026-07-02T10:00'));
    addTicket(s, ticket('3', 'Billing', '2026-07-01T10:00'));
    addTicket(s, ticket('4', 'Billing', '2026-07-01T10:00', '2026-07-01T11:00', 'question'));
    const f = complaintFigures(s, 2000);
    expect(f.complaints).toBe(3);
    expect(f.tickets).toBe(4);
    expect(f.per1000Orders).toBe(1.5);
    expect(f.pareto.map((r) => [r.category, r.complaints, r.cumulativeShare])).toEqual([
      ['Delivery', 2, (100 * 2) / 3],
      ['Billing', 1, 100],
    ]);
    expect(f.resolution.median).toBe(2); // hours: 1, 2, 24 → median 2
    expect(f.resolution.unresolved).toBe(1);
  });

  it('counts a category written alike but for case and spacing once, under its most frequent spelling', () => {
    const s = createComplaintState();
    const opened = '2026-07-01T10:00';
    ['Delivery delay', 'Delivery delay', 'delivery  delay', 'DELIVERY DELAY', 'Billing', 'Billing']
      .map((category, i) => ticket(String(i), category, opened))
      .forEach((t) => addTicket(s, t));
    const { figures, spellings } = complaintsWithSums(s, 1000, createCustomerAnswers());
    expect(figures.pareto.map((r) => [r.category, r.complaints])).toEqual([
      ['Delivery delay', 4],
      ['Billing', 2],
    ]);
    expect(spellings).toEqual([
      {
        shown: 'Delivery delay',
        spellings: [
          ['Delivery delay', 2],
          ['delivery  delay', 1],
          ['DELIVERY DELAY', 1],
        ],
      },
    ]);
    // Accents written as one character or as a letter and a combining mark are one spelling.
    const accents = createComplaintState();
    ['Délai', 'Délai'.normalize('NFD'), 'délai'].forEach((c, i) =>
      addTicket(accents, ticket(String(i), c, opened)),
    );
    expect(complaintsWithSums(accents, 1000, createCustomerAnswers()).figures.pareto).toHaveLength(
      1,
    );
    // Categories that differ in more than case and spacing stay apart.
    const apart = createComplaintState();
    ['Delivery', 'Delivery delay', 'Délai'].forEach((c, i) =>
      addTicket(apart, ticket(String(i), c, opened)),
    );
    expect(complaintsWithSums(apart, 1000, createCustomerAnswers()).figures.pareto).toHaveLength(3);
  });

  it('merging complaint states equals one pass', () => {
    const a = createComplaintState();
    const b = createComplaintState();
    const all = createComplaintState();
    const tickets = [
      ticket('1', 'A', '2026-07-01T10:00', '2026-07-01T12:30'),
      ticket('2', 'B', '2026-07-01T10:00', '2026-07-03T10:00'),
      ticket('3', 'A', '2026-07-02T08:00'),
    ];
    tickets.forEach((t, i) => {
      addTicket(i < 2 ? a : b, t);
      addTicket(all, t);
    });
    expect(complaintFigures(mergeComplaints(a, b), 100)).toEqual(complaintFigures(all, 100));
  });
});

/** The default themes compiled; matchers keep no state, so every comment test shares them. */
const matchers = compileThemes(DEFAULT_THEMES);

describe('comment themes', () => {
  it('matches keywords in several languages, accents and CJK included, and counts by NPS class', () => {
    const s = createVoiceState(DEFAULT_THEMES);
    addComment(s, matchers, 'La entrega llegó tarde', 3, '1');
    addComment(s, matchers, 'Die LIEFERUNG kam spät', 5, '2');
    addComment(s, matchers, '配送が遅い', 2, '3');
    addComment(s, matchers, 'Excellent service', 10, '4');
    addComment(s, matchers, 'Le prix est trop élevé, très cher', 8, '5');
    const f = voiceFigures(s, DEFAULT_THEMES, DEFAULT_MINIMUM_BASE);
    const delivery = f.themes.find((t) => t.theme === 'delivery')!;
    expect(delivery.mentions).toBe(3);
    expect(delivery.detractors).toBe(100);
    expect(f.themes.find((t) => t.theme === 'price')!.passives).toBe(100);
    expect(f.byClass).toEqual({ promoter: 1, passive: 1, detractor: 3, unknown: 0 });
  });

  it('does not match a keyword inside another word', () => {
    const s = createVoiceState(DEFAULT_THEMES);
    addComment(s, matchers, 'The happy customer', 9, '1'); // "app" must not match "happy"
    expect(
      voiceFigures(s, DEFAULT_THEMES, DEFAULT_MINIMUM_BASE).themes.find(
        (t) => t.theme === 'digital',
      )!.mentions,
    ).toBe(0);
  });

  it('keeps only redacted text in the samples, and merging gives the same sample as one pass', () => {
    const comments = Array.from(
      { length: 20 },
      (_, i) => `Late delivery number ${i}, mail me at user${i}@example.com`,
    );
    const one = createVoiceState(DEFAULT_THEMES);
    const a = createVoiceState(DEFAULT_THEMES);
    const b = createVoiceState(DEFAULT_THEMES);
    comments.forEach((c, i) => {
      addComment(one, matchers, c, i % 11, String(i));
      addComment(i % 2 ? a : b, matchers, c, i % 11, String(i));
    });
    const merged = mergeVoice(a, b);
    expect(merged.samples.delivery).toEqual(one.samples.delivery);
    expect(one.samples.delivery!.detractor.length + one.samples.delivery!.passive.length).toBe(6);
    expect(JSON.stringify(one)).not.toContain('@example.com');
  });
});

describe('verbatim samples', () => {
  it('key each comment by FNV-1a of "<text>\\0<id>", whether the id is text or a numbered ref', () => {
    const fnv = (text: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
      return h;
    };
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8 }),
        fc.nat(4_000_000),
        fc.string(),
        (prefix, n, text) => {
          const reader = new NumberedIdReader();
          const id = `R${n}`;
          const bytes = Buffer.from(id);
          const ref = reader.refOf(bytes, 0, bytes.length);
          expect(commentKeyOfRef(ref, fnv(text))).toBe(fnv(`${text}\u0000${id}`));
          expect(commentKey(id, text)).toBe(fnv(`${text}\u0000${id}`));
          expect(commentKeyOfRef(prefix, fnv(text))).toBe(commentKey(prefix, text));
        },
      ),
    );
  });

  it('a comment repeated by many customers, in any case, accents, punctuation or spacing, is one verbatim, in any order or split', () => {
    const forms = [
      'Late delivery',
      'late delivery!',
      'LATE  DELIVERY.',
      'Late délivery',
      'Late-delivery',
    ];
    // 200 customers write one comment five ways; two others write their own.
    const comments = [
      ...Array.from({ length: 200 }, (_, i) => forms[i % forms.length]!),
      'Parcel never arrived',
      'Delivery delayed again',
    ];
    const forward = createVoiceState(DEFAULT_THEMES, 3, ['group']);
    const a = createVoiceState(DEFAULT_THEMES, 3, ['group']);
    const b = createVoiceState(DEFAULT_THEMES, 3, ['group']);
    comments.forEach((c, i) => {
      addComment(forward, matchers, c, 3, String(i), [], ['Alpha']);
      addComment(i % 3 ? a : b, matchers, c, 3, String(i), [], ['Alpha']);
    });
    const backward = createVoiceState(DEFAULT_THEMES, 3, ['group']);
    comments
      .map((c, i) => [c, i] as const)
      .reverse()
      .forEach(([c, i]) => addComment(backward, matchers, c, 3, String(i), [], ['Alpha']));
    for (const sample of [
      forward.samples.delivery!.detractor,
      forward.groups.group!.Alpha!.samples.delivery!.detractor,
    ]) {
      expect(sample.map((v) => commentForm(v.text)).sort()).toEqual([
        'delivery delayed again',
        'late delivery',
        'parcel never arrived',
      ]);
    }
    // The repeated comment is kept as the writer with the smallest key wrote it.
    const kept = forward.samples.delivery!.detractor.find((v) => v.form === 'late delivery')!;
    const first = comments
      .map((c, i) => ({ c, key: commentKey(String(i), c) }))
      .filter(({ c }) => commentForm(c) === 'late delivery')
      .sort((x, y) => x.key - y.key)[0]!;
    expect(kept.text).toBe(first.c);
    expect(backward).toEqual(forward);
    expect(mergeVoice(a, b)).toEqual(forward);
    const figures = voiceFigures(forward, DEFAULT_THEMES, { suppress: 0 });
    const delivery = figures.themes.find((t) => t.theme === 'delivery')!;
    for (const list of [delivery.verbatims, delivery.groups.group!.Alpha!]) {
      const seen = list.map((v) => commentForm(v.text));
      expect(new Set(seen).size).toBe(seen.length);
    }
  });
});

describe('verbatims chosen by the theme’s sentiment', () => {
  /** Promoters who mention a delivery problem in passing, few detractors, praise from all. */
  function state(withScores: boolean) {
    const s = createVoiceState(DEFAULT_THEMES, 3, ['group']);
    const score = (x: number) => (withScores ? x : undefined);
    for (let i = 0; i < 60; i++) {
      const group = i % 2 ? ['Alpha'] : ['Beta'];
      addComment(s, matchers, `Excellent, delivery ${i} a bit late`, score(10), `p${i}`, [], group);
      addComment(s, matchers, `Great service, thank you (${i})`, score(9), `q${i}`, [], group);
      addComment(
        s,
        matchers,
        `Excellent service from the team ${i}`,
        score(i % 2 ? 3 : 10),
        `r${i}`,
        [],
        group,
      );
      if (i < 4) addComment(s, matchers, `Parcel ${i} never arrived`, score(2), `d${i}`, [], group);
      // Detractors who praise while they mention a delivery: praise, no quote for the problem.
      if (i < 60)
        addComment(
          s,
          matchers,
          `Great quality, parcel ${i} a bit late`,
          score(1),
          `g${i}`,
          [],
          group,
        );
      if (i < 4)
        addComment(s, matchers, `Delivery ${i} was late again`, score(8), `m${i}`, [], group);
    }
    return voiceFigures(s, DEFAULT_THEMES, { suppress: 30 });
  }

  it('a problem theme shows detractors’ comments, then passives’, never promoters’; praise shows promoters’', () => {
    const figures = state(true);
    const delivery = figures.themes.find((t) => t.theme === 'delivery')!;
    const praise = figures.themes.find((t) => t.theme === 'praise')!;
    expect(delivery.promoters).toBeGreaterThan(0); // promoters mention it too
    expect(delivery.verbatims.map((v) => v.npsClass)).toEqual([
      'detractor',
      'detractor',
      'detractor',
    ]);
    expect(delivery.verbatims.every((v) => v.text.includes('never arrived'))).toBe(true);
    expect(praise.verbatims.length).toBe(3);
    expect(praise.verbatims.every((v) => v.npsClass === 'promoter')).toBe(true);
    for (const group of ['Alpha', 'Beta']) {
      const own = delivery.groups.group![group]!;
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((v) => v.npsClass === 'detractor' || v.npsClass === 'passive')).toBe(true);
      // Detractors first: passives only fill what detractors leave.
      const classes = own.map((v) => v.npsClass);
      expect(classes).toEqual([...classes].sort());
      expect(praise.groups.group![group]!.every((v) => v.npsClass === 'promoter')).toBe(true);
    }
  });

  it('without a recommend question, the unscored comments illustrate every theme', () => {
    const figures = state(false);
    const delivery = figures.themes.find((t) => t.theme === 'delivery')!;
    expect(delivery.verbatims.length).toBe(3);
    expect(delivery.verbatims.every((v) => v.npsClass === 'unknown')).toBe(true);
  });

  it('a group under the minimum base of comments shows no verbatim', () => {
    const s = createVoiceState(DEFAULT_THEMES, 3, ['group']);
    for (let i = 0; i < 40; i++)
      addComment(s, matchers, `Parcel ${i} late`, 2, `d${i}`, [], [i < 35 ? 'Alpha' : 'Beta']);
    const delivery = voiceFigures(s, DEFAULT_THEMES, { suppress: 30 }).themes.find(
      (t) => t.theme === 'delivery',
    )!;
    expect(delivery.groups.group!.Alpha!.length).toBe(3);
    expect(delivery.groups.group!.Beta).toEqual([]);
  });
});

describe('CommentReader (the fast path) against addComment (plain)', () => {
  it('gives the state addComment gives, whatever the ids, repeats, spaces, scores and groups', () => {
    const texts = [
      'Late delivery',
      '  late delivery  ',
      'LATE delivery!!',
      'Great service, call me on +44 20 7946 0958',
      'Too expensive',
      'app crashes',
      '',
      'Entrega tardía',
      '配送が遅い',
      'Fast delivery, but the app crashed',
      'Livré sans retard, mail jane.doe at example dot com',
      '这个评价格外真实',
      '快递太慢了，不推荐',
      'N/A',
    ];
    const commentArb = fc.record({
      text: fc.oneof(fc.constantFrom(...texts), fc.string({ maxLength: 12 })),
      recommend: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      id: fc.nat(5000),
      numbered: fc.boolean(),
      levels: fc.tuple(
        fc.constantFrom('Alpha', 'Beta', undefined),
        fc.constantFrom('North', 'South', undefined),
      ),
    });
    fc.assert(
      fc.property(fc.array(commentArb, { maxLength: 50 }), (comments) => {
        const plain = createVoiceState(DEFAULT_THEMES, 2, ['group', 'region']);
        const fast = createVoiceState(DEFAULT_THEMES, 2, ['group', 'region']);
        const reader = new CommentReader(fast, matchers);
        const ids = new NumberedIdReader();
        for (const c of comments) {
          const text = c.numbered ? `R${c.id}` : `id-${c.id}`;
          const bytes = Buffer.from(text);
          const ref = c.numbered ? ids.refOf(bytes, 0, bytes.length) : text;
          addComment(plain, matchers, c.text, c.recommend, text, [], c.levels);
          reader.add(c.text, c.recommend, ref, c.levels);
        }
        reader.finish();
        expect(fast).toEqual(plain);
      }),
      { numRuns: 200 },
    );
  });
});
