/**
 * Deterministic demo data: eight quarterly snapshots of a fictional retailer, written as real
 * exports would be (their own headers and labels, mapped by each manifest). The simulation keeps
 * a customer base across quarters (joins, repeat purchases, churn that depends on satisfaction),
 * draws survey respondents from each quarter's active customers, and plants the structure the
 * reports must find: an upward trend, a significant decline of the SMB group in the latest
 * quarter (service quality and reliability), component drivers of different strength, late
 * deliveries that lower satisfaction, and a skewed complaint mix. Same seed, same bytes.
 */
import type { ManifestInput } from '../contracts/manifest-schema.ts';
import { COMPONENT_LABELS } from '../contracts/questionnaire.ts';
import comments from './demo-comments.json' with { type: 'json' };

export interface DemoOptions {
  seed: number;
  /** Number of quarters ending with 2026-Q3. */
  quarters: number;
  /** Multiplies customer counts (1 = the committed demo). */
  scale: number;
}

export const DEFAULT_DEMO: DemoOptions = { seed: 20261124, quarters: 8, scale: 1 };

export interface DemoSnapshot {
  id: string;
  files: Record<string, string>;
}

/** mulberry32: small, fast and good enough for simulation; no Math.random anywhere. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  const pick = <T>(items: readonly T[], weights?: readonly number[]): T => {
    if (!weights) return items[Math.floor(next() * items.length)]!;
    const total = weights.reduce((a, b) => a + b, 0);
    let r = next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  };
  const poisson = (lambda: number) => {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = next();
    while (p > limit) {
      k += 1;
      p *= next();
    }
    return k;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, normal, pick, poisson, int };
}
type Random = ReturnType<typeof createRandom>;

const GROUPS = ['Consumer', 'SMB', 'Enterprise', 'Public sector'] as const;
type Group = (typeof GROUPS)[number];
const GROUP_SHARE = [0.72, 0.2, 0.055, 0.025];
const REGIONS = ['North', 'South', 'East', 'West'] as const;
const REGION_SHARE = [0.36, 0.3, 0.2, 0.14];
/**
 * How each group buys and answers: orders per active customer per quarter, mean order value,
 * the share of its active customers invited, and the share of invitees who answer.
 */
const GROUP_PROFILE: Record<
  Group,
  { orderRate: number; orderValue: number; inviteShare: number; responseRate: number }
> = {
  Consumer: { orderRate: 1.3, orderValue: 62, inviteShare: 0.62, responseRate: 0.5 },
  SMB: { orderRate: 2.4, orderValue: 310, inviteShare: 0.8, responseRate: 0.52 },
  Enterprise: { orderRate: 3.8, orderValue: 1450, inviteShare: 0.9, responseRate: 0.6 },
  'Public sector': { orderRate: 2.6, orderValue: 820, inviteShare: 0.8, responseRate: 0.55 },
};
/** Regions answer at different rates too, so the sample mix differs from the population. */
const REGION_RESPONSE: Record<string, number> = { North: 1.1, South: 1.0, East: 0.85, West: 0.75 };
/** How strongly each component drives overall satisfaction (the drivers the reports must find). */
const DRIVER_WEIGHTS = {
  service: 0.42,
  product: 0.3,
  reliability: 0.2,
  value: 0.1,
  emotional: 0.05,
};

interface Customer {
  id: string;
  group: Group;
  region: string;
  /** Stable attitude, standard normal. */
  affinity: number;
  joined: number;
  churned: boolean;
  /** Latent satisfaction of the last answer or experience, for churn. */
  mood: number;
}

interface Quarter {
  id: string;
  label: string;
  start: string;
  end: string;
  year: number;
  q: number;
}

function quartersEndingAt2026Q3(n: number): Quarter[] {
  const list: Quarter[] = [];
  let year = 2026;
  let q = 3;
  for (let i = 0; i < n; i++) {
    const startMonth = (q - 1) * 3 + 1;
    const endMonth = startMonth + 2;
    const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
    list.unshift({
      id: `${year}-Q${q}`,
      label: `Q${q} ${year}`,
      start: `${year}-${pad(startMonth)}-01`,
      end: `${year}-${pad(endMonth)}-${pad(lastDay)}`,
      year,
      q,
    });
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return list;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function dayInQuarter(rand: Random, quarter: Quarter): string {
  const start = new Date(`${quarter.start}T00:00:00Z`).getTime();
  const end = new Date(`${quarter.end}T00:00:00Z`).getTime();
  const days = Math.round((end - start) / 86_400_000);
  return addDays(quarter.start, rand.int(0, days));
}

/** A latent value → a point on a 1..points scale, by normal thresholds centred on `centre`. */
function toScale(latent: number, points: number, centre: number, spread: number): number {
  const position = (latent - centre) / spread;
  const cdf = 0.5 * (1 + Math.tanh(position * 0.8));
  return Math.min(points, Math.max(1, 1 + Math.floor(cdf * points)));
}

/** RFC 4180 field. */
function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | undefined>>,
): string {
  return `${[header.map(csvField).join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n')}\n`;
}

const SAT_LABELS = ['Very dissatisfied', 'Dissatisfied', 'Neither', 'Satisfied', 'Very satisfied'];
const COMPETITOR_LABELS = { better: 'Better', same: 'About the same', worse: 'Worse' } as const;
const STAGE_LABELS = {
  'pre-purchase': 'Before purchase',
  purchase: 'Purchase',
  'after-sales': 'After sales',
} as const;

type Topic = 'delivery' | 'service' | 'product' | 'price' | 'praise' | 'app';
// Comments per language and topic are data: a file of their own, edited without touching the
// simulation; the type holds every language to every topic.
const COMMENTS: Record<string, Record<Topic, string[]>> = comments;
const LANGUAGES = ['en', 'es', 'de', 'fr', 'ja'] as const;
const LANGUAGE_SHARE = [0.7, 0.1, 0.08, 0.06, 0.06];

const CATEGORIES = [
  'Delivery delay',
  'Damaged item',
  'Billing error',
  'Product defect',
  'Returns & refunds',
  'Website / app',
  'Other',
];
const CATEGORY_SHARE = [0.34, 0.16, 0.14, 0.12, 0.1, 0.08, 0.06];
const CATEGORY_STAGE: Record<string, keyof typeof STAGE_LABELS> = {
  'Delivery delay': 'purchase',
  'Damaged item': 'after-sales',
  'Billing error': 'purchase',
  'Product defect': 'after-sales',
  'Returns & refunds': 'after-sales',
  'Website / app': 'pre-purchase',
  Other: 'pre-purchase',
};

/**
 * Each export's headers, by the manifest field they map to: the manifest's columns and the CSV's
 * header row both come from here, and a table's rows are written in the same order.
 */
const SURVEY_COLUMNS = {
  response_id: 'Response ID',
  customer_id: 'Customer ID',
  date: 'Submitted',
  customer_group: 'Customer group',
  region: 'Region',
  recommend: 'How likely are you to recommend us to a friend or colleague? (0-10)',
  satisfaction: 'Overall satisfaction',
  effort: 'Ease of getting what you needed (1-7)',
  // The export heads each component's column with the component's own name.
  ...COMPONENT_LABELS,
  competitor: 'Compared with our main competitor',
  journey_stage: 'Journey stage',
  comment: 'Comment',
};
const ORDER_COLUMNS = {
  order_id: 'Order ID',
  customer_id: 'Customer ID',
  customer_group: 'Customer group',
  date: 'Order date',
  amount: 'Order value',
  status: 'Status',
  estimated_delivery: 'Estimated delivery',
  delivered: 'Delivered',
};
const TICKET_COLUMNS = {
  ticket_id: 'Ticket ID',
  customer_id: 'Customer ID',
  order_id: 'Order ID',
  opened: 'Opened',
  first_response: 'First response',
  resolved: 'Resolved',
  category: 'Category',
  journey_stage: 'Journey stage',
  type: 'Type',
};

/** The manifest's values mapping for labels the export writes: each label back to its value. */
function valuesOf(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([value, label]) => [label, value]));
}

/** Generates every snapshot in memory (the CLI writes them). */
export function generateDemo(options: DemoOptions = DEFAULT_DEMO): DemoSnapshot[] {
  const rand = createRandom(options.seed);
  const quarters = quartersEndingAt2026Q3(options.quarters);
  const customers: Customer[] = [];
  let nextCustomer = 1;
  const newCustomer = (joined: number): Customer => {
    const group = rand.pick(GROUPS, GROUP_SHARE);
    const customer: Customer = {
      id: `C${String(nextCustomer++).padStart(6, '0')}`,
      group,
      region: rand.pick(REGIONS, REGION_SHARE),
      affinity: rand.normal(),
      joined,
      churned: false,
      mood: 0,
    };
    customers.push(customer);
    return customer;
  };
  const baseCustomers = Math.round(5200 * options.scale);
  for (let i = 0; i < baseCustomers; i++) newCustomer(0);

  let orderSeq = 1;
  let ticketSeq = 1;
  let responseSeq = 1;
  return quarters.map((quarter, qi) => {
    const latest = qi === quarters.length - 1;
    // Customer base movement: churn depends on last quarter's mood, new customers join.
    if (qi > 0) {
      for (const c of customers) {
        if (c.churned) continue;
        const churn = 0.07 + (c.mood < -0.6 ? 0.1 : 0) + (c.group === 'Consumer' ? 0.03 : 0);
        if (rand.next() < churn) c.churned = true;
      }
      const joining = Math.round((420 + qi * 25) * options.scale);
      for (let i = 0; i < joining; i++) newCustomer(qi);
    }
    const trend = 0.035 * qi;
    const smbDrop = (group: Group) => (latest && group === 'SMB' ? 1 : 0);

    // Orders ------------------------------------------------------------------------------
    const orderRows: Array<Array<string | number | undefined>> = [];
    const lastOrder = new Map<string, { id: string; late: boolean; date: string }>();
    const active: Customer[] = [];
    for (const c of customers) {
      if (c.churned) continue;
      const n = rand.poisson(GROUP_PROFILE[c.group].orderRate);
      if (n === 0) continue;
      active.push(c);
      for (let k = 0; k < n; k++) {
        const date = dayInQuarter(rand, quarter);
        const orderId = `O${String(orderSeq++).padStart(7, '0')}`;
        const value = GROUP_PROFILE[c.group].orderValue * Math.exp(0.5 * rand.normal() - 0.125);
        const status = rand.pick(['completed', 'cancelled', 'returned'], [0.93, 0.04, 0.03]);
        const estimated = addDays(date, rand.int(2, 5));
        const lateChance = 0.08 + (smbDrop(c.group) ? 0.1 : 0);
        const late = status !== 'cancelled' && rand.next() < lateChance;
        const delivered =
          status === 'cancelled'
            ? undefined
            : addDays(estimated, late ? rand.int(1, 6) : -rand.int(0, 1));
        orderRows.push([
          orderId,
          c.id,
          c.group,
          date,
          value.toFixed(2),
          status,
          estimated,
          delivered,
        ]);
        lastOrder.set(c.id, { id: orderId, late, date });
      }
    }

    // Survey ------------------------------------------------------------------------------
    const surveyRows: Array<Array<string | number | undefined>> = [];
    const invitations = new Map<string, number>();
    const population = new Map<string, number>();
    for (const c of active) {
      population.set(c.group, (population.get(c.group) ?? 0) + 1);
      population.set(c.region, (population.get(c.region) ?? 0) + 1);
      if (rand.next() >= GROUP_PROFILE[c.group].inviteShare) continue;
      invitations.set(c.group, (invitations.get(c.group) ?? 0) + 1);
      invitations.set(c.region, (invitations.get(c.region) ?? 0) + 1);
      if (rand.next() >= GROUP_PROFILE[c.group].responseRate * REGION_RESPONSE[c.region]!) continue;
      const order = lastOrder.get(c.id);
      const late = order?.late ?? false;
      const base = 0.55 * c.affinity + trend;
      const drop = smbDrop(c.group);
      const component = {
        product: base + 0.2 + 0.8 * rand.normal(),
        service: base - 0.42 * drop + 0.85 * rand.normal() - (late ? 0.3 : 0),
        reliability: base - 0.38 * drop + 0.85 * rand.normal() - (late ? 0.7 : 0),
        value: base - 0.15 + 0.9 * rand.normal(),
        emotional: base - 0.1 + 0.9 * rand.normal(),
      };
      const satisfactionLatent =
        DRIVER_WEIGHTS.service * component.service +
        DRIVER_WEIGHTS.product * component.product +
        DRIVER_WEIGHTS.reliability * component.reliability +
        DRIVER_WEIGHTS.value * component.value +
        DRIVER_WEIGHTS.emotional * component.emotional +
        0.35 * rand.normal() -
        (late ? 0.35 : 0);
      c.mood = satisfactionLatent;
      const maybe = (value: number | string, missing = 0.04) =>
        rand.next() < missing ? '' : value;
      const sat = toScale(satisfactionLatent, 5, -0.35, 0.55);
      const recommend = Math.min(
        10,
        Math.max(0, Math.round(7.2 + 2.4 * satisfactionLatent + 1.1 * rand.normal())),
      );
      const effort = toScale(0.6 * component.service + 0.5 * rand.normal() + 0.2, 7, -0.3, 0.6);
      const competitorLatent = satisfactionLatent + 0.5 * rand.normal();
      const competitor =
        competitorLatent > 0.55 ? 'better' : competitorLatent < -0.45 ? 'worse' : 'same';
      const stage = rand.pick(
        ['pre-purchase', 'purchase', 'after-sales'] as const,
        [0.2, 0.45, 0.35],
      );
      const reliability: number | string =
        rand.next() < 0.03 ? 'N/A' : toScale(component.reliability, 5, -0.45, 0.6);
      surveyRows.push([
        `R${String(responseSeq++).padStart(7, '0')}`,
        c.id,
        dayInQuarter(rand, quarter),
        c.group,
        c.region,
        maybe(recommend, 0.02),
        maybe(SAT_LABELS[sat - 1]!, 0.02),
        maybe(effort),
        maybe(toScale(component.product, 5, -0.45, 0.6)),
        maybe(toScale(component.service, 5, -0.45, 0.6)),
        maybe(reliability),
        maybe(toScale(component.value, 5, -0.4, 0.6)),
        maybe(toScale(component.emotional, 5, -0.3, 0.6)),
        maybe(toScale(0.7 * c.affinity + trend + 0.6 * rand.normal(), 5, -0.5, 0.6)),
        maybe(COMPETITOR_LABELS[competitor], 0.08),
        STAGE_LABELS[stage],
        comment(rand, satisfactionLatent, component, late, recommend),
      ]);
    }
    // Personal data and markup that must never reach the site unredacted or unescaped.
    const planted = [
      'Call me on +44 20 7946 0958 or write to jane.doe@example.com about the refund.',
      'My card 4111 1111 1111 1111 was charged twice!',
      latest
        ? 'Nice site <script>alert(1)</script> but slow delivery.'
        : 'Please phone 0151 496 0123, delivery was late.',
    ];
    planted.forEach((text, i) => {
      const row = surveyRows[(i + 1) * 37];
      if (row) row[16] = text;
    });

    // Tickets -----------------------------------------------------------------------------
    const ticketRows: Array<Array<string | number | undefined>> = [];
    for (const row of orderRows) {
      const group = row[2] as Group;
      const chance = 0.055 + (latest && group === 'SMB' ? 0.05 : 0);
      if (rand.next() >= chance) continue;
      const category =
        latest && group === 'SMB' && rand.next() < 0.4
          ? 'Delivery delay'
          : rand.pick(CATEGORIES, CATEGORY_SHARE);
      const openedDate = addDays(String(row[3]), rand.int(0, 10));
      const openedHour = rand.int(7, 20);
      const opened = `${openedDate}T${pad(openedHour)}:${pad(rand.int(0, 59))}`;
      const firstHours = Math.exp(1.3 + 0.9 * rand.normal());
      const resolveHours = firstHours + Math.exp(3.1 + 1.0 * rand.normal());
      const at = (hours: number) => {
        const d = new Date(`${opened}:00Z`);
        d.setUTCMinutes(d.getUTCMinutes() + Math.round(hours * 60));
        return d.toISOString().slice(0, 16);
      };
      ticketRows.push([
        `T${String(ticketSeq++).padStart(6, '0')}`,
        String(row[1]),
        String(row[0]),
        opened,
        at(firstHours),
        rand.next() < 0.05 ? undefined : at(resolveHours),
        category,
        STAGE_LABELS[CATEGORY_STAGE[category]!],
        rand.next() < 0.82 ? 'complaint' : 'question',
      ]);
    }
    ticketRows.sort(
      (a, b) =>
        String(a[3]).localeCompare(String(b[3])) || String(a[0]).localeCompare(String(b[0])),
    );

    const manifest = demoManifest(quarter, population, invitations);
    return {
      id: quarter.id,
      files: {
        'manifest.json': `${JSON.stringify(manifest, null, 2)}\n`,
        'survey.csv': csv(Object.values(SURVEY_COLUMNS), surveyRows),
        'orders.csv': csv(Object.values(ORDER_COLUMNS), orderRows),
        'tickets.csv': csv(Object.values(TICKET_COLUMNS), ticketRows),
      },
    };
  });
}

function comment(
  rand: Random,
  satisfaction: number,
  component: Record<'product' | 'service' | 'reliability' | 'value' | 'emotional', number>,
  late: boolean,
  recommend: number,
): string {
  if (rand.next() > 0.42) return '';
  const language = rand.pick(LANGUAGES, LANGUAGE_SHARE);
  let topic: Topic;
  if (recommend >= 9 && satisfaction > 0.3) topic = rand.next() < 0.75 ? 'praise' : 'product';
  else if (late && rand.next() < 0.6) topic = 'delivery';
  else {
    const worst = (Object.entries(component) as Array<[string, number]>).sort(
      (a, b) => a[1] - b[1],
    )[0]![0];
    topic = (
      {
        service: 'service',
        reliability: 'delivery',
        product: 'product',
        value: 'price',
        emotional: 'app',
      } as const
    )[worst as 'service'];
  }
  const texts = COMMENTS[language]![topic];
  const text = rand.pick(texts);
  // Some comments run over two lines, as free text does in real exports.
  return rand.next() < 0.03 ? `${text}\nThanks.` : text;
}

function demoManifest(
  quarter: Quarter,
  population: Map<string, number>,
  invitations: Map<string, number>,
): ManifestInput {
  const plan = (level: string, target: number) => ({
    population: population.get(level) ?? 0,
    invitations: invitations.get(level) ?? 0,
    target,
  });
  const targets: Record<Group, number> = {
    Consumer: 900,
    SMB: 400,
    Enterprise: 130,
    'Public sector': 60,
  };
  return {
    id: quarter.id,
    period: quarter.label,
    start: quarter.start,
    end: quarter.end,
    segments: {
      customer_group: {
        label: 'Customer group',
        levels: Object.fromEntries(GROUPS.map((g) => [g, plan(g, targets[g])])),
      },
      region: {
        label: 'Region',
        levels: Object.fromEntries(REGIONS.map((r) => [r, { population: population.get(r) ?? 0 }])),
      },
    },
    items: {
      recommend: { label: 'Likelihood to recommend', scale: [0, 10] },
      satisfaction: { label: 'Overall satisfaction', scale: [1, 5] },
      effort: { label: 'Ease (customer effort)', scale: [1, 7], topBox: 3 },
      product_quality: { label: 'Product quality', scale: [1, 5], driver: true },
      service_quality: { label: 'Service quality', scale: [1, 5], driver: true },
      reliability: { label: 'Reliability', scale: [1, 5], notApplicable: ['N/A'], driver: true },
      value: { label: 'Value for money', scale: [1, 5], driver: true },
      emotional: { label: 'Emotional connection', scale: [1, 5], driver: true },
      brand: { label: 'Brand favourability', scale: [1, 5] },
    },
    weighting: { method: 'rake', dimensions: ['customer_group', 'region'] },
    targets: { nps: 35, csat: 75, index: 70 },
    benchmarks: { nps: 31, csat: 72 },
    orders: { excludeStatuses: ['cancelled', 'returned'] },
    tables: {
      survey: {
        file: 'survey.csv',
        columns: SURVEY_COLUMNS,
        values: {
          satisfaction: Object.fromEntries(SAT_LABELS.map((label, i) => [label, i + 1])),
          competitor: valuesOf(COMPETITOR_LABELS),
          journey_stage: valuesOf(STAGE_LABELS),
        },
      },
      orders: { file: 'orders.csv', columns: ORDER_COLUMNS },
      tickets: {
        file: 'tickets.csv',
        columns: TICKET_COLUMNS,
        values: { journey_stage: valuesOf(STAGE_LABELS) },
      },
    },
  };
}
