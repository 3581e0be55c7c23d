/**
 * Pure builder of the headline cards: for each metric id its value, interval and base, its
 * status against target in words, its change since the previous period in the site's
 * vocabulary (the test itself kept for the disclosure), and its trend for the sparkline.
 */
import type { ReviewFigures, TargetStatus } from '../../contracts/figures-schema.ts';
import { formatCount, numberFormats } from '../format.ts';
import {
  readDifference,
  readingWords,
  testDetail,
  type DifferenceReading,
} from '../significance.ts';

export interface HeadlineCard {
  metricId: string;
  /** The registry entry the methodology page defines it under. */
  entry: string;
  label: string;
  shortLabel: string;
  /** Formatted value, or null when suppressed. */
  value: string | null;
  interval: string | null;
  n: string;
  base: 'ok' | 'indicative' | 'suppressed';
  change: {
    /** "−4.2 pp" */
    text: string;
    /** "−7.1 pp to −1.3 pp": the change's 95% interval, when the figures hold it. */
    interval: string | null;
    reading: DifferenceReading;
    /** "Two-proportion z-test, p = 0.021": for the disclosure, not the card's face. */
    detail: string;
  } | null;
  /** Previous period label the change refers to. */
  previousPeriod: string | null;
  /**
   * "Not compared with Q2 2026: measured otherwise then (another scale, top box or currency)",
   * when the previous period measured it otherwise and no change was computed; null otherwise.
   */
  notCompared: string | null;
  target: string | null;
  /** Status against target, from the figures: met / missed / no-target / no-value. */
  targetStatus: TargetStatus['status'];
  /** "Target 35.0: missed by 30.4 pts", "Target 70.0: met", "No target". */
  targetText: string;
  /** Values over the periods so far, oldest first, for a sparkline. */
  trend: Array<number | null>;
  range: readonly [number, number] | null;
  /** Sentence for screen readers and text-only reading. */
  sentence: string;
}

export function buildHeadline(
  figures: ReviewFigures,
  metricIds: readonly string[],
  locale: string,
): HeadlineCard[] {
  const previous = figures.previous;
  const format = numberFormats(locale, figures.currency ?? null);
  return metricIds.flatMap((id) => {
    const metric = figures.catalog[id];
    const m = figures.metrics[id];
    if (!metric || !m) return [];
    const e = m.overall;
    const change = e.value === null ? null : m.change;
    const value = e.value !== null ? format.value(metric, e.value) : null;
    const interval =
      e.value !== null && e.lower !== null && e.upper !== null
        ? format.interval(metric, e.lower, e.upper)
        : null;
    const target = figures.targets[id];
    const status =
      figures.targetStatus[id]?.status ?? (target === undefined ? 'no-target' : 'no-value');
    const shortfall = figures.targetStatus[id]?.shortfall ?? null;
    const targetText =
      target === undefined
        ? 'No target'
        : `Target ${format.value(metric, target)}: ${
            status === 'met'
              ? 'met'
              : status === 'missed' && shortfall !== null
                ? `missed by ${format.delta(metric, shortfall).replace(/^\+/, '')}`
                : 'not judged (too few responses)'
          }`;
    const indicative = m.significantButIndicative || e.base === 'indicative';
    const changePart = change
      ? {
          text: format.delta(metric, change.delta),
          interval:
            change.ciLow !== undefined && change.ciHigh !== undefined
              ? `${format.delta(metric, change.ciLow)} to ${format.delta(metric, change.ciHigh)}`
              : null,
          reading: readDifference(metric, change, change.significant, indicative),
          detail: testDetail({ name: change.test, p: change.p }),
        }
      : null;
    const notCompared =
      m.redefined && previous
        ? `Not compared with ${previous.period}: measured otherwise then (another scale, top box or currency)`
        : null;
    const sentence =
      value === null
        ? `${metric.label}: suppressed, too few responses (n = ${formatCount(e.n, locale)}).`
        : `${metric.label}: ${value}, 95% interval ${interval}, n = ${formatCount(e.n, locale)}` +
          (changePart && previous
            ? `; ${changePart.text}${changePart.interval ? ` (95% interval ${changePart.interval})` : ''} since ${previous.period}, ${readingWords(changePart.reading)}`
            : '') +
          (notCompared ? `; ${notCompared.charAt(0).toLowerCase()}${notCompared.slice(1)}` : '') +
          (e.base === 'indicative' ? '; indicative only, small base' : '') +
          `; ${targetText}.`;
    return [
      {
        metricId: id,
        entry: metric.entry,
        label: metric.label,
        shortLabel: metric.shortLabel,
        value,
        interval,
        n: formatCount(e.n, locale),
        base: e.base,
        change: changePart,
        previousPeriod: previous?.period ?? null,
        notCompared,
        target: target !== undefined ? format.value(metric, target) : null,
        targetStatus: status,
        targetText,
        trend: (figures.trends[id] ?? []).map((p) => p.value),
        range: metric.range,
        sentence,
      },
    ];
  });
}
