/**
 * The figures of one review: everything its page shows, computed once by the figures stage
 * (src/figures) and read by the views. The content collection and every frozen
 * `reports/<period>/v<N>.figures.json` are read through this schema, so a published page is a
 * pure function of a validated file. Bump FIGURES_FORMAT when a change makes older files
 * unreadable, and teach `npm run migrate-frozen` the step.
 */
import { z } from 'zod';
import { ACTION_STATUSES } from './action-schema.ts';
import { ADJUSTMENTS } from './fields.ts';
import { NPS_CLASS_NAMES } from './nps-classes.ts';
import { ITEM_ROLES, QUALITY_COMPONENTS } from './questionnaire.ts';

/**
 * Format of the figures files; 1 was the format before this schema (history frozen whole), 2
 * the first of this schema; 3 ranks findings by business impact and adds their drill-downs,
 * target status, the action follow-up's outcome, the rule flags (borderline, indicative) and the
 * hash of each file of the snapshot; 4 chooses verbatims by the theme's sentiment, once per
 * comment, with their language, and adds each group's verbatims; 5 ("linear history") keeps in
 * `trends` only the trends the version's page shows (the headline metrics and the metrics its
 * MDX names), not every metric's, and writes the file one entry a line.
 */
export const FIGURES_FORMAT = 5;

/** A content hash as the project writes it: "sha256:" and 64 hex digits. */
export const CONTENT_HASH = /^sha256:[0-9a-f]{64}$/;

const count = z.number().int().nonnegative();
const finite = z.number();
const nullableNumber = finite.nullable();

export const BaseStatusSchema = z.enum(['ok', 'indicative', 'suppressed']);

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
  /**
   * The interval of delta at confidence 1 − alpha. Absent from figures frozen before it was
   * recorded: those pages show the change without it rather than recompute a published figure.
   */
  ciLow: finite.optional(),
  ciHigh: finite.optional(),
});

/** A group against the rest of the sample, adjusted across the dimension's groups. */
export const GroupTestSchema = ChangeSchema.extend({
  pAdjusted: finite,
  significantAdjusted: z.boolean(),
});

export const SegmentFigureSchema = EstimateSchema.extend({
  /** This level against the other responses of the dimension; null when either is suppressed. */
  vsRest: GroupTestSchema.nullable(),
  /** Change against the same level in the previous period. */
  change: ChangeSchema.nullable(),
  /**
   * A test of this figure is significant (vsRest adjusted, or change) while a base it compares is
   * indicative: the mark of significance must carry the caveat.
   */
  significantButIndicative: z.boolean(),
});

export const MetricFiguresSchema = z.strictObject({
  overall: EstimateSchema,
  /** Change against the previous period; null for the first period or a suppressed side. */
  change: ChangeSchema.nullable(),
  /** The change is significant while either period's base is indicative (show the caveat). */
  significantButIndicative: z.boolean(),
  /**
   * True when the previous period measured it otherwise (another scale or top box of the item
   * it reads, another currency: figures/comparability.ts): no change is computed, and its trend
   * starts here.
   */
  redefined: z.literal(true).optional(),
  /** Dimension → level → figure (survey metrics; empty for the others). */
  segments: z.record(z.string(), z.record(z.string(), SegmentFigureSchema)),
});

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

export const ShareSchema = z.strictObject({
  k: finite,
  n: finite,
  /** % */
  value: nullableNumber,
  lower: nullableNumber,
  upper: nullableNumber,
});

export const GroupComparisonSchema = z.strictObject({
  label: z.tuple([z.string(), z.string()]),
  a: ShareSchema,
  b: ShareSchema,
  /** a − b in percentage points. */
  delta: nullableNumber,
  z: nullableNumber,
  p: nullableNumber,
});

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

/** Median and 90th percentile of service times in hours (null below the base), with n. */
const ServiceTimesSchema = z.strictObject({
  median: nullableNumber,
  p90: nullableNumber,
  n: count,
});

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
  firstResponse: ServiceTimesSchema,
  resolution: ServiceTimesSchema.extend({ unresolved: count }),
  slowResolution: GroupComparisonSchema.nullable(),
});

export const NpsClassSchema = z.enum(NPS_CLASS_NAMES);

export const VerbatimSchema = z.strictObject({
  /** Redacted comment text. */
  text: z.string(),
  npsClass: NpsClassSchema,
  recommend: finite.optional(),
  key: finite,
  /** BCP 47 tag of the text's language; null when it cannot be told (reading/detect-language.ts). */
  lang: z.string().nullable(),
});

export const VoiceFiguresSchema = z.strictObject({
  comments: count,
  byClass: z.record(NpsClassSchema, count),
  /** Dimension → level → comments from that group (its verbatims need the minimum base). */
  groupComments: z.record(z.string(), z.record(z.string(), count)),
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
      /** From the theme dictionary: a problem named, or praise. */
      sentiment: z.enum(['problem', 'praise']),
      /**
       * False when the test is true by construction (praise compared between promoters and
       * detractors, who are defined by how much they praise): its p is no evidence and never a
       * finding.
       */
      tested: z.boolean(),
      /** Comments of the theme's sentiment: a problem's detractors (then passives), praise's promoters. */
      verbatims: z.array(VerbatimSchema),
      /** Dimension → level → the group's verbatims, chosen alike; none under the minimum base. */
      groups: z.record(z.string(), z.record(z.string(), z.array(VerbatimSchema))),
    }),
  ),
});

export const CompetitorFiguresSchema = z.strictObject({
  n: count,
  better: ShareSchema,
  same: ShareSchema,
  worse: ShareSchema,
  /** better − worse, percentage points. */
  net: finite,
});

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
      /**
       * The quadrant is within its uncertainty: the importance interval (bootstrap) or the
       * performance interval (Wilson) crosses the split line, so another sample could place the
       * driver on the other side.
       */
      borderline: z.boolean(),
    }),
  ),
  importanceMean: finite,
  performanceMean: finite,
  method: z.string(),
});

const GroupRefSchema = z.strictObject({ dimension: z.string(), level: z.string() });

/** A finding's group against the rest of the sample on one attribute item (a driver). */
export const DrillDownDriverSchema = z.strictObject({
  /** The item's top-box metric. */
  metricId: z.string(),
  label: z.string(),
  /** Importance for overall satisfaction (% of explained variance); null without an analysis. */
  importance: nullableNumber,
  /** Top-box share of the group and of the rest (%); null when the base is suppressed. */
  group: nullableNumber,
  rest: nullableNumber,
  n: count,
  base: BaseStatusSchema,
  /** Group − rest with its test adjusted across the dimension's groups; null when suppressed. */
  vsRest: GroupTestSchema.nullable(),
});

/** A category (complaint cause, comment theme) in the group against the rest. */
export const DrillDownShareSchema = z.strictObject({
  /** The category's id (a complaint category is its own name; a theme its dictionary id). */
  key: z.string(),
  label: z.string(),
  /** Group and rest shares; a share on a base below the minimum has null value and bounds. */
  comparison: GroupComparisonSchema,
  /** Holm-adjusted across the categories; null when untested. */
  pAdjusted: nullableNumber,
  significant: z.boolean(),
});

/** The evidence for one group's decline, assembled from the data: why it fell. */
export const DrillDownSchema = z.strictObject({
  group: GroupRefSchema.extend({ label: z.string() }),
  /** The driver items, most important first. */
  drivers: z.array(DrillDownDriverSchema),
  /** Share of the group's complaints in each category against the rest's; null without tickets. */
  complaints: z
    .strictObject({ group: count, rest: count, categories: z.array(DrillDownShareSchema) })
    .nullable(),
  /** Comment themes among the group's detractors against the other detractors. */
  themes: z.strictObject({
    /** Detractors' comments of the group and of the rest. */
    group: count,
    rest: count,
    rows: z.array(
      DrillDownShareSchema.extend({
        /** Up to three redacted comments of the group's detractors mentioning the theme. */
        verbatims: z.array(VerbatimSchema),
      }),
    ),
  }),
  /** Operational links of the group where orders and tickets carry it; null otherwise. */
  operational: z.strictObject({
    /** Late among delivered orders, group against rest. */
    lateDelivery: GroupComparisonSchema.nullable(),
    /** Resolution hours of the group's tickets and of the rest's. */
    resolution: z
      .strictObject({
        group: ServiceTimesSchema,
        rest: ServiceTimesSchema,
      })
      .nullable(),
  }),
});

export const FINDING_KINDS = [
  'decline',
  'improvement',
  'gap',
  'driver',
  'complaint',
  'theme',
  'operational',
] as const;

/** Another finding of the same underlying change, merged into the one shown. */
export const RelatedFindingSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(FINDING_KINDS),
  metricId: z.string().nullable(),
  segment: GroupRefSchema.nullable(),
  effect: finite,
});

export const FindingSchema = z.strictObject({
  /** Stable id, e.g. "decline:nps:customer_group=SMB"; actions cite findings by it. Never a label. */
  id: z.string(),
  kind: z.enum(FINDING_KINDS),
  /** One sentence a reader understands without the table. */
  title: z.string(),
  /** The evidence: the metric and group whose figures show it. */
  metricId: z.string().optional(),
  segment: GroupRefSchema.optional(),
  /** Size of the effect in the metric's unit. */
  effect: finite,
  test: z.strictObject({
    name: z.string(),
    statistic: finite.optional(),
    p: finite.optional(),
    pAdjusted: finite.optional(),
    method: z.string().optional(),
  }),
  /**
   * Ranking tier: "headline" = an overall change of a headline metric (first, whatever its
   * size); "change" = other changes and group gaps; "evidence" = drivers, complaints, themes and
   * operational links that explain them.
   */
  tier: z.enum(['headline', 'change', 'evidence']),
  /** Share of the customers (population) and of the revenue the finding concerns (0–1). */
  reach: z.strictObject({ population: nullableNumber, revenue: nullableNumber }),
  /** Business impact within the tier: effect on a 0–100 scale × reach; larger = first. */
  impact: finite,
  /** Significant on an indicative base (30 ≤ n < 100): show the caveat with the mark. */
  significantButIndicative: z.boolean(),
  /** The other findings of the same underlying change (e.g. the group's gap to the rest). */
  related: z.array(RelatedFindingSchema),
  /** For a group's decline or gap: why, assembled from that group's data. */
  drillDown: DrillDownSchema.nullable(),
});

/** A headline metric against its target. */
export const TargetStatusSchema = z.strictObject({
  /** met / missed / no-target (none set) / no-value (the figure is suppressed). */
  status: z.enum(['met', 'missed', 'no-target', 'no-value']),
  target: nullableNumber,
  value: nullableNumber,
  /** By how much the target is missed, in the metric's unit (positive); null unless missed. */
  shortfall: nullableNumber,
});

/** A trend point's change: its size and the test's verdict. */
export const TrendChangeSchema = ChangeSchema.pick({ delta: true, significant: true });

/** One period of a metric's trend. */
export const TrendPointSchema = z.strictObject({
  snapshot: z.string(),
  period: z.string(),
  ...EstimateSchema.pick({ value: true, lower: true, upper: true, n: true, base: true }).shape,
  /**
   * Change against the previous point, when both are shown: what a chart and a period table
   * read (its size and whether it is real). The test itself is in that period's own figures;
   * repeating it in every later version's history made published files grow with it.
   */
  change: TrendChangeSchema.nullable(),
});

export const ActionRowSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  openedIn: z.string(),
  due: z.string(),
  status: z.enum(ACTION_STATUSES),
  metric: z.string(),
  /** Label of the metric, as this review names it. */
  metricLabel: z.string(),
  segment: GroupRefSchema.nullable(),
  finding: z.string().nullable(),
  /** Ids of this review's findings the action answers: cited by id, or same metric and group. */
  answers: z.array(z.string()),
  isNew: z.boolean(),
  /** Open or in progress after its due date, at the review's publication date (actions.asOf). */
  overdue: z.boolean(),
  /**
   * Whether the targeted metric moved as intended between the review that opened the action
   * and this one: improved / worsened (significant change in the metric's good or bad
   * direction), unchanged (not significant), unknown (no comparable figures).
   */
  outcome: z.enum(['improved', 'worsened', 'unchanged', 'unknown']).nullable(),
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
  /**
   * Further diagnostics of the same id in the same file, counted but not listed (a file with a
   * million bad cells keeps the first ones of each kind; the count stays exact).
   */
  more: count.optional(),
});

/** A table of a snapshot as its figures (and a reduced snapshot) record it. */
export const TableSummarySchema = z.strictObject({
  file: z.string(),
  rows: count,
  used: count,
  /** Rows left out, by reason (contracts/dropped-rows.ts); absent when none was. */
  dropped: z.record(z.string(), count).optional(),
});

/** A period by its snapshot's id and its label. */
const PeriodRefSchema = z.strictObject({ id: z.string(), period: z.string() });

/** Dimension → its label and levels (the manifest's segments). */
const SegmentsSchema = z.record(
  z.string(),
  z.strictObject({ label: z.string(), levels: z.array(z.string()) }),
);

/** Everything one review's page shows, for one snapshot. */
export const ReviewFiguresSchema = z.strictObject({
  format: z.literal(FIGURES_FORMAT),
  id: z.string(),
  period: z.string(),
  start: z.string(),
  end: z.string(),
  /** The snapshot's content hash. */
  hash: z.string(),
  /**
   * The content hash of each file the snapshot's hash covers (the manifest and every declared
   * table and lookup file), by its name in the manifest: names the file that changed when a
   * published snapshot no longer matches.
   */
  files: z.record(z.string(), z.string().regex(CONTENT_HASH)),
  /** The previous period, which changes are measured against. */
  previous: PeriodRefSchema.nullable(),
  /** Survey responses used (after validation and de-duplication). */
  responses: count,
  tables: z.record(z.string(), TableSummarySchema),
  segments: SegmentsSchema,
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
  /** ISO 4217 currency of money figures (the manifest's); absent or null = a plain number. */
  currency: z.string().nullable().optional(),
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
  /** Root-cause evidence ranked by business impact (figures/ranking.ts), most important first. */
  findings: z.array(FindingSchema),
  /**
   * Metric id → its overall points in every period up to this one, oldest first. Empty in a
   * review's live figures (a draft's page gets every metric's from the periods' figures,
   * figures/trends.ts); a published version's frozen file keeps the ones its page shows.
   */
  trends: z.record(z.string(), z.array(TrendPointSchema)),
  /** Headline metric id → its status against target. */
  targetStatus: z.record(z.string(), TargetStatusSchema),
  actions: z.strictObject({
    /** The date overdue is judged at: the review's publication date (its period's end before). */
    asOf: z.string(),
    /** Open and in-progress actions known at this review. */
    open: z.array(ActionRowSchema),
    /** Actions opened in the previous review, whatever their status. */
    followUp: z.array(ActionRowSchema),
    /** Ids of findings no action answers yet (an action answers by id, or by metric and group). */
    unanswered: z.array(z.string()),
  }),
  /** Warnings of the snapshot (shown in the methodology). */
  warnings: z.array(DiagnosticSchema),
});

/** Every metric across every period, overall and per group: the trends and group pages. */
export const HistoryFiguresSchema = z.strictObject({
  format: z.literal(FIGURES_FORMAT),
  periods: z.array(PeriodRefSchema),
  /** The latest period's metrics, in registry order. */
  catalog: z.record(z.string(), MetricInfoSchema),
  /** Latest targets. */
  targets: z.record(z.string(), finite),
  segments: SegmentsSchema,
  /** Metric id → overall points and each level's points, oldest first. */
  series: z.record(
    z.string(),
    z.strictObject({
      overall: z.array(TrendPointSchema),
      segments: z.record(z.string(), z.record(z.string(), z.array(TrendPointSchema))),
      /**
       * The periods that measured it otherwise than the one before (figures/comparability.ts:
       * another scale, top box or currency), oldest first: a line joins only the points between
       * two of them, and the last begins the measure of the latest period.
       */
      breaks: z.array(z.string()),
    }),
  ),
});

// The types the code reads: each is its schema’s output, never written by hand.
export type BaseStatus = z.output<typeof BaseStatusSchema>;
export type Estimate = z.output<typeof EstimateSchema>;
export type Change = z.output<typeof ChangeSchema>;
export type GroupTest = z.output<typeof GroupTestSchema>;
export type SegmentFigure = z.output<typeof SegmentFigureSchema>;
export type MetricFigures = z.output<typeof MetricFiguresSchema>;
export type MetricInfo = z.output<typeof MetricInfoSchema>;
export type Share = z.output<typeof ShareSchema>;
export type GroupComparison = z.output<typeof GroupComparisonSchema>;
export type BehaviourFigures = z.output<typeof BehaviourFiguresSchema>;
export type ComplaintFigures = z.output<typeof ComplaintFiguresSchema>;
export type Verbatim = z.output<typeof VerbatimSchema>;
export type VoiceFigures = z.output<typeof VoiceFiguresSchema>;
export type CompetitorFigures = z.output<typeof CompetitorFiguresSchema>;
export type CustomerBaseFigures = z.output<typeof CustomerBaseFiguresSchema>;
export type DriverFigures = z.output<typeof DriverFiguresSchema>;
export type DrillDown = z.output<typeof DrillDownSchema>;
export type Finding = z.output<typeof FindingSchema>;
export type TargetStatus = z.output<typeof TargetStatusSchema>;
export type TrendChange = z.output<typeof TrendChangeSchema>;
export type TrendPoint = z.output<typeof TrendPointSchema>;
export type ActionRow = z.output<typeof ActionRowSchema>;
export type ReviewFigures = z.output<typeof ReviewFiguresSchema>;
export type HistoryFigures = z.output<typeof HistoryFiguresSchema>;
