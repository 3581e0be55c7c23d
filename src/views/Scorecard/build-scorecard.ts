/** Pure builder of the scorecard: one row per segment level, one cell per metric. */
import { changeIsImprovement, formatDelta, formatP } from '../format.ts';
import type { ReviewFigures } from '../../contracts/figures-schema.ts';
import { buildEstimateCell, type EstimateCell } from '../EstimateCell/build-estimate-cell.ts';

export interface ScorecardCell extends EstimateCell {
  metricId: string;
  /** Against the rest of the sample, adjusted as the figures say. */
  vsRest: { text: string; better: boolean } | null;
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

/** The scorecard of one segment dimension over the given metrics (unknown metrics are left out). */
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
    cells: ids.map((id): ScorecardCell => {
      const metric = figures.catalog[id]!;
      const e = figures.metrics[id]!.segments[dimension]?.[level];
      return {
        ...buildEstimateCell(metric, e, e?.change ?? null, locale),
        metricId: id,
        vsRest:
          e?.vsRest && e.vsRest.significantAdjusted
            ? {
                text: `${formatDelta(metric, e.vsRest.delta, locale)} vs rest (adj. ${formatP(e.vsRest.pAdjusted)})`,
                better: changeIsImprovement(metric, e.vsRest),
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
