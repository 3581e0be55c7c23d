import { z } from 'zod';
import { MetricIdSchema, SegmentSchema } from '../validate-props.ts';

/** `<Figure metric="nps" show="full" />`: one figure inline in the prose. */
export const FigurePropsSchema = z.strictObject({
  metric: MetricIdSchema,
  /** "dimension:level" for a segment's figure. */
  segment: SegmentSchema.optional(),
  /** value: just the number; full: number, interval and n; change: change vs previous period. */
  show: z.enum(['value', 'full', 'change']).default('value'),
});
export type FigureProps = z.input<typeof FigurePropsSchema>;
