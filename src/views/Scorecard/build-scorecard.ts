/** Pure builder of the scorecard: one row per segment level, one cell per metric. */
import {
  formatDelta,
  formatInterval,
  formatP,
  formatValue,
  changeIsImprovement,
} from '../format.ts';
import type { ReviewContext } from '../review-context.ts';
import { getMetric } from '../../metrics/registry.ts';

export interface ScorecardCell {
  metricId: string;
  value: string | null;
  interval: string | null;
  base: 'ok' | 'indicative' | 'suppressed';
  n: number;
  /** Against the rest of the sample, Holm-adjusted. */
  vsRest: { text: string; better: boolean } | null;
  change: { text: string; significant: boolean; improvement: boolean; p: string } | null;
}

export interface ScorecardRow {
  level: string;
  responses: number;
  cells: ScorecardCell[];
}

export interface Scorecard {
  dimension: string;
  dimensionLabel: string;
  columns: Array<{ metricId: string; label: string }>;
  rows: ScorecardRow[];
}

export function buildScorecard(
  ctx: ReviewContext,
  dimension: string,
  metricIds: readonly string[],
): Scorecard {
  const info = ctx.figures.segments[dimension];
  if (!info) {
    throw new Error(
      `Scorecard: unknown segment dimension "${dimension}" (known: ${Object.keys(ctx.figures.segments).join(', ')})`,
    );
  }
  const ids = metricIds.filter((id) => ctx.figures.metrics[id]);
  const rows = info.levels.map((level) => ({
    level,
    responses: ctx.figures.responseRates[dimension]?.[level]?.responses ?? 0,
    cells: ids.map((id) => {
      const metric = getMetric(id);
      const e = ctx.figures.metrics[id]!.segments[dimension]?.[level];
      const change = ctx.changes?.[id]?.segments[dimension]?.[level] ?? null;
      if (!e)
        return {
          metricId: id,
          value: null,
          interval: null,
          base: 'suppressed' as const,
          n: 0,
          vsRest: null,
          change: null,
        };
      return {
        metricId: id,
        value: e.value === null ? null : formatValue(metric, e.value, ctx.locale),
        interval:
          e.lower !== null && e.upper !== null
            ? formatInterval(metric, e.lower, e.upper, ctx.locale)
            : null,
        base: e.base,
        n: e.n,
        vsRest:
          e.vsRest && e.vsRest.significantAdjusted
            ? {
                text: `${formatDelta(metric, e.vsRest.delta, ctx.locale)} vs rest (adj. ${formatP(e.vsRest.pAdjusted)})`,
                better: changeIsImprovement(metric, e.vsRest),
              }
            : null,
        change: change
          ? {
              text: formatDelta(metric, change.delta, ctx.locale),
              significant: change.significant,
              improvement: changeIsImprovement(metric, change),
              p: formatP(change.p),
            }
          : null,
      };
    }),
  }));
  return {
    dimension,
    dimensionLabel: info.label,
    columns: ids.map((id) => ({ metricId: id, label: getMetric(id).shortLabel })),
    rows,
  };
}
