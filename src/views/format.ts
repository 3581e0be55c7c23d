/**
 * Number formatting for readers: one place decides decimals, signs, units and how a missing or
 * suppressed figure reads, so every page and table says it the same way.
 */
import type { Change, Estimate, MetricInfo } from '../contracts/figures-schema.ts';

/** How a metric's values are written: its unit, decimals and direction. */
type Metric = Pick<MetricInfo, 'unit' | 'decimals' | 'direction' | 'changeUnit'>;

// Intl formatters are costly to create and the same few are asked for thousands of times.
const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, decimals: number, signed = false): Intl.NumberFormat {
  const key = `${locale}|${decimals}|${signed}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    formatters.set(key, f);
  }
  return f;
}

/** "32.1", "68.4%" — a metric value with its unit. */
export function formatValue(metric: Metric, value: number, locale = 'en-GB'): string {
  return `${minus(numberFormat(locale, metric.decimals).format(value))}${metric.unit === '%' ? '%' : ''}`;
}

/** Typographic minus sign: "−20.0" reads better than "-20.0" and never wraps apart. */
function minus(text: string): string {
  return text.replace(/^-/, '\u2212');
}

/** The pieces of an interval as formatInterval writes it: lower, separator, upper, unit. */
export function intervalParts(
  metric: Metric,
  lower: number,
  upper: number,
  locale = 'en-GB',
): [lower: string, separator: string, upper: string, unit: string] {
  const f = numberFormat(locale, metric.decimals);
  // An en dash between two negative numbers ("−29.6–−9.8") is unreadable: say "to" then.
  const separator = lower < 0 || upper < 0 ? ' to ' : '–';
  return [
    minus(f.format(lower)),
    separator,
    minus(f.format(upper)),
    metric.unit === '%' ? '%' : '',
  ];
}

/** "28.0–36.2" — an interval without repeating the unit. */
export function formatInterval(
  metric: Metric,
  lower: number,
  upper: number,
  locale = 'en-GB',
): string {
  return intervalParts(metric, lower, upper, locale).join('');
}

/** "+3.2 pts" / "−1.4 pp" — a change with sign and unit. */
export function formatDelta(metric: Metric, delta: number, locale = 'en-GB'): string {
  const unit = metric.unit === '%' ? ' pp' : metric.changeUnit === 'points' ? ' pts' : '';
  return `${minus(numberFormat(locale, metric.decimals, true).format(delta))}${unit}`;
}

/** "p = 0.032" / "p < 0.001". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p.toFixed(3)}`;
}

/** "n = 1,234" with the locale's grouping. */
export function formatCount(n: number, locale = 'en-GB'): string {
  return numberFormat(locale, 0).format(n);
}

/** Whether a change is good news for the reader, given the metric's direction. */
export function changeIsImprovement(metric: Metric, change: Change): boolean {
  return metric.direction === 'higher-is-better' ? change.delta > 0 : change.delta < 0;
}

/** One-line description of an estimate for text-only readers and tables. */
export function describeEstimate(metric: Metric, e: Estimate, locale = 'en-GB'): string {
  if (e.value === null) return `suppressed: too few responses (n = ${formatCount(e.n, locale)})`;
  const interval =
    e.lower !== null && e.upper !== null
      ? ` (95% CI ${formatInterval(metric, e.lower, e.upper, locale)})`
      : '';
  const flag = e.base === 'indicative' ? ', indicative: small base' : '';
  return `${formatValue(metric, e.value, locale)}${interval}, n = ${formatCount(e.n, locale)}${flag}`;
}
