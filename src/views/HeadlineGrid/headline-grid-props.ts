import { z } from 'zod';
import { HEADLINE_METRICS } from '../../metrics/registry/index.ts';
import { MetricIdSchema } from '../validate-props.ts';

/** `<HeadlineGrid sparklines />`: one card per headline metric. */
export const HeadlineGridPropsSchema = z.strictObject({
  /** Metric ids to show, in order; defaults to the headline set. */
  metrics: z.array(MetricIdSchema).default(() => [...HEADLINE_METRICS]),
  /** Show a sparkline of each metric over all periods so far. */
  sparklines: z.boolean().optional(),
});
export type HeadlineGridProps = z.input<typeof HeadlineGridPropsSchema>;
