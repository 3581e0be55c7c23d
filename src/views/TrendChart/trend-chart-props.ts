import { z } from 'zod';
import type { SnapshotFigures } from '../../figures/snapshot-figures.ts';
import { MetricIdSchema, SegmentSchema } from '../validate-props.ts';

/**
 * `<TrendChart metric="csat" />` in a report; the trends and segment pages also pass the
 * history and locale, which a report takes from its review context.
 */
export const TrendChartPropsSchema = z.strictObject({
  /** Metric id, e.g. "nps". */
  metric: MetricIdSchema,
  /** Optional segment as "dimension:level", e.g. "customer_group:SMB". */
  segment: SegmentSchema.optional(),
  /** Snapshots to plot, oldest first; inside a report, the history up to the report's period. */
  history: z
    .array(
      z.custom<SnapshotFigures>((value) => typeof value === 'object' && value !== null, {
        error: "expected a snapshot's figures",
      }),
    )
    .optional(),
  locale: z.string().min(1, { error: 'must not be empty' }).optional(),
});
export type TrendChartProps = z.input<typeof TrendChartPropsSchema>;
