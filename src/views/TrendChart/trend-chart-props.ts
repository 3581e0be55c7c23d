import { z } from 'zod';
import type { MetricInfo, TrendPoint } from '../../contracts/figures-schema.ts';
import { MetricIdSchema } from '../validate-props.ts';

/**
 * `<TrendChart metric="csat" />` in a report; the trends and group pages also pass the series
 * (the metric, its points, target, group, currency and the review's rules) and the locale,
 * which a report takes from its figures.
 */
export const TrendChartPropsSchema = z.strictObject({
  /** Metric id, e.g. "nps". */
  metric: MetricIdSchema,
  /** Outside a report: the metric, its points and target. */
  series: z
    .custom<{
      info: MetricInfo;
      points: readonly TrendPoint[];
      target?: number;
      level?: string;
      currency?: string | null;
      /** Minimum bases and significance level, for the legend. */
      rules: { suppress: number; flag: number; alpha: number };
    }>((value) => typeof value === 'object' && value !== null, {
      error: 'expected a metric with its points',
    })
    .optional(),
  locale: z.string().min(1, { error: 'must not be empty' }).optional(),
});
export type TrendChartProps = z.input<typeof TrendChartPropsSchema>;
