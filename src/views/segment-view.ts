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
  /** The level's page address within its dimension (levelSlug, unique in the dimension). */
  slug: string;
}

export interface SegmentView {
  periods: string[];
  rows: Array<{
    metricId: string;
    label: string;
    cells: EstimateCell[];
    /**
     * For each cell, whether its period measured the metric otherwise than the one before
     * (another scale, top box or currency): the cells before it are another measure.
     */
    measureStarts: boolean[];
  }>;
}

/** Every dimension × level of any period, in declaration order. */
export function listSegments(history: HistoryFigures): SegmentRef[] {
  return Object.entries(history.segments).flatMap(([dimension, info]) => {
    const plain = info.levels.map((level) => levelSlug(level));
    // Two plain levels can share words ("Month-to-month", "Month to month"): both take a hash.
    const shared = new Set(plain.filter((slug, i) => plain.indexOf(slug) !== i));
    return info.levels.map((level, i) => ({
      dimension,
      dimensionLabel: info.label,
      level,
      slug: shared.has(plain[i]!) ? levelSlug(level, true) : plain[i]!,
    }));
  });
}

/**
 * One group's figures across periods and metrics.
 * @param currencyOf a period's currency (money written in each period's own; a change of
 *   currency is a change of measure)
 */
export function buildSegmentView(
  history: HistoryFigures,
  dimension: string,
  level: string,
  locale: string,
  currencyOf: (snapshot: string) => string | null = () => null,
): SegmentView {
  const rows = Object.entries(history.series).flatMap(([metricId, series]) => {
    const metric = history.catalog[metricId];
    const points = series.segments[dimension]?.[level];
    if (!metric || !points || points.every((p) => p.n === 0)) return [];
    return [
      {
        metricId,
        label: metric.label,
        cells: points.map((p) =>
          buildEstimateCell(metric, p, p.change, locale, { currency: currencyOf(p.snapshot) }),
        ),
        measureStarts: points.map((p, i) => i > 0 && series.breaks.includes(p.snapshot)),
      },
    ];
  });
  return { periods: history.periods.map((p) => p.period), rows };
}

/** Longest slug kept whole: a page is a folder, and a file name holds at most 255 bytes. */
const MAX_SLUG = 60;

/** A level its slug writes back exactly: words of letters and digits, one space or hyphen apart. */
const PLAIN_LEVEL = /^[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*$/;

/**
 * URL-safe slug of a segment level, one per level of a dimension (each level is a page). A plain
 * level is its words ("Public sector" → "public-sector"); any other keeps its words, accents
 * folded, and adds a hash of the whole level, since a slug drops what is not a letter or digit of
 * a–z: "华东" and "华南", "A+B" and "A/B", would otherwise share one page. A long level keeps its
 * first words and the hash. Pages take the slug from listSegments, which also hashes plain levels
 * of one dimension whose words are the same.
 * @param hashed whether the hash is added (by default, for any level but a plain one)
 * @example levelSlug('Public sector') // 'public-sector'
 * @example levelSlug('Île-de-France') // 'ile-de-france-' + 8 hex digits
 */
export function levelSlug(level: string, hashed = !PLAIN_LEVEL.test(level)): string {
  const words = level
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (!hashed && words.length <= MAX_SLUG) return words;
  const hash = createHash('sha256').update(level).digest('hex').slice(0, 8);
  const kept = words.slice(0, MAX_SLUG).replace(/-$/, '');
  return `${kept || 'level'}-${hash}`;
}
