import { z } from 'zod';
import { HEADLINE_METRICS } from '../../metrics/registry/index.ts';
import { MetricIdSchema } from '../validate-props.ts';

/** `<Scorecard dimension="region" />`: one row per level of a segment dimension. */
export const ScorecardPropsSchema = z.strictObject({
  /** Segment dimension, e.g. "customer_group" (the snapshot's dimensions are checked when building). */
  dimension: z.string().min(1, { error: 'must not be empty' }),
  /** Metric ids as columns. */
  metrics: z.array(MetricIdSchema).default(() => [...HEADLINE_METRICS]),
});
export type ScorecardProps = z.input<typeof ScorecardPropsSchema>;
