/** Pure builder of an inline figure: the text `<Figure metric="…">` puts in a sentence. */
import type { ReviewFigures } from '../../contracts/figures-schema.ts';
import { describeEstimate, formatDelta, formatP, formatValue } from '../format.ts';
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
  }
  if (show === 'change') {
    return change
      ? `${formatDelta(metric, change.delta, locale)} (${change.significant ? 'significant' : 'not significant'}, ${formatP(change.p)})`
      : 'no comparable previous period';
  }
  if (estimate.value === null) return `suppressed (n = ${estimate.n})`;
  if (show === 'full') return describeEstimate(metric, estimate, locale);
  return formatValue(metric, estimate.value, locale);
}
