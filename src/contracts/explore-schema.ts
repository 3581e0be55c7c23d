/**
 * The Explore page's data for one period: the protected cell states the build publishes (see
 * reducing/protect-cells.ts) and what the browser needs to run the registry's metrics on them.
 * The page fetches it as `explore/<snapshot>/states.json` and validates it with this schema
 * before decoding the states (contracts/state-schema.ts). zod/mini, as the state schemas: the
 * browser parses it.
 */
import * as z from 'zod/mini';
import { ADJUSTMENTS, TABLE_NAMES } from './fields.ts';
import { ITEM_ROLES, QUALITY_COMPONENTS } from './questionnaire.ts';
import {
  ComplaintStateSchema,
  STATE_FORMAT,
  SurveyStateSchema,
  VoiceStateSchema,
} from './state-schema.ts';

/** Format of the Explore data; bump it when a change makes older files unreadable. */
export const EXPLORE_FORMAT = 1;

const count = z.int().check(z.minimum(0));

/** The resolved questionnaire (contracts/questionnaire.ts), as the registry reads it. */
export const QuestionnaireSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      scale: z.tuple([z.int(), z.int()]),
      steps: z.int().check(z.minimum(1)),
      topBox: z.int().check(z.minimum(1)),
      notApplicable: z.array(z.string()),
      role: z.nullable(z.enum(ITEM_ROLES)),
      component: z.nullable(z.enum(QUALITY_COMPONENTS)),
    }),
  ),
  roles: z.partialRecord(z.enum(ITEM_ROLES), z.string()),
  indexItems: z.array(z.string()),
  drivers: z.array(z.string()),
  outcomes: z.array(z.string()),
});

/** A dimension a reader can filter on. */
export const ExploreDimensionSchema = z.strictObject({
  /** The manifest's dimension id, or an order group's (which has a "-"). */
  id: z.string(),
  label: z.string(),
  /** A segment of the manifest, or a grouping of customers by their orders. */
  kind: z.enum(['segment', 'orders']),
  /** Declared (or defined) levels, in display order. */
  levels: z.array(z.string()),
});
export type ExploreDimension = z.output<typeof ExploreDimensionSchema>;

/** One published cell's extras, aligned with the survey state's cells. */
const hiddenFlags = z.array(z.boolean());

export const ExplorePeriodSchema = z
  .strictObject({
    format: z.literal(EXPLORE_FORMAT),
    stateFormat: z.literal(STATE_FORMAT),
    /** The snapshot's id, period label, dates and content hash. */
    id: z.string(),
    period: z.string(),
    start: z.string(),
    end: z.string(),
    hash: z.string(),
    /** Tables the snapshot has (what decides which metrics exist). */
    tables: z.array(z.enum(TABLE_NAMES)),
    minimumBase: z.strictObject({ suppress: count, flag: count }),
    significanceLevel: z.number(),
    adjustment: z.enum(ADJUSTMENTS),
    weighting: z.strictObject({
      method: z.enum(['none', 'poststratify', 'rake']),
      dimensions: z.array(z.string()),
    }),
    questionnaire: QuestionnaireSchema,
    /** In the order of the survey state's dimensions. */
    dimensions: z.array(ExploreDimensionSchema),
    /** Published cells, each weighted as the report weights its responses. */
    survey: SurveyStateSchema,
    /** Per cell: whether its level on each dimension was hidden to protect a small group. */
    hidden: z.array(hiddenFlags),
    /** Per cell: complaints of its respondents' customers; null without a tickets table. */
    complaints: z.nullable(z.array(ComplaintStateSchema)),
    /** Comment themes, in cells of their own (protected on the number of comments). */
    voice: z.array(
      z.strictObject({
        levels: z.array(z.nullable(z.string())),
        hidden: hiddenFlags,
        state: VoiceStateSchema,
      }),
    ),
    /** Responses whose cells were merged to protect small groups (for the methodology). */
    protectedResponses: count,
  })
  .check(
    z.refine(
      (p) =>
        p.hidden.length === p.survey.cells.length &&
        (p.complaints === null || p.complaints.length === p.survey.cells.length) &&
        p.dimensions.map((d) => d.id).join('\u0001') === p.survey.config.dimensions.join('\u0001'),
      {
        error: 'every published cell has its hidden flags and complaints, over the same dimensions',
      },
    ),
  );
export type ExplorePeriodFile = z.output<typeof ExplorePeriodSchema>;
