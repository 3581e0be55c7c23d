/** Pure builder of the scorecard: one row per segment level, one cell per metric. */
import type { ReviewFigures } from '../../contracts/figures-schema.ts';
import { formatCount } from '../format.ts';
import { buildEstimateCell, type EstimateCell } from '../EstimateCell/build-estimate-cell.ts';

export interface ScorecardCell extends EstimateCell {
  metricId: string;
}

export interface ScorecardRow {
  level: string;
  responses: string;
  cells: ScorecardCell[];
}

export interface Scorecard {
  dimension: string;
  dimensionLabel: string;
  columns: Array<{ metricId: string; label: string }>;
  rows: ScorecardRow[];
  /** Some cell is indicative (the legend explains the asterisk only where it is used). */
  hasIndicative: boolean;
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
    responses: formatCount(figures.responseRates[dimension]?.[level]?.responses ?? 0, locale),
    cells: ids.map((id): ScorecardCell => {
      const metric = figures.catalog[id]!;
      const e = figures.metrics[id]!.segments[dimension]?.[level];
      return {
        ...buildEstimateCell(metric, e, e?.change ?? null, locale, {
          vsRest: e?.vsRest ?? null,
          significantButIndicative: e?.significantButIndicative ?? false,
          currency: figures.currency ?? null,
        }),
        metricId: id,
      };
    }),
  }));
  return {
    dimension,
    dimensionLabel: info.label,
    columns: ids.map((id) => ({ metricId: id, label: figures.catalog[id]!.shortLabel })),
    rows,
    hasIndicative: rows.some((r) => r.cells.some((c) => c.base === 'indicative')),
  };
}
