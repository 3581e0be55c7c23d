/**
 * The serialised form of every mergeable reducer state (reducing/*-state.ts): what a state is
 * as JSON, validated before it is decoded. One schema per state, each the state's own fields
 * with Maps written as [key, value] pairs (their order kept), typed arrays as plain arrays, a
 * missing segment level as null, and a driver state's cross-products as the upper triangle the
 * reducer fills. reducing/state-codec.ts encodes and decodes; a document that carries states
 * names the format it was written in (`STATE_FORMAT`), so a later change can be recognised.
 *
 * Written with zod/mini: the browser decodes these states too (the Explore page), and the mini
 * build of zod weighs a tenth of the classic one in a page's script.
 */
import * as z from 'zod/mini';
import { NPS_CLASS_NAMES } from './nps-classes.ts';

/** Format of serialised states; bump it when a change makes older documents unreadable. */
export const STATE_FORMAT = 1;

const count = z.int().check(z.minimum(0));
const finite = z.number();
/** A segment level; null when the response (or customer) had none for that dimension. */
const level = z.nullable(z.string());

/** Counts per NPS class (comments, or comments mentioning a theme). */
const ClassCountsSchema = z.strictObject({
  promoter: count,
  passive: count,
  detractor: count,
  unknown: count,
});

/** reducing/histogram.ts: weighted counts per scale point. */
export const HistogramSchema = z
  .strictObject({
    min: z.int(),
    max: z.int(),
    steps: z.int().check(z.minimum(1)),
    /** Weighted count of point i = min + i / steps. */
    counts: z.array(finite),
    n: count,
    sumW2: finite,
    missing: count,
  })
  .check(
    z.refine((h) => h.max > h.min && h.counts.length === (h.max - h.min) * h.steps + 1, {
      error: 'a histogram has one count per point of its scale',
    }),
  );

/** reducing/weighted-moments.ts. */
export const MomentsSchema = z.strictObject({
  n: count,
  sumW: finite,
  sumW2: finite,
  sumWX: finite,
  sumWX2: finite,
});

/** reducing/driver-state.ts: sums and cross-products of the drivers and one outcome. */
export const DriverStateSchema = z
  .strictObject({
    /** Drivers first, the outcome last. */
    variables: z.array(z.string()).check(z.minLength(2)),
    n: count,
    incomplete: count,
    sumW: finite,
    sumW2: finite,
    sums: z.array(finite),
    /** Σ w·x_i·x_j for i ≤ j, row by row (the lower triangle is not kept by the reducer). */
    products: z.array(finite),
  })
  .check(
    z.refine(
      (d) => {
        const k = d.variables.length;
        return d.sums.length === k && d.products.length === (k * (k + 1)) / 2;
      },
      { error: 'a driver state has one sum per variable and the upper triangle of products' },
    ),
  );

/** reducing/survey-state.ts: what the survey reducer was configured with. */
export const SurveyConfigSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      id: z.string(),
      scale: z.tuple([z.int(), z.int()]),
      steps: z.int().check(z.minimum(1)),
    }),
  ),
  indexItems: z.array(z.string()),
  /** The order of a cell's levels. */
  dimensions: z.array(z.string()),
  drivers: z.array(z.string()),
  outcomes: z.array(z.string()),
});

/** One weighting cell of the survey state. */
export const SurveyCellSchema = z.strictObject({
  /** The cell's level of each of the configuration's dimensions, in its order. */
  levels: z.array(level),
  responses: count,
  items: z.record(z.string(), HistogramSchema),
  index: MomentsSchema,
  indexMissing: count,
  competitor: z.strictObject({ better: count, same: count, worse: count, missing: count }),
  drivers: z.record(z.string(), DriverStateSchema),
});

/** The survey state: its configuration and its cells, in the order they were met. */
export const SurveyStateSchema = z.strictObject({
  config: SurveyConfigSchema,
  cells: z.array(SurveyCellSchema),
});

/** A kept comment: redacted text only (reducing/voice-state.ts redacts before keeping). */
export const VerbatimSchema = z.strictObject({
  text: z.string(),
  /** Its comparison form (case, accents, punctuation and spacing ignored). */
  form: z.string(),
  npsClass: z.enum(NPS_CLASS_NAMES),
  recommend: z.optional(finite),
  key: count,
});

/** A theme's samples, one list per NPS class. */
const ClassSamplesSchema = z.strictObject({
  promoter: z.array(VerbatimSchema),
  passive: z.array(VerbatimSchema),
  detractor: z.array(VerbatimSchema),
  unknown: z.array(VerbatimSchema),
});

/** One group's comments: counts by NPS class, per theme, and its samples by theme and class. */
export const GroupVoiceSchema = z.strictObject({
  comments: ClassCountsSchema,
  mentions: z.record(z.string(), ClassCountsSchema),
  samples: z.record(z.string(), ClassSamplesSchema),
});

/**
 * reducing/voice-state.ts: all comments' voice in a group's shape (counts by NPS class, per
 * theme, and samples per theme and class), and each group's voice (dimension → level).
 */
export const VoiceStateSchema = z.extend(GroupVoiceSchema, {
  sampleSize: count,
  praiseThemes: z.array(z.string()),
  dimensions: z.array(z.string()),
  groups: z.record(z.string(), z.record(z.string(), GroupVoiceSchema)),
});

/** [key, count] pairs of a Map of counts, in the Map's order. */
const minuteCounts = z.array(z.tuple([count, count]));

/** reducing/complaint-state.ts. */
export const ComplaintStateSchema = z.strictObject({
  tickets: count,
  complaints: count,
  byCategory: z.record(z.string(), count),
  byStage: z.record(z.string(), count),
  /** [minutes, tickets] pairs. */
  firstResponse: minuteCounts,
  resolution: minuteCounts,
  unresolved: count,
  /** [customer id, minutes] pairs: a document that must not hold ids leaves this empty. */
  slowestByCustomer: z.array(z.tuple([z.string(), count])),
  /** [customer id, tickets] pairs: empty, too, in a document that must not hold ids. */
  byCustomer: z.array(
    z.tuple([
      z.string(),
      z.strictObject({ complaints: z.record(z.string(), count), resolution: z.array(count) }),
    ]),
  ),
});

/** reducing/grouped-proportion.ts: [group, counts] pairs, in the Map's order. */
export const GroupedProportionSchema = z.strictObject({
  groups: z.array(z.tuple([z.string(), z.strictObject({ k: count, n: count, missing: count })])),
});

/** reducing/customer-base.ts. */
export const CustomerBaseSchema = z.strictObject({
  customers: count,
  churned: count,
  unknown: count,
  revenue: finite,
  churnedRevenue: finite,
  revenueSq: finite,
  churnedRevenueSq: finite,
  revenueMissing: count,
  /** [dimension, churn counts per level] pairs. */
  bySegment: z.array(z.tuple([z.string(), GroupedProportionSchema])),
});

/**
 * Per-customer columns (reducing/customer-index.ts): customer ids in index order and each
 * named column's values in the same order.
 */
export const CustomerColumnsSchema = z
  .strictObject({
    ids: z.array(z.string()),
    columns: z.record(z.string(), z.array(finite)),
  })
  .check(
    z.refine((c) => Object.values(c.columns).every((values) => values.length === c.ids.length), {
      error: 'every column has one value per customer',
    }),
  );

/** reducing/behaviour-state.ts. */
export const BehaviourStateSchema = z.strictObject({
  customers: CustomerColumnsSchema,
  /** Dimension → each customer's level (from their first order). */
  segments: z.record(z.string(), z.array(level)),
  excluded: z.record(z.string(), count),
  missingAmount: count,
  /** Guest orders' totals; absent when the snapshot counted none. */
  guests: z.optional(
    z.strictObject({
      orders: count,
      priced: count,
      revenue: finite,
      revenueSq: finite,
      delivered: count,
      late: count,
    }),
  ),
});

// The types the code reads: each is its schema’s output, never written by hand.
export type EncodedHistogram = z.output<typeof HistogramSchema>;
export type EncodedMoments = z.output<typeof MomentsSchema>;
export type EncodedDriverState = z.output<typeof DriverStateSchema>;
export type EncodedSurveyConfig = z.output<typeof SurveyConfigSchema>;
export type EncodedSurveyCell = z.output<typeof SurveyCellSchema>;
export type EncodedSurveyState = z.output<typeof SurveyStateSchema>;
export type EncodedVoiceState = z.output<typeof VoiceStateSchema>;
export type EncodedComplaintState = z.output<typeof ComplaintStateSchema>;
export type EncodedGroupedProportion = z.output<typeof GroupedProportionSchema>;
export type EncodedCustomerBase = z.output<typeof CustomerBaseSchema>;
export type EncodedCustomerColumns = z.output<typeof CustomerColumnsSchema>;
export type EncodedBehaviourState = z.output<typeof BehaviourStateSchema>;
