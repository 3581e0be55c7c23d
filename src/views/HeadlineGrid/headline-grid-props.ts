import { z } from 'zod';
import { HEADLINE_METRICS } from '../../metrics/registry/index.ts';
import { MetricIdSchema } from '../validate-props.ts';

/** `<HeadlineGrid sparklines />`: one card per headline metric. */
export const HeadlineGridPropsSchema = z.strictObject({
  /** Metric ids to show, in order; defaults to the headline set. */
  metrics: z.array(MetricIdSchema).default(() => [...HEADLINE_METRICS]),
  /** Show a sparkline of each metric over the periods its review's trends hold. */
  sparklines: z.boolean().optional(),
  /**
   * The level of each card's heading: 3 under a section's heading (a report), 2 where the cards
   * sit right under the page's title (the home page), so headings never skip a level.
   */
  headingLevel: z.union([z.literal(2), z.literal(3)]).default(3),
});
export type HeadlineGridProps = z.input<typeof HeadlineGridPropsSchema>;
