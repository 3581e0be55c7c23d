/**
 * Pure builder of a trend: one point per period with its interval, the rows of the fallback
 * table, a one-line summary, and the chart.js configuration the client script renders.
 */
import { formatDelta, formatInterval, formatP, formatValue } from '../format.ts';
import type { Change } from '../../metrics/change.ts';
import { compareEstimates } from '../../metrics/change.ts';
import type { Estimate } from '../../metrics/estimate.ts';
import { getMetric, metricColour } from '../../metrics/registry.ts';
import type { SnapshotFigures } from '../../figures/snapshot-figures.ts';

export interface TrendPoint {
  period: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
  base: Estimate['base'];
  /** Change against the previous point, when both are shown. */
  change: Change | null;
}

export interface TrendRow {
  period: string;
  value: string;
  interval: string;
  n: string;
  change: string;
}

export interface Trend {
  metricId: string;
  title: string;
  points: TrendPoint[];
  rows: TrendRow[];
  summary: string;
  /** Serializable data for the client-side chart. */
  chart: {
    labels: string[];
    value: Array<number | null>;
    lower: Array<number | null>;
    upper: Array<number | null>;
    /** Whether the change into each period is statistically significant (drawn as a triangle). */
    significant: boolean[];
    target: number | null;
    yLabel: string;
    /** The metric's colour (same on every chart). */
    colour: string;
    range: [number, number];
  };
}

export interface TrendOptions {
  dimension?: string;
  level?: string;
  locale?: string;
}

/** @param history snapshots oldest first */
export function buildTrend(
  history: readonly SnapshotFigures[],
  metricId: string,
  options: TrendOptions = {},
): Trend {
  const metric = getMetric(metricId);
  const locale = options.locale ?? 'en-GB';
  const estimates = history.map((s) => {
    const figures = s.metrics[metricId];
    if (!figures) return null;
    if (options.dimension && options.level)
      return figures.segments[options.dimension]?.[options.level] ?? null;
    return figures.overall;
  });
  const points: TrendPoint[] = history.map((s, i) => {
    const e = estimates[i];
    const prev = i > 0 ? estimates[i - 1] : null;
    return {
      period: s.period,
      value: e?.value ?? null,
      lower: e?.lower ?? null,
      upper: e?.upper ?? null,
      n: e?.n ?? 0,
      base: e?.base ?? 'suppressed',
      change: e && prev ? compareEstimates(e, prev, metric.kind) : null,
    };
  });
  const rows = points.map((p) => ({
    period: p.period,
    value:
      p.value === null
        ? 'suppressed'
        : formatValue(metric, p.value, locale) + (p.base === 'indicative' ? ' (indicative)' : ''),
    interval:
      p.lower !== null && p.upper !== null ? formatInterval(metric, p.lower, p.upper, locale) : '—',
    n: String(p.n),
    change: p.change
      ? `${formatDelta(metric, p.change.delta, locale)}${p.change.significant ? ' (significant, ' + formatP(p.change.p) + ')' : ''}`
      : '—',
  }));
  const shown = points.filter((p) => p.value !== null);
  const first = shown[0];
  const last = shown.at(-1);
  const where = options.level ? ` for ${options.level}` : '';
  let summary = `${metric.label}${where}: no period has enough responses to show.`;
  if (first && last && first !== last) {
    const lastChange = points.at(-1)?.change;
    summary =
      `${metric.label}${where} went from ${formatValue(metric, first.value!, locale)} in ${first.period} to ` +
      `${formatValue(metric, last.value!, locale)} in ${last.period}` +
      (lastChange
        ? `; the latest change is ${formatDelta(metric, lastChange.delta, locale)}, ${lastChange.significant ? 'statistically significant' : 'not statistically significant'} (${formatP(lastChange.p)}).`
        : '.');
  } else if (last) {
    summary = `${metric.label}${where} was ${formatValue(metric, last.value!, locale)} in ${last.period}.`;
  }
  const target = history.at(-1)?.targets[metricId];
  return {
    metricId,
    title: `${metric.label}${where}`,
    points,
    rows,
    summary,
    chart: {
      labels: points.map((p) => p.period),
      value: points.map((p) => p.value),
      lower: points.map((p) => p.lower),
      upper: points.map((p) => p.upper),
      significant: points.map((p) => p.change?.significant ?? false),
      target: target ?? null,
      yLabel: metric.unit === '%' ? `${metric.shortLabel} (%)` : metric.shortLabel,
      colour: metricColour(metricId),
      range: metric.range,
    },
  };
}
