/** Pure builder of the headline cards: value, interval, base and change for each metric id. */
import {
  formatCount,
  formatDelta,
  formatInterval,
  formatP,
  formatValue,
  changeIsImprovement,
} from '../format.ts';
import type { ReviewContext } from '../review-context.ts';
import { getMetric } from '../../metrics/registry.ts';

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
  /** Sentence for screen readers and text-only reading. */
  sentence: string;
}

export function buildHeadline(ctx: ReviewContext, metricIds: readonly string[]): HeadlineCard[] {
  const previous = ctx.history.length > 1 ? ctx.history[ctx.history.length - 2]! : null;
  return metricIds.flatMap((id) => {
    const metric = getMetric(id);
    const figures = ctx.figures.metrics[id];
    if (!figures) return [];
    const e = figures.overall;
    const change = ctx.changes?.[id]?.overall ?? null;
    const value = e.value !== null ? formatValue(metric, e.value, ctx.locale) : null;
    const interval =
      e.lower !== null && e.upper !== null
        ? formatInterval(metric, e.lower, e.upper, ctx.locale)
        : null;
    const target = ctx.figures.targets[id];
    const changePart = change
      ? {
          text: formatDelta(metric, change.delta, ctx.locale),
          direction: (change.delta > 0 ? 'up' : change.delta < 0 ? 'down' : 'flat') as
            'up' | 'down' | 'flat',
          significant: change.significant,
          improvement: changeIsImprovement(metric, change),
          test: `${change.test}, ${formatP(change.p)}`,
        }
      : null;
    const sentence =
      value === null
        ? `${metric.label}: suppressed, too few responses (n = ${formatCount(e.n, ctx.locale)}).`
        : `${metric.label}: ${value}, 95% interval ${interval}, n = ${formatCount(e.n, ctx.locale)}` +
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
        n: formatCount(e.n, ctx.locale),
        base: e.base,
        change: changePart,
        previousPeriod: previous?.period ?? null,
        target: target !== undefined ? formatValue(metric, target, ctx.locale) : null,
        sentence,
      },
    ];
  });
}
