/**
 * The figures of one review: everything its page shows, computed once by the figures stage
 * (src/figures) and read by the views. The content collection and every frozen
 * `reports/<period>/v<N>.figures.json` are read through this schema, so a published page is a
 * pure function of a validated file. Bump FIGURES_FORMAT when a change makes older files
 * unreadable, and teach `npm run migrate-frozen` the step.
 */
import { z } from 'zod';
import { ADJUSTMENTS } from './fields.ts';
import { ITEM_ROLES, QUALITY_COMPONENTS } from './questionnaire.ts';

/** Format of the figures files; 1 was the format before this schema (history frozen whole). */
export const FIGURES_FORMAT = 2;

const count = z.number().int().nonnegative();
const finite = z.number();
const nullableNumber = finite.nullable();

export const BaseStatusSchema = z.enum(['ok', 'indicative', 'suppressed']);
export type BaseStatus = z.output<typeof BaseStatusSchema>;

/** A value with its uncertainty and its base: the shape every figure on the site takes. */
export const EstimateSchema = z.strictObject({
  /** Point estimate in the metric's unit; null when suppressed or not computable. */
  value: nullableNumber,
  /** Interval bounds at 95%; null when suppressed or when the metric has no interval. */
  lower: nullableNumber,
  upper: nullableNumber,
  /** Standard error in the metric's unit (change tests use it); null when suppressed. */
  se: nullableNumber,
  /** The base: responses (or customers, orders, tickets) with a value, before weighting. */
  n: count,
  /** Kish effective sample size (equals n when unweighted). */
  nEffective: finite,
  /** Rows where the value was empty or "not applicable". */
  missing: count,
  base: BaseStatusSchema,
});
export type Estimate = z.output<typeof EstimateSchema>;

/** Names of the tests of a difference between two estimates, one per kind of metric. */
export const TEST_NAMES = [
  'nps-z',
  'two-proportion-z',
  'welch-t',
  'ratio-z',
  'poisson-z',
  'rate-z',
  'quantile-z',
  'bootstrap-z',
] as const;

/** current − previous (or a group − the rest), with its test. */
export const ChangeSchema = z.strictObject({
  /** Difference in the metric's unit. */
  delta: finite,
  /** Test statistic (z or t). */
  statistic: finite,
  /** Two-sided p-value. */
  p: finite,
  /** p < alpha. */
  significant: z.boolean(),
  test: z.enum(TEST_NAMES),
});
export type Change = z.output<typeof ChangeSchema>;

/** A group against the rest of the sample, adjusted across the dimension's groups. */
export const GroupTestSchema = ChangeSchema.extend({
  pAdjusted: finite,
  significantAdjusted: z.boolean(),
});
export type GroupTest = z.output<typeof GroupTestSchema>;

export const SegmentFigureSchema = EstimateSchema.extend({
  /** This level against the other responses of the dimension; null when either is suppressed. */
  vsRest: GroupTestSchema.nullable(),
  /** Change against the same level in the previous period. */
  change: ChangeSchema.nullable(),
});
export type SegmentFigure = z.output<typeof SegmentFigureSchema>;

export const MetricFiguresSchema = z.strictObject({
  overall: EstimateSchema,
  /** Change against the previous period; null for the first period or a suppressed side. */
  change: ChangeSchema.nullable(),
  /** Dimension → level → figure (survey metrics; empty for the others). */
  segments: z.record(z.string(), z.record(z.string(), SegmentFigureSchema)),
});
export type MetricFigures = z.output<typeof MetricFiguresSchema>;

export const METRIC_KINDS = [
  'nps',
  'proportion',
  'mean',
  'ratio',
  'count',
  'rate',
  'quantile',
  'weight',
] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export const SECTIONS = [
  'headline',
  'attributes',
  'drivers',
  'voice',
  'competitor',
  'behaviour',
  'service',
  'customers',
] as const;
export type Section = (typeof SECTIONS)[number];

/** What a reader needs to know about a metric of this review to read its figures. */
export const MetricInfoSchema = z.strictObject({
  id: z.string(),
  /** The registry entry that defines it (the methodology lists entries). */
  entry: z.string(),
  label: z.string(),
  shortLabel: z.string(),
  section: z.enum(SECTIONS),
  /** Shown after values: "%" for shares, "" otherwise. */
  unit: z.enum(['', '%']),
  /** What a change is called: "points", "percentage points", "scale points", … */
  changeUnit: z.string(),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  decimals: count,
  kind: z.enum(METRIC_KINDS),
  /** Lowest and highest possible value, for chart axes; null when unbounded. */
  range: z.tuple([finite, finite]).nullable(),
  /** The questionnaire item it is computed from, when one. */
  item: z.string().nullable(),
  component: z.enum(QUALITY_COMPONENTS).nullable(),
});
export type MetricInfo = z.output<typeof MetricInfoSchema>;

export const ShareSchema = z.strictObject({
  k: finite,
  n: finite,
  /** % */
  value: nullableNumber,
  lower: nullableNumber,
  upper: nullableNumber,
});
export type Share = z.output<typeof ShareSchema>;

export const GroupComparisonSchema = z.strictObject({
  label: z.tuple([z.string(), z.string()]),
  a: ShareSchema,
  b: ShareSchema,
  /** a − b in percentage points. */
  delta: nullableNumber,
  z: nullableNumber,
  p: nullableNumber,
});
export type GroupComparison = z.output<typeof GroupComparisonSchema>;

export const GroupShareSchema = z.strictObject({
  group: z.string(),
  k: finite,
  n: finite,
  missing: finite,
  /** Proportion (0–1). */
  p: finite,
  wilson: z.tuple([finite, finite]),
});

export const BehaviourFiguresSchema = z.strictObject({
  activeCustomers: count,
  /** Counted orders, guest orders included. */
  orders: count,
  /** Of the orders, those without a customer id (declared guests): absent when there are none. */
  guestOrders: count.optional(),
  /** Revenue of the guest orders (in `revenue`, in no customer figure). */
  guestRevenue: finite.optional(),
  /** Rows summed into the orders when the table's rows are order lines; absent otherwise. */
  orderLines: count.optional(),
  /** Orders with an amount (the base of the average order value). */
  pricedOrders: count,
  revenue: finite,
  excludedOrders: z.record(z.string(), count),
  ordersWithoutAmount: count,
  purchaseFrequency: nullableNumber,
  averageOrderValue: nullableNumber,
  revenuePerCustomer: nullableNumber,
  repeatRate: ShareSchema,
  lateShare: ShareSchema,
  movement: z
    .strictObject({
      previous: count,
      retained: count,
      new: count,
      returning: count,
      lost: count,
      retention: ShareSchema,
      churn: nullableNumber,
      retentionBySegment: z.record(z.string(), z.array(GroupShareSchema)),
    })
    .nullable(),
  links: z.strictObject({
    matched: count,
    revenueAtRisk: finite,
    revenueAtRiskShare: nullableNumber,
    highVsLowValue: GroupComparisonSchema,
    lateVsOnTime: GroupComparisonSchema,
  }),
});
export type BehaviourFigures = z.output<typeof BehaviourFiguresSchema>;

export const ComplaintFiguresSchema = z.strictObject({
  tickets: count,
  complaints: count,
  per1000Orders: nullableNumber,
  pareto: z.array(
    z.strictObject({
      category: z.string(),
      complaints: count,
      per1000Orders: nullableNumber,
      share: finite,
      cumulativeShare: finite,
    }),
  ),
  byStage: z.array(z.strictObject({ stage: z.string(), complaints: count, share: finite })),
  /** Hours. */
  firstResponse: z.strictObject({ median: nullableNumber, p90: nullableNumber, n: count }),
  resolution: z.strictObject({
    median: nullableNumber,
    p90: nullableNumber,
    n: count,
    unresolved: count,
  }),
  slowResolution: GroupComparisonSchema.nullable(),
});
export type ComplaintFigures = z.output<typeof ComplaintFiguresSchema>;

export const NpsClassSchema = z.enum(['promoter', 'passive', 'detractor', 'unknown']);

export const VoiceFiguresSchema = z.strictObject({
  comments: count,
  byClass: z.record(NpsClassSchema, count),
  themes: z.array(
    z.strictObject({
      theme: z.string(),
      label: z.string(),
      mentions: count,
      share: finite,
      detractors: nullableNumber,
      passives: nullableNumber,
      promoters: nullableNumber,
      z: nullableNumber,
      p: nullableNumber,
      verbatims: z.array(
        z.strictObject({
          text: z.string(),
          npsClass: NpsClassSchema,
          recommend: finite.optional(),
          key: finite,
        }),
      ),
    }),
  ),
});
export type VoiceFigures = z.output<typeof VoiceFiguresSchema>;

export const CompetitorFiguresSchema = z.strictObject({
  n: count,
  better: ShareSchema,
  same: ShareSchema,
  worse: ShareSchema,
  /** better − worse, percentage points. */
  net: finite,
});
export type CompetitorFigures = z.output<typeof CompetitorFiguresSchema>;

export const CustomerBaseFiguresSchema = z.strictObject({
  customers: count,
  unknown: count,
  churn: ShareSchema,
  retention: nullableNumber,
  revenue: finite,
  churnedRevenue: finite,
  revenueAtRisk: nullableNumber,
  revenueMissing: count,
  bySegment: z.record(
    z.string(),
    z.array(
      z.strictObject({
        level: z.string(),
        churn: ShareSchema,
        delta: nullableNumber,
        z: nullableNumber,
        p: nullableNumber,
        pAdjusted: nullableNumber,
        /** Adjusted p below the significance level. */
        significant: z.boolean(),
      }),
    ),
  ),
});
export type CustomerBaseFigures = z.output<typeof CustomerBaseFiguresSchema>;

export const QuadrantSchema = z.enum([
  'concentrate-here',
  'keep-up-the-good-work',
  'low-priority',
  'possible-overkill',
]);

export const DriverFiguresSchema = z.strictObject({
  /** The outcome item. */
  outcome: z.string(),
  drivers: z.array(z.string()),
  n: count,
  excluded: count,
  r2: finite,
  pearson: z.record(z.string(), finite),
  johnson: z.record(z.string(), finite),
  lmg: z.record(z.string(), finite),
  /** Driver → label shown to readers. */
  labels: z.record(z.string(), z.string()),
  grid: z.array(
    z.strictObject({
      driver: z.string(),
      importance: finite,
      performance: finite,
      quadrant: QuadrantSchema,
      label: z.string(),
    }),
  ),
  importanceMean: finite,
  performanceMean: finite,
  method: z.string(),
});
export type DriverFigures = z.output<typeof DriverFiguresSchema>;

export const FindingSchema = z.strictObject({
  /** Stable id, e.g. "decline:nps:customer_group=SMB"; actions cite findings by it. */
  id: z.string(),
  kind: z.enum(['decline', 'improvement', 'gap', 'driver', 'complaint', 'theme', 'operational']),
  /** One sentence a reader understands without the table. */
  title: z.string(),
  metricId: z.string().optional(),
  segment: z.strictObject({ dimension: z.string(), level: z.string() }).optional(),
  /** Size of the effect in the metric's unit. */
  effect: finite,
  test: z.strictObject({
    name: z.string(),
    statistic: finite.optional(),
    p: finite.optional(),
    pAdjusted: finite.optional(),
    method: z.string().optional(),
  }),
  /** Ranking weight: larger = more important. */
  weight: finite,
});
export type Finding = z.output<typeof FindingSchema>;

/** One period of a metric's trend. */
export const TrendPointSchema = z.strictObject({
  snapshot: z.string(),
  period: z.string(),
  value: nullableNumber,
  lower: nullableNumber,
  upper: nullableNumber,
  n: count,
  base: BaseStatusSchema,
  /** Change against the previous point, when both are shown. */
  change: ChangeSchema.nullable(),
});
export type TrendPoint = z.output<typeof TrendPointSchema>;

export const ActionRowSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  openedIn: z.string(),
  due: z.string(),
  status: z.enum(['open', 'in-progress', 'done', 'dropped']),
  metric: z.string(),
  /** Label of the metric, as this review names it. */
  metricLabel: z.string(),
  segment: z.strictObject({ dimension: z.string(), level: z.string() }).nullable(),
  finding: z.string().nullable(),
  isNew: z.boolean(),
  overdue: z.boolean(),
  /** Before = the metric in the review that opened the action; after = this review. */
  beforeAfter: z
    .strictObject({
      beforePeriod: z.string(),
      before: EstimateSchema.nullable(),
      after: EstimateSchema.nullable(),
      change: ChangeSchema.nullable(),
    })
    .nullable(),
});
export type ActionRow = z.output<typeof ActionRowSchema>;

/** A problem found in the data: where, what is wrong, what to do (reading/diagnostics.ts). */
export const DiagnosticSchema = z.strictObject({
  /** Stable identifier from the catalog, e.g. "out-of-scale". */
  id: z.string(),
  level: z.enum(['error', 'warning']),
  /** Path of the file, relative to the project root where possible. */
  file: z.string(),
  /** 1-based row as a spreadsheet shows it. */
  row: count.optional(),
  /** The export's column header (or a manifest path such as "items.recommend.scale"). */
  column: z.string().optional(),
  /** The offending cell value, as written in the file. */
  value: z.string().optional(),
  /** What is wrong. */
  message: z.string(),
  /** What to do about it. */
  hint: z.string(),
});

/** Everything one review's page shows, for one snapshot. */
export const ReviewFiguresSchema = z.strictObject({
  format: z.literal(FIGURES_FORMAT),
  id: z.string(),
  period: z.string(),
  start: z.string(),
  end: z.string(),
  /** The snapshot's content hash. */
  hash: z.string(),
  /** The previous period, which changes are measured against. */
  previous: z.strictObject({ id: z.string(), period: z.string() }).nullable(),
  /** Survey responses used (after validation and de-duplication). */
  responses: count,
  tables: z.record(
    z.string(),
    z.strictObject({
      file: z.string(),
      rows: count,
      used: count,
      /** Rows left out, by reason (contracts/dropped-rows.ts); absent when none was. */
      dropped: z.record(z.string(), count).optional(),
    }),
  ),
  segments: z.record(
    z.string(),
    z.strictObject({ label: z.string(), levels: z.array(z.string()) }),
  ),
  questionnaire: z.strictObject({
    items: z.array(
      z.strictObject({
        id: z.string(),
        label: z.string(),
        scale: z.tuple([finite, finite]),
        topBox: count,
        role: z.enum(ITEM_ROLES).nullable(),
        component: z.enum(QUALITY_COMPONENTS).nullable(),
      }),
    ),
    indexItems: z.array(z.string()),
    drivers: z.array(z.string()),
  }),
  weighting: z.strictObject({
    method: z.enum(['none', 'poststratify', 'rake']),
    dimensions: z.array(z.string()),
    nEffective: finite,
    efficiency: finite,
    maxWeightRatio: finite,
  }),
  responseRates: z.record(
    z.string(),
    z.record(
      z.string(),
      z.strictObject({
        responses: count,
        invitations: count.nullable(),
        rate: nullableNumber,
        target: count.nullable(),
        targetAchieved: nullableNumber,
        population: count.nullable(),
      }),
    ),
  ),
  minimumBase: z.strictObject({ suppress: count, flag: count }),
  /** The significance level the tests of these figures used. */
  significanceLevel: finite,
  adjustment: z.enum(ADJUSTMENTS),
  targets: z.record(z.string(), finite),
  benchmarks: z.record(z.string(), finite),
  /** Metric id → how to read it: every metric the registry gives this snapshot. */
  catalog: z.record(z.string(), MetricInfoSchema),
  /** Metric id → its figures, for the metrics computable here (retention needs a previous period). */
  metrics: z.record(z.string(), MetricFiguresSchema),
  /** Outcome role → key-driver analysis (null when too few complete responses). */
  drivers: z.partialRecord(z.enum(['satisfaction', 'recommend']), DriverFiguresSchema.nullable()),
  behaviour: BehaviourFiguresSchema.nullable(),
  complaints: ComplaintFiguresSchema.nullable(),
  voice: VoiceFiguresSchema,
  competitor: CompetitorFiguresSchema.nullable(),
  customers: CustomerBaseFiguresSchema.nullable(),
  /** Root-cause evidence, most important first. */
  findings: z.array(FindingSchema),
  /** Metric id → its overall value in every period up to this one, oldest first. */
  trends: z.record(z.string(), z.array(TrendPointSchema)),
  actions: z.strictObject({
    /** Open and in-progress actions known at this review. */
    open: z.array(ActionRowSchema),
    /** Actions opened in the previous review, whatever their status. */
    followUp: z.array(ActionRowSchema),
    /** Ids of findings no action answers yet. */
    unanswered: z.array(z.string()),
  }),
  /** Warnings of the snapshot (shown in the methodology). */
  warnings: z.array(DiagnosticSchema),
});
export type ReviewFigures = z.output<typeof ReviewFiguresSchema>;

/** Every metric across every period, overall and per group: the trends and group pages. */
export const HistoryFiguresSchema = z.strictObject({
  format: z.literal(FIGURES_FORMAT),
  periods: z.array(z.strictObject({ id: z.string(), period: z.string() })),
  /** The latest period's metrics, in registry order. */
  catalog: z.record(z.string(), MetricInfoSchema),
  /** Latest targets. */
  targets: z.record(z.string(), finite),
  segments: z.record(
    z.string(),
    z.strictObject({ label: z.string(), levels: z.array(z.string()) }),
  ),
  /** Metric id → overall points and each level's points, oldest first. */
  series: z.record(
    z.string(),
    z.strictObject({
      overall: z.array(TrendPointSchema),
      segments: z.record(z.string(), z.record(z.string(), z.array(TrendPointSchema))),
    }),
  ),
});
export type HistoryFigures = z.output<typeof HistoryFiguresSchema>;
