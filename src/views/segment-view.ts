/**
 * Pure builder of the segment view: one customer group across periods and metrics, from the
 * history figures (every change was tested when its period's figures were computed).
 */
import { createHash } from 'node:crypto';
import type { HistoryFigures } from '../contracts/figures-schema.ts';
import { buildEstimateCell, type EstimateCell } from './EstimateCell/build-estimate-cell.ts';

export interface SegmentRef {
  dimension: string;
  dimensionLabel: string;
  level: string;
}

export interface SegmentView {
  periods: string[];
  rows: Array<{ metricId: string; label: string; cells: EstimateCell[] }>;
}

/** Every dimension × level of any period, in declaration order. */
export function listSegments(history: HistoryFigures): SegmentRef[] {
  return Object.entries(history.segments).flatMap(([dimension, info]) =>
    info.levels.map((level) => ({ dimension, dimensionLabel: info.label, level })),
  );
}

export function buildSegmentView(
  history: HistoryFigures,
  dimension: string,
  level: string,
  locale: string,
  currency: string | null = null,
): SegmentView {
  const rows = Object.entries(history.series).flatMap(([metricId, series]) => {
    const metric = history.catalog[metricId];
    const points = series.segments[dimension]?.[level];
    if (!metric || !points || points.every((p) => p.n === 0)) return [];
    return [
      {
        metricId,
        label: metric.label,
        cells: points.map((p) => buildEstimateCell(metric, p, p.change, locale, { currency })),
      },
    ];
  });
  return { periods: history.periods.map((p) => p.period), rows };
}

/** Longest slug kept whole: a page is a folder, and a file name holds at most 255 bytes. */
const MAX_SLUG = 60;

/**
 * URL-safe slug of a segment level; a long level keeps its first words and a hash of the whole.
 * @example levelSlug('Public sector') // 'public-sector'
 */
export function levelSlug(level: string): string {
  const slug =
    level
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'level';
  if (slug.length <= MAX_SLUG) return slug;
  const hash = createHash('sha256').update(level).digest('hex').slice(0, 8);
  return `${slug.slice(0, MAX_SLUG).replace(/-$/, '')}-${hash}`;
}
