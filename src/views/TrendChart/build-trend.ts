/**
 * Pure builder of a trend: one point per period with its interval, the rows of its table, a
 * one-line summary, and the chart drawn as static SVG geometry in two layouts (a wide one for
 * screens and paper, a narrow one for phones) so the whole time range shows at any width
 * without a script. The points carry their tests already (computed by the figures stage); a
 * suppressed point is a gap, never a value.
 */
import type { MetricInfo, TrendPoint } from '../../contracts/figures-schema.ts';
import { metricColour, type SeriesColour } from '../chart-colours.ts';
import { stepDecimals, valueAxis } from '../chart-axis.ts';
import { formatCount, numberFormats, type NumberFormats } from '../format.ts';
import { readDifference, readingWords, type Tone } from '../significance.ts';

export interface TrendRow {
  period: string;
  value: string;
  interval: string;
  n: string;
  change: string;
  /** The change into this period is real (its row carries the mark). */
  mark: '▲' | '▼' | null;
  tone: Tone;
}

export interface TrendPointMark {
  x: number;
  y: number;
  /** A circle, or a triangle pointing the way a real change went. */
  shape: 'circle' | 'up' | 'down';
  /** SVG path of the marker (numbers only). */
  d: string;
  tone: Tone;
  /** Indicative base: drawn open. */
  open: boolean;
  /** What a pointer shows: period, value, interval, n, reading. */
  title: string;
}

/** A trend drawn for one width: everything in SVG user units. */
export interface TrendGeometry {
  width: number;
  height: number;
  fontSize: number;
  box: { x: number; y: number; w: number; h: number };
  /** Grid line height and the baseline of its label. */
  yTicks: Array<{ y: number; labelY: number; text: string }>;
  xLabels: Array<{ x: number; text: string; anchor: 'start' | 'middle' | 'end'; last: boolean }>;
  /** Baseline of the period labels. */
  xLabelY: number;
  /** Interval band paths, one per run of shown periods. */
  bands: string[];
  /** Value line paths, broken at suppressed periods. */
  lines: string[];
  points: TrendPointMark[];
  /** The target line, and where its label sits (above it, or below when the line is at the top). */
  target: { y: number; labelY: number } | null;
  /** The latest shown value written beside its point. */
  lastValue: { x: number; y: number; text: string } | null;
}

export interface Trend {
  metricId: string;
  title: string;
  points: readonly TrendPoint[];
  rows: TrendRow[];
  summary: string;
  /** "CSAT (%)": what the value axis measures. */
  yLabel: string;
  target: string | null;
  colour: SeriesColour;
  /** Whether any point is indicative or any change real (the legend lists only what is drawn). */
  hasIndicative: boolean;
  hasRealChange: boolean;
  wide: TrendGeometry;
  narrow: TrendGeometry;
}

export interface TrendOptions {
  /** The group the points are of, for titles ("for SMB"). */
  level?: string;
  target?: number;
  locale?: string;
  currency?: string | null;
}

/** The two layouts: a wide one (screens from 40rem, and A4 or Letter paper) and a phone's. */
export const TREND_LAYOUTS = {
  wide: { width: 720, height: 250, fontSize: 12 },
  narrow: { width: 360, height: 230, fontSize: 11 },
} as const;

// Average advance of a digit or letter of the page's sans-serif, in ems: enough to keep labels
// apart without measuring text at build time.
const CHAR_EM = 0.58;

export function buildTrend(
  metric: MetricInfo,
  points: readonly TrendPoint[],
  options: TrendOptions = {},
): Trend {
  const locale = options.locale ?? 'en-GB';
  const format = numberFormats(locale, options.currency ?? null);
  const value = (v: number) => format.value(metric, v);
  const readings = points.map((p, i) => {
    const before = points.slice(0, i).findLast((q) => q.value !== null);
    const indicative = p.base === 'indicative' || before?.base === 'indicative';
    return p.change && p.value !== null
      ? readDifference(metric, p.change, p.change.significant, indicative)
      : null;
  });
  const rows = points.map((p, i): TrendRow => {
    const reading = readings[i];
    return {
      period: p.period,
      value:
        p.value === null
          ? `too few (n = ${formatCount(p.n, locale)})`
          : value(p.value) + (p.base === 'indicative' ? '*' : ''),
      interval:
        p.value !== null && p.lower !== null && p.upper !== null
          ? format.interval(metric, p.lower, p.upper)
          : '—',
      n: formatCount(p.n, locale),
      change:
        p.change && reading
          ? `${format.delta(metric, p.change.delta)}, ${reading.words}${reading.indicative && reading.mark ? ' (indicative)' : ''}`
          : '—',
      mark: reading?.mark ?? null,
      tone: reading?.tone ?? 'neutral',
    };
  });
  const shown = points.filter((p) => p.value !== null);
  const first = shown[0];
  const last = shown.at(-1);
  const where = options.level ? ` for ${options.level}` : '';
  let summary = `${metric.label}${where}: no period has enough responses to show.`;
  if (first && last && first !== last) {
    const lastIndex = points.length - 1;
    const lastReading = points[lastIndex]!.value !== null ? readings[lastIndex] : null;
    const lastChange = points[lastIndex]!.change;
    summary =
      `${metric.label}${where} went from ${value(first.value!)} in ${first.period} to ` +
      `${value(last.value!)} in ${last.period}` +
      (lastChange && lastReading
        ? `; the latest change is ${format.delta(metric, lastChange.delta)}, ${readingWords(lastReading)}.`
        : '.');
  } else if (last) {
    summary = `${metric.label}${where} was ${value(last.value!)} in ${last.period}.`;
  }
  // A point's tooltip reads the same in both layouts: written once.
  const titles = points.map((p, i) => {
    if (p.value === null) return '';
    const reading = readings[i];
    const interval =
      p.lower !== null && p.upper !== null
        ? ` (95% interval ${value(p.lower)} to ${value(p.upper)})`
        : '';
    return (
      `${p.period}: ${value(p.value)}${interval}, n = ${formatCount(p.n, locale)}` +
      (p.base === 'indicative' ? ', indicative: small base' : '') +
      (reading ? `; ${reading.words} since the period before` : '')
    );
  });
  const draw = (layout: (typeof TREND_LAYOUTS)[keyof typeof TREND_LAYOUTS]) =>
    drawTrend(metric, points, readings, titles, options.target ?? null, layout, format);
  return {
    metricId: metric.id,
    title: `${metric.label}${where}`,
    points,
    rows,
    summary,
    yLabel: metric.unit === '%' ? `${metric.shortLabel} (%)` : metric.shortLabel,
    target: options.target !== undefined ? value(options.target) : null,
    colour: metricColour(metric),
    hasIndicative: shown.some((p) => p.base === 'indicative'),
    hasRealChange: readings.some((r) => r?.mark),
    wide: draw(TREND_LAYOUTS.wide),
    narrow: draw(TREND_LAYOUTS.narrow),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;

/** The marker of a point: a circle, or a triangle pointing up or down (r = its half-size). */
function markerPath(x: number, y: number, shape: TrendPointMark['shape'], r: number): string {
  if (shape === 'circle')
    return `M${round(x - r)},${round(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
  const t = r * 1.35;
  const s = shape === 'up' ? 1 : -1;
  return `M${round(x)},${round(y - s * t)}L${round(x + t)},${round(y + s * t * 0.75)}L${round(x - t)},${round(y + s * t * 0.75)}Z`;
}

function drawTrend(
  metric: MetricInfo,
  points: readonly TrendPoint[],
  readings: ReadonlyArray<ReturnType<typeof readDifference> | null>,
  titles: readonly string[],
  target: number | null,
  layout: { width: number; height: number; fontSize: number },
  format: NumberFormats,
): TrendGeometry {
  const value = (v: number) => format.value(metric, v);
  const { width, height, fontSize } = layout;
  const charWidth = fontSize * CHAR_EM;
  const axis = valueAxis(
    [...points.flatMap((p) => (p.value === null ? [] : [p.value, p.lower, p.upper])), target],
    metric.range,
  );
  // Ticks carry the decimals their step needs, at most the metric's own.
  const tickMetric = { ...metric, decimals: Math.min(metric.decimals, stepDecimals(axis.step)) };
  const tickText = (v: number) => format.value(tickMetric, v);
  const yTicksText = axis.ticks.map(tickText);
  const last = points.findLast((p) => p.value !== null);
  const lastText = last ? value(last.value!) : '';
  const left = Math.ceil(Math.max(...yTicksText.map((t) => t.length), 1) * charWidth) + 10;
  const right = Math.ceil(lastText.length * (charWidth + 0.6)) + 12;
  const top = fontSize;
  const bottom = fontSize * 2 + 6;
  const box = { x: left, y: top, w: width - left - right, h: height - top - bottom };
  const n = Math.max(points.length, 1);
  const slot = box.w / n;
  const sx = (i: number) => box.x + (i + 0.5) * slot;
  const sy = (v: number) => box.y + box.h - ((v - axis.min) / (axis.max - axis.min)) * box.h;
  // Every k-th period label, counted back from the latest so the latest is always written.
  const labelWidth = Math.max(...points.map((p) => p.period.length), 1) * charWidth + 8;
  const every = Math.max(1, Math.ceil(labelWidth / slot));
  const xLabels = points.flatMap((p, i) => {
    if ((points.length - 1 - i) % every !== 0) return [];
    const x = sx(i);
    const half = (p.period.length * charWidth) / 2;
    const anchor: 'start' | 'middle' | 'end' =
      x + half > width - 2 ? 'end' : x - half < 2 ? 'start' : 'middle';
    return [
      {
        x: round(anchor === 'end' ? width - 2 : anchor === 'start' ? 2 : x),
        text: p.period,
        anchor,
        last: i === points.length - 1,
      },
    ];
  });
  const runs: number[][] = [];
  points.forEach((p, i) => {
    if (p.value === null) return;
    const run = runs.at(-1);
    if (run && run.at(-1) === i - 1) run.push(i);
    else runs.push([i]);
  });
  const lines = runs
    .filter((run) => run.length > 1)
    .map((run) =>
      run
        .map((i, k) => `${k === 0 ? 'M' : 'L'}${round(sx(i))},${round(sy(points[i]!.value!))}`)
        .join(''),
    );
  const bands = runs.flatMap((run) => {
    const withBounds = run.filter((i) => points[i]!.lower !== null && points[i]!.upper !== null);
    if (withBounds.length < 2) return [];
    const upper = withBounds.map(
      (i, k) => `${k === 0 ? 'M' : 'L'}${round(sx(i))},${round(sy(points[i]!.upper!))}`,
    );
    const lower = [...withBounds]
      .reverse()
      .map((i) => `L${round(sx(i))},${round(sy(points[i]!.lower!))}`);
    return [`${upper.join('')}${lower.join('')}Z`];
  });
  const r = fontSize * 0.36;
  const marks = points.flatMap((p, i): TrendPointMark[] => {
    if (p.value === null) return [];
    const reading = readings[i];
    const shape = reading?.mark === '▲' ? 'up' : reading?.mark === '▼' ? 'down' : 'circle';
    const x = sx(i);
    const y = sy(p.value);
    return [
      {
        x: round(x),
        y: round(y),
        shape,
        d: markerPath(x, y, shape, shape === 'circle' ? r : r * 1.3),
        tone: reading?.mark ? reading.tone : 'neutral',
        open: p.base === 'indicative',
        title: titles[i]!,
      },
    ];
  });
  const lastIndex = last ? points.lastIndexOf(last) : -1;
  return {
    width,
    height,
    fontSize,
    box: { x: round(box.x), y: round(box.y), w: round(box.w), h: round(box.h) },
    yTicks: axis.ticks.map((v, i) => ({
      y: round(sy(v)),
      labelY: round(sy(v) + fontSize * 0.35),
      text: yTicksText[i]!,
    })),
    xLabels,
    xLabelY: round(box.y + box.h + fontSize + 6),
    bands,
    lines,
    points: marks,
    target:
      target !== null && target >= axis.min && target <= axis.max
        ? {
            y: round(sy(target)),
            labelY: round(sy(target) - 4 < fontSize ? sy(target) + fontSize + 2 : sy(target) - 4),
          }
        : null,
    lastValue: last
      ? {
          x: round(sx(lastIndex) + r * 2 + 4),
          y: round(sy(last.value!) + fontSize * 0.35),
          text: lastText,
        }
      : null,
  };
}
