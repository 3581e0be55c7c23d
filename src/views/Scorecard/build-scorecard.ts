/** Pure builder of the scorecard: one row per segment level, one cell per metric. */
import {
  formatDelta,
  formatInterval,
  formatP,
  formatValue,
  changeIsImprovement,
} from '../format.ts';
import type { ReviewFigures } from '../../contracts/figures-schema.ts';

export interface ScorecardCell {
  metricId: string;
  value: string | null;
  interval: string | null;
  base: 'ok' | 'indicative' | 'suppressed';
  n: number;
  /** Against the rest of the sample, adjusted as the figures say. */
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
  figures: ReviewFigures,
  dimension: string,
  metricIds: readonly string[],
  locale: string,
): Scorecard {
  const info = figures.segments[dimension];
  if (!info) {
    throw new Error(
      `Scorecard: unknown segment dimension "${dimension}" (known: ${Object.keys(figures.segments).join(', ')})`,
    );
  }
  const ids = metricIds.filter((id) => figures.metrics[id] && figures.catalog[id]);
  const rows = info.levels.map((level) => ({
    level,
    responses: figures.responseRates[dimension]?.[level]?.responses ?? 0,
    cells: ids.map((id) => {
      const metric = figures.catalog[id]!;
      const e = figures.metrics[id]!.segments[dimension]?.[level];
      const change = e?.change ?? null;
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
        value: e.value === null ? null : formatValue(metric, e.value, locale),
        interval:
          e.lower !== null && e.upper !== null
            ? formatInterval(metric, e.lower, e.upper, locale)
            : null,
        base: e.base,
        n: e.n,
        vsRest:
          e.vsRest && e.vsRest.significantAdjusted
            ? {
                text: `${formatDelta(metric, e.vsRest.delta, locale)} vs rest (adj. ${formatP(e.vsRest.pAdjusted)})`,
                better: changeIsImprovement(metric, e.vsRest),
              }
            : null,
        change: change
          ? {
              text: formatDelta(metric, change.delta, locale),
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
    columns: ids.map((id) => ({ metricId: id, label: figures.catalog[id]!.shortLabel })),
    rows,
  };
}
