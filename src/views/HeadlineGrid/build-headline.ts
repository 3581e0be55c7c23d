/** Pure builder of the headline cards: value, interval, base and change for each metric id. */
import type { ReviewFigures } from '../../contracts/figures-schema.ts';
import {
  changeIsImprovement,
  formatCount,
  formatDelta,
  formatInterval,
  formatP,
  formatValue,
} from '../format.ts';

export interface HeadlineCard {
  metricId: string;
  label: string;
  /** Formatted value, or null when suppressed. */
  value: string | null;
  interval: string | null;
  n: string;
  base: 'ok' | 'indicative' | 'suppressed';
  change: {
    text: string;
    /** up / down / flat, for the arrow. */
    direction: 'up' | 'down' | 'flat';
    significant: boolean;
    improvement: boolean;
    test: string;
  } | null;
  /** Previous period label the change refers to. */
  previousPeriod: string | null;
  target: string | null;
  /** Status against target, from the figures: met / missed / no-target / no-value. */
  targetStatus: 'met' | 'missed' | 'no-target' | 'no-value';
  /** "Target 35.0: missed by 30.4 pts", "Target 70.0: met", "No target". */
  targetText: string;
  /** Values over the periods so far, oldest first, for a sparkline. */
  trend: Array<number | null>;
  /** Sentence for screen readers and text-only reading. */
  sentence: string;
}

export function buildHeadline(
  figures: ReviewFigures,
  metricIds: readonly string[],
  locale: string,
): HeadlineCard[] {
  const previous = figures.previous;
  return metricIds.flatMap((id) => {
    const metric = figures.catalog[id];
    const m = figures.metrics[id];
    if (!metric || !m) return [];
    const e = m.overall;
    const change = m.change;
    const value = e.value !== null ? formatValue(metric, e.value, locale) : null;
    const interval =
      e.lower !== null && e.upper !== null
        ? formatInterval(metric, e.lower, e.upper, locale)
        : null;
    const target = figures.targets[id];
    const status = figures.targetStatus[id]?.status ?? 'no-target';
    const shortfall = figures.targetStatus[id]?.shortfall ?? null;
    const targetText =
      target === undefined
        ? 'No target'
        : `Target ${formatValue(metric, target, locale)}: ${
            status === 'met'
              ? 'met'
              : status === 'missed' && shortfall !== null
                ? `missed by ${formatDelta(metric, shortfall, locale).replace(/^\+/, '')}`
                : 'not judged (too few responses)'
          }`;
    const changePart = change
      ? {
          text: formatDelta(metric, change.delta, locale),
          direction: (change.delta > 0 ? 'up' : change.delta < 0 ? 'down' : 'flat') as
            'up' | 'down' | 'flat',
          significant: change.significant,
          improvement: changeIsImprovement(metric, change),
          test: `${change.test}, ${formatP(change.p)}`,
        }
      : null;
    const sentence =
      value === null
        ? `${metric.label}: suppressed, too few responses (n = ${formatCount(e.n, locale)}).`
        : `${metric.label}: ${value}, 95% interval ${interval}, n = ${formatCount(e.n, locale)}` +
          (changePart && previous
            ? `; ${changePart.text} vs ${previous.period}, ${changePart.significant ? 'a significant change' : 'not a significant change'} (${changePart.test})`
            : '') +
          (e.base === 'indicative' ? '; indicative only, small base' : '') +
          '.';
    return [
      {
        metricId: id,
        label: metric.label,
        value,
        interval,
        n: formatCount(e.n, locale),
        base: e.base,
        change: changePart,
        previousPeriod: previous?.period ?? null,
        target: target !== undefined ? formatValue(metric, target, locale) : null,
        targetStatus: status,
        targetText,
        trend: (figures.trends[id] ?? []).map((p) => p.value),
        sentence,
      },
    ];
  });
}
