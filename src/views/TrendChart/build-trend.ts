/**
 * Pure builder of a trend: one point per period with its interval, the rows of the fallback
 * table, a one-line summary, and the chart.js configuration the client script renders. The
 * points carry their tests already (computed by the figures stage).
 */
import type { MetricInfo, TrendPoint } from '../../contracts/figures-schema.ts';
import { metricColour } from '../chart-colours.ts';
import { formatDelta, formatInterval, formatP, formatValue } from '../format.ts';

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
  points: readonly TrendPoint[];
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
    range: [number, number] | null;
  };
}

export interface TrendOptions {
  /** The group the points are of, for titles ("for SMB"). */
  level?: string;
  target?: number;
  locale?: string;
}

export function buildTrend(
  metric: MetricInfo,
  points: readonly TrendPoint[],
  options: TrendOptions = {},
): Trend {
  const locale = options.locale ?? 'en-GB';
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
  return {
    metricId: metric.id,
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
      target: options.target ?? null,
      yLabel: metric.unit === '%' ? `${metric.shortLabel} (%)` : metric.shortLabel,
      colour: metricColour(metric),
      range: metric.range,
    },
  };
}
