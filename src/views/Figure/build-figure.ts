/** Pure builder of an inline figure: the text `<Figure metric="…">` puts in a sentence. */
import type { ReviewFigures } from '../../contracts/figures-schema.ts';
import { formatCount, numberFormats } from '../format.ts';
import { readDifference, readingWords } from '../significance.ts';
import { unknownMetric } from '../unknown-metric.ts';

export type FigureShow = 'value' | 'full' | 'change';

/**
 * The text of one figure of a review.
 * @param segment "dimension:level" for a group's figure
 * @throws when the review has no such metric id, or no such group, naming the ones it has
 */
export function buildFigure(
  figures: ReviewFigures,
  metricId: string,
  segment: string | undefined,
  show: FigureShow,
  locale: string,
): string {
  const metric = figures.catalog[metricId];
  if (!metric)
    throw unknownMetric('Figure', metricId, `review ${figures.id}`, Object.keys(figures.catalog));
  const m = figures.metrics[metricId];
  if (!m) return 'not available in this review';
  let estimate = m.overall;
  let change = m.change;
  let indicative = m.significantButIndicative;
  if (segment !== undefined) {
    const at = segment.indexOf(':');
    const [dimension, level] = [segment.slice(0, at), segment.slice(at + 1)];
    const figure = m.segments[dimension]?.[level];
    if (!figure) {
      const known = Object.entries(figures.segments).flatMap(([d, info]) =>
        info.levels.map((l) => `${d}:${l}`),
      );
      throw new Error(
        `<Figure segment="${segment}">: no group "${segment}" for ${metricId} (groups: ${known.join(', ') || 'none'})`,
      );
    }
    estimate = figure;
    change = figure.change;
    indicative = figure.significantButIndicative;
  }
  const format = numberFormats(locale, figures.currency ?? null);
  if (show === 'change') {
    if (!change || estimate.value === null) return 'no comparable previous period';
    const reading = readDifference(
      metric,
      change,
      change.significant,
      indicative || estimate.base === 'indicative',
    );
    return `${format.delta(metric, change.delta)}, ${readingWords(reading)}`;
  }
  if (estimate.value === null)
    return `too few responses to show (n = ${formatCount(estimate.n, locale)})`;
  if (show === 'full') return format.describe(metric, estimate);
  return format.value(metric, estimate.value);
}
