/**
 * Behaviour and value from orders: a one-pass reducer keyed by customer (the group here is the
 * customer, so memory grows with customers, not orders), merged exactly across files.
 * Cancelled and returned orders are excluded from orders and revenue as the manifest declares,
 * and counted separately.
 */
import { IdMap } from './id-map.ts';
import type { OrderRow } from '../schemas/row-types.ts';
import { twoProportionTest } from './change.ts';
import { wilson } from './wilson.ts';
import {
  addProportion,
  createGroupedProportion,
  groupedProportions,
  type GroupShare,
  type GroupedProportionState,
} from './grouped-proportion.ts';

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
  customers: Map<string, CustomerTotals>;
  /** Orders excluded by status, by status. */
  excluded: Record<string, number>;
  /** Orders without an amount (missing, never 0). */
  missingAmount: number;
}

export function createBehaviourState(): BehaviourState {
  return { customers: new IdMap(), excluded: {}, missingAmount: 0 };
}

/** Adds one order (mutates). `excludeStatuses` are not revenue (e.g. cancelled, returned). */
export function addOrder(
  state: BehaviourState,
  order: OrderRow,
  excludeStatuses: readonly string[],
): BehaviourState {
  if (excludeStatuses.includes(order.status)) {
    state.excluded[order.status] = (state.excluded[order.status] ?? 0) + 1;
    return state;
  }
  let totals = state.customers.get(order.customerId);
  if (!totals) {
    totals = { orders: 0, revenue: 0, late: 0, delivered: 0, segments: order.segments };
    state.customers.set(order.customerId, totals);
  }
  totals.orders += 1;
  if (order.amount === undefined) state.missingAmount += 1;
  else totals.revenue += order.amount;
  if (order.delivered && order.estimatedDelivery) {
    totals.delivered += 1;
    if (order.delivered > order.estimatedDelivery) totals.late += 1;
  }
  return state;
}

/** Combines two states exactly (a customer's orders may sit in both). */
export function mergeBehaviour(a: BehaviourState, b: BehaviourState): BehaviourState {
  const customers = new IdMap<CustomerTotals>();
  for (const [id, t] of a.customers) customers.set(id, { ...t });
  for (const [id, t] of b.customers) {
    const existing = customers.get(id);
    if (!existing) customers.set(id, { ...t });
    else {
      existing.orders += t.orders;
      existing.revenue += t.revenue;
      existing.late += t.late;
      existing.delivered += t.delivered;
    }
  }
  const excluded = { ...a.excluded };
  for (const [status, n] of Object.entries(b.excluded))
    excluded[status] = (excluded[status] ?? 0) + n;
  return { customers, excluded, missingAmount: a.missingAmount + b.missingAmount };
}

/**
 * The behaviour state as flat columns, for moving it between threads: the typed arrays are
 * transferred rather than copied, and a quarter of a million small objects need not be
 * serialised and rebuilt one by one.
 */
export interface PackedBehaviour {
  ids: string[];
  orders: Float64Array;
  revenue: Float64Array;
  late: Float64Array;
  delivered: Float64Array;
  /** Dimension → each customer's level. */
  segments: Record<string, Array<string | undefined>>;
  excluded: Record<string, number>;
  missingAmount: number;
}

export function packBehaviour(state: BehaviourState): PackedBehaviour {
  const n = state.customers.size;
  const packed: PackedBehaviour = {
    ids: new Array<string>(n),
    orders: new Float64Array(n),
    revenue: new Float64Array(n),
    late: new Float64Array(n),
    delivered: new Float64Array(n),
    segments: {},
    excluded: { ...state.excluded },
    missingAmount: state.missingAmount,
  };
  let i = 0;
  for (const [id, t] of state.customers) {
    packed.ids[i] = id;
    packed.orders[i] = t.orders;
    packed.revenue[i] = t.revenue;
    packed.late[i] = t.late;
    packed.delivered[i] = t.delivered;
    for (const dimension in t.segments) {
      const column = (packed.segments[dimension] ??= new Array<string | undefined>(n));
      column[i] = t.segments[dimension];
    }
    i += 1;
  }
  return packed;
}

export function unpackBehaviour(packed: PackedBehaviour): BehaviourState {
  const customers = new IdMap<CustomerTotals>();
  const dimensions = Object.keys(packed.segments);
  packed.ids.forEach((id, i) => {
    const segments: Record<string, string | undefined> = {};
    for (const d of dimensions) segments[d] = packed.segments[d]![i];
    customers.set(id, {
      orders: packed.orders[i]!,
      revenue: packed.revenue[i]!,
      late: packed.late[i]!,
      delivered: packed.delivered[i]!,
      segments,
    });
  });
  return { customers, excluded: packed.excluded, missingAmount: packed.missingAmount };
}

/** The buffers of a packed state, to hand to postMessage as its transfer list. */
export function packedBuffers(packed: PackedBehaviour): ArrayBuffer[] {
  return [packed.orders, packed.revenue, packed.late, packed.delivered].map(
    (a) => a.buffer as ArrayBuffer,
  );
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
  let orders = 0;
  let revenue = 0;
  let repeat = 0;
  let late = 0;
  let delivered = 0;
  for (const t of state.customers.values()) {
    orders += t.orders;
    revenue += t.revenue;
    if (t.orders >= 2) repeat += 1;
    late += t.late;
    delivered += t.delivered;
  }
  const active = state.customers.size;
  let movement: CustomerMovement | null = null;
  if (previousActive && everSeen) {
    let retained = 0;
    let fresh = 0;
    for (const id of state.customers.keys()) {
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
        addProportion(grouped, level, state.customers.has(id));
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
 * One customer's answers folded into counts: what the joins need, in a few numbers per
 * customer instead of an object per answer.
 */
export interface CustomerAnswers {
  /** Survey answers from this customer. */
  answers: number;
  /** Answers with overall satisfaction given, and of those, in the top boxes. */
  satisfactionAnswers: number;
  satisfied: number;
  /** At least one answer was a detractor's (recommend 0–6). */
  detractor: boolean;
}

/** Adds one answer to a customer's counts (mutates; creates them when absent). */
export function addCustomerAnswer(
  map: Map<string, CustomerAnswers>,
  customerId: string,
  answer: CustomerAnswer,
): void {
  let counts = map.get(customerId);
  if (!counts) {
    counts = { answers: 0, satisfactionAnswers: 0, satisfied: 0, detractor: false };
    map.set(customerId, counts);
  }
  counts.answers += 1;
  if (answer.satisfied !== undefined) {
    counts.satisfactionAnswers += 1;
    if (answer.satisfied) counts.satisfied += 1;
  }
  if (answer.recommend !== undefined && answer.recommend <= 6) counts.detractor = true;
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
export function valueLinks(
  state: BehaviourState,
  answers: ReadonlyMap<string, CustomerAnswers>,
): ValueLinks {
  const matched: Array<{
    answers: number;
    satisfied: number;
    satisfactionAnswers: number;
    revenue: number;
    late: boolean;
    delivered: number;
  }> = [];
  let revenue = 0;
  let atRisk = 0;
  let rows = 0;
  for (const [id, a] of answers) {
    const t = state.customers.get(id);
    if (!t) continue;
    revenue += t.revenue;
    if (a.detractor) atRisk += t.revenue;
    rows += a.answers;
    matched.push({
      answers: a.answers,
      satisfied: a.satisfied,
      satisfactionAnswers: a.satisfactionAnswers,
      revenue: t.revenue,
      late: t.late > 0,
      delivered: t.delivered,
    });
  }
  // Median revenue over answers (a customer who answered twice counts twice): the lower
  // middle of every answer's revenue, sorted as numbers.
  const perAnswer = new Float64Array(rows);
  let at = 0;
  for (const m of matched) perAnswer.fill(m.revenue, at, (at += m.answers));
  const median = rows > 0 ? perAnswer.sort()[Math.floor((rows - 1) / 2)]! : 0;
  const csat = (group: typeof matched) =>
    share(
      group.reduce((k, m) => k + m.satisfied, 0),
      group.reduce((n, m) => n + m.satisfactionAnswers, 0),
    );
  return {
    matched: rows,
    revenueAtRisk: atRisk,
    revenueAtRiskShare: revenue > 0 ? (100 * atRisk) / revenue : null,
    highVsLowValue: compareShares(
      ['High-value customers', 'Low-value customers'],
      csat(matched.filter((m) => m.revenue > median)),
      csat(matched.filter((m) => m.revenue <= median)),
    ),
    lateVsOnTime: compareShares(
      ['Had a late delivery', 'Deliveries on time'],
      csat(matched.filter((m) => m.late)),
      csat(matched.filter((m) => !m.late && m.delivered > 0)),
    ),
  };
}
