/**
 * Behaviour and value figures from the behaviour state: active customers, orders, revenue,
 * frequency, order value, repeat rate, late deliveries, the customer-base movement against
 * earlier periods, and the joins with the survey (revenue at risk, CSAT of high- vs low-value
 * customers and after a late delivery). Beside the figures, the sums the registry's estimates
 * need (moments over customers, ratio totals).
 */
import type { BehaviourFigures, GroupComparison, Share } from '../contracts/figures-schema.ts';
import type { MetricSources } from '../metrics/registry/index.ts';
import type { BehaviourState, CustomerAnswers } from '../reducing/behaviour-state.ts';
import {
  addProportion,
  createGroupedProportion,
  type GroupedProportionState,
} from '../reducing/grouped-proportion.ts';
import type { Moments } from '../statistics/mean-interval.ts';
import type { RatioSums } from '../statistics/ratio-estimate.ts';
import { selectKthWeighted } from '../statistics/select-kth.ts';
import { DELIVERY_TIMING } from '../contracts/order-groups.ts';
import { deliveryTimingIndex } from '../reducing/order-groups.ts';
import { twoProportionTest } from '../statistics/two-proportion-test.ts';
import { wilson } from '../statistics/wilson.ts';
import { DEFAULT_MINIMUM_BASE, type MinimumBase } from '../metrics/estimate.ts';
import { groupedProportions } from './grouped-shares.ts';

export type { Share, GroupComparison };

/** Customers active in a period, with the groups of their first order. */
export type ActiveCustomers = ReadonlyMap<string, Readonly<Record<string, string | undefined>>>;

/** k of n as a percentage with its Wilson interval (null values when n is 0). */
export function share(k: number, n: number): Share {
  if (n === 0) return { k, n, value: null, lower: null, upper: null };
  const [lower, upper] = wilson(k, n);
  return { k, n, value: (100 * k) / n, lower: 100 * lower, upper: 100 * upper };
}

/** A share with its value and interval blanked when its base is below the minimum (n kept). */
export function suppressShare(s: Share, rule: MinimumBase): Share {
  return s.n < rule.suppress ? { ...s, value: null, lower: null, upper: null } : s;
}

/**
 * Two shares side by side with the pooled two-proportion z-test of their difference; a share
 * on a base below the minimum is shown as its n only, and then nothing is tested.
 */
export function compareShares(
  label: [string, string],
  a: Share,
  b: Share,
  rule: MinimumBase = DEFAULT_MINIMUM_BASE,
): GroupComparison {
  const [sa, sb] = [suppressShare(a, rule), suppressShare(b, rule)];
  if (sa.value === null || sb.value === null)
    return { label, a: sa, b: sb, delta: null, z: null, p: null };
  const t = twoProportionTest(a.k, a.n, b.k, b.n);
  return { label, a: sa, b: sb, delta: sa.value - sb.value, z: t.z, p: t.p };
}

/** Unweighted moments of n values from their sum and sum of squares. */
function unweighted(n: number, sum: number, sumSq: number): Moments {
  return { n, sumW: n, sumW2: n, sumWX: sum, sumWX2: sumSq };
}

/**
 * Behaviour figures and the registry's sums; with the previous period's active customers and
 * everyone seen before, also the customer-base movement. Guest orders count toward orders,
 * revenue, order value and late deliveries, never toward a figure per customer.
 */
export function behaviourFigures(
  state: BehaviourState,
  answers: CustomerAnswers,
  previousActive?: ActiveCustomers,
  everSeen?: ReadonlySet<string>,
  rule: MinimumBase = DEFAULT_MINIMUM_BASE,
): NonNullable<MetricSources['behaviour']> {
  if (state.lines !== null)
    throw new Error('behaviourFigures requires finished order lines (finishOrderLines)');
  const active = state.customers.size;
  // Read in place: a customer's figures sit side by side.
  const { data, stride, at } = state.customers;
  let orders = 0;
  let priced = 0;
  let revenue = 0;
  let repeat = 0;
  let late = 0;
  let delivered = 0;
  // Sums over customers for the registry's estimates: Σ orders², Σ revenue², and over the
  // customers with a priced order, the ratio sums of (priced orders, revenue).
  let ordersSq = 0;
  let revenueSq = 0;
  let pricedCustomers = 0;
  let pricedSq = 0;
  let pricedRevenue = 0;
  for (let base = 0; base < active * stride; base += stride) {
    const customerOrders = data[base + at.orders]!;
    const customerPriced = data[base + at.priced]!;
    const customerRevenue = data[base + at.revenue]!;
    orders += customerOrders;
    priced += customerPriced;
    revenue += customerRevenue;
    if (customerOrders >= 2) repeat += 1;
    late += data[base + at.late]!;
    delivered += data[base + at.delivered]!;
    ordersSq += customerOrders * customerOrders;
    revenueSq += customerRevenue * customerRevenue;
    if (customerPriced > 0) {
      pricedCustomers += 1;
      pricedSq += customerPriced * customerPriced;
      pricedRevenue += customerPriced * customerRevenue;
    }
  }
  const ordersPerCustomer = unweighted(active, orders, ordersSq);
  const revenuePerCustomer = unweighted(active, revenue, revenueSq);
  // Customers without a priced order have x = y = 0: they add nothing but their count. A guest
  // order's customer is unknown, so each priced one is a unit of its own (x = 1, y = amount).
  const guests = state.guests;
  const orderValue: RatioSums = {
    n: pricedCustomers + guests.priced,
    sumX: priced + guests.priced,
    sumY: revenue + guests.revenue,
    sumXX: pricedSq + guests.priced,
    sumYY: revenueSq + guests.revenueSq,
    sumXY: pricedRevenue + guests.revenue,
  };
  const allOrders = orders + guests.orders;
  const allPriced = priced + guests.priced;
  const allRevenue = revenue + guests.revenue;
  let movement: BehaviourFigures['movement'] = null;
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
    const retentionBySegment: Record<string, ReturnType<typeof groupedProportions>['groups']> = {};
    for (const [dimension, grouped] of bySegment)
      retentionBySegment[dimension] = groupedProportions(grouped).groups;
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
  const links = valueLinks(state, answers, rule);
  return {
    figures: {
      activeCustomers: active,
      orders: allOrders,
      // Only where there are guests, so other figures files stay as they were.
      ...(guests.orders > 0 ? { guestOrders: guests.orders, guestRevenue: guests.revenue } : {}),
      pricedOrders: allPriced,
      revenue: allRevenue,
      excludedOrders: state.excluded,
      ordersWithoutAmount: state.missingAmount,
      // Per customer: a guest order belongs to no customer.
      purchaseFrequency: active > 0 ? orders / active : null,
      averageOrderValue: allPriced > 0 ? allRevenue / allPriced : null,
      revenuePerCustomer: active > 0 ? revenue / active : null,
      repeatRate: share(repeat, active),
      lateShare: share(late + guests.late, delivered + guests.delivered),
      movement,
      links: links.figures,
    },
    ordersPerCustomer,
    revenuePerCustomer,
    orderValue,
    revenueAtRisk: links.revenueAtRisk,
  };
}

/**
 * Joins survey answers with behaviour by customer id. Comparisons count answers (a customer
 * who answered twice counts twice, as rows); revenue at risk counts each customer once, when
 * any of their answers is a detractor's.
 */
function valueLinks(
  state: BehaviourState,
  answers: CustomerAnswers,
  rule: MinimumBase,
): { figures: BehaviourFigures['links']; revenueAtRisk: RatioSums } {
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
  // Revenue at risk as a ratio over matched customers: x = revenue, y = revenue if a detractor
  // (so y² = xy).
  const risk = { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 };
  let rows = 0;
  for (let i = 0; i < count; i++) {
    if (joined[i * 4 + ORDERED] === 0) continue;
    const customerRevenue = joined[i * 4 + REVENUE]!;
    const customerAnswers = answerData[i * stride + at.answers]!;
    const square = customerRevenue * customerRevenue;
    risk.sumX += customerRevenue;
    risk.sumXX += square;
    if (answerData[i * stride + at.detractor] === 1) {
      risk.sumY += customerRevenue;
      risk.sumYY += square;
    }
    rows += customerAnswers;
    matchedRevenue[risk.n] = customerRevenue;
    matchedAnswers[risk.n++] = customerAnswers;
  }
  risk.sumXY = risk.sumYY;
  const matched = risk.n;
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
    const group = deliveryTimingIndex(joined[i * 4 + LATE_ORDERS]!, joined[i * 4 + DELIVERED]!);
    if (group < 0) continue;
    const timing = group === 0 ? LATE : ON_TIME;
    k[timing]! += satisfied;
    n[timing]! += asked;
  }
  const csat = (group: number) => share(k[group]!, n[group]!);
  return {
    figures: {
      matched: rows,
      revenueAtRisk: risk.sumY,
      revenueAtRiskShare: risk.sumX > 0 ? (100 * risk.sumY) / risk.sumX : null,
      highVsLowValue: compareShares(
        ['High-value customers', 'Low-value customers'],
        csat(HIGH),
        csat(LOW),
        rule,
      ),
      lateVsOnTime: compareShares(
        [DELIVERY_TIMING.levels[0]!, DELIVERY_TIMING.levels[1]!],
        csat(LATE),
        csat(ON_TIME),
        rule,
      ),
    },
    revenueAtRisk: risk,
  };
}

/**
 * The customers active in a period, with the groups of their first order: a read-only view over
 * the state's customer index, so a quarter of a million customers cost no Map of their own (an
 * id's text is made only when the view is iterated). The state must not change afterwards: the
 * figures stage is its last reader.
 */
export function activeCustomersOf(state: BehaviourState): ActiveCustomers {
  return new ActiveCustomerView(state);
}

type Segments = Readonly<Record<string, string | undefined>>;

/** ActiveCustomers over a behaviour state's customers, in the order they were first met. */
class ActiveCustomerView implements ActiveCustomers {
  private readonly state: BehaviourState;

  constructor(state: BehaviourState) {
    this.state = state;
  }

  get size(): number {
    return this.state.customers.size;
  }

  has(id: string): boolean {
    return this.state.customers.find(id) >= 0;
  }

  get(id: string): Segments | undefined {
    const row = this.state.customers.find(id);
    return row < 0 ? undefined : this.state.segments[row];
  }

  *entries(): MapIterator<[string, Segments]> {
    const { segments } = this.state;
    let row = 0;
    for (const id of this.state.customers.index.idsInOrder()) yield [id, segments[row++]!];
  }

  *keys(): MapIterator<string> {
    yield* this.state.customers.index.idsInOrder();
  }

  *values(): MapIterator<Segments> {
    const { segments } = this.state;
    for (let row = 0; row < this.size; row++) yield segments[row]!;
  }

  [Symbol.iterator](): MapIterator<[string, Segments]> {
    return this.entries();
  }

  forEach(callback: (value: Segments, key: string, map: ActiveCustomers) => void): void {
    for (const [id, segments] of this.entries()) callback(segments, id, this);
  }
}
