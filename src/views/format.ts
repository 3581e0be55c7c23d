/**
 * Number formatting for readers: one place decides decimals, signs, units, grouping and how a
 * missing or suppressed figure reads, so every page, table and chart says it the same way. One
 * function per kind of number: a metric's value, interval and change; a count; a share that is
 * not a metric (a column of a table); money; hours; a p-value. A review's figures are written
 * in its locale and its manifest's currency, so `numberFormats` binds both once and a view
 * formats each figure by its kind alone (the review context carries them as `format`).
 */
import type { Change, Estimate, MetricInfo } from '../contracts/figures-schema.ts';
import { isMoney } from '../metrics/registry/money.ts';

/** How a metric's values are written: its unit, decimals and direction. */
type Metric = Pick<MetricInfo, 'unit' | 'decimals' | 'direction' | 'changeUnit'>;

/** What is kept for one locale and currency: its Intl formatters and its bound formats. */
interface Kept {
  /** At decimals × 2 + signed. */
  intl: Intl.NumberFormat[];
  formats?: NumberFormats;
}

/**
 * Intl formatters are costly to create and the same few are asked for thousands of times a page,
 * and a page's builders ask for a review's formats once a cell: both are kept by locale and
 * currency (no key string made per number).
 */
const kept = new Map<string, Map<string | null, Kept>>();

function keptFor(locale: string, currency: string | null): Kept {
  let byCurrency = kept.get(locale);
  if (!byCurrency) kept.set(locale, (byCurrency = new Map()));
  let found = byCurrency.get(currency);
  if (!found) byCurrency.set(currency, (found = { intl: [] }));
  return found;
}

function numberFormat(
  locale: string,
  decimals: number,
  signed = false,
  currency: string | null = null,
): Intl.NumberFormat {
  return (keptFor(locale, currency).intl[decimals * 2 + (signed ? 1 : 0)] ??= new Intl.NumberFormat(
    locale,
    {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: signed ? 'exceptZero' : 'auto',
      ...(currency ? { style: 'currency', currency, currencyDisplay: 'symbol' } : {}),
    },
  ));
}

/** Typographic minus sign: "−20.0" reads better than "-20.0" and never wraps apart. */
function minus(text: string): string {
  return text.includes('-') ? text.replaceAll('-', '\u2212') : text;
}

/** "p = 0.032" / "p < 0.001". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p.toFixed(3)}`;
}

/** "1,234" with the locale's grouping. */
export function formatCount(n: number, locale = 'en-GB'): string {
  return numberFormat(locale, 0).format(n);
}

/** "2.07", "0.301" — a plain number (a ratio, a coefficient) with fixed decimals and grouping. */
export function formatNumber(x: number, decimals: number, locale = 'en-GB'): string {
  return minus(numberFormat(locale, decimals).format(x));
}

/** "43.1%" — a share in percent that is not a metric of the registry (a table's column). */
export function formatPercent(x: number, locale = 'en-GB', decimals = 1): string {
  return `${minus(numberFormat(locale, decimals).format(x))}%`;
}

const PERCENT: Metric = {
  unit: '%',
  decimals: 1,
  direction: 'higher-is-better',
  changeUnit: 'percentage points',
};

/**
 * "€2,929,492" with the manifest's currency, "2,929,492" without one: money always grouped,
 * with the currency wherever the data declares it.
 */
export function formatMoney(
  x: number,
  locale = 'en-GB',
  currency: string | null = null,
  decimals = 0,
): string {
  return minus(numberFormat(locale, decimals, false, currency).format(x));
}

/** "3.8 h" — a service time in hours. */
export function formatHours(h: number, locale = 'en-GB'): string {
  return `${minus(numberFormat(locale, 1).format(h))} h`;
}

/** Whether a change is good news for the reader, given the metric's direction. */
export function changeIsImprovement(
  metric: Pick<MetricInfo, 'direction'>,
  change: Pick<Change, 'delta'>,
): boolean {
  return metric.direction === 'higher-is-better' ? change.delta > 0 : change.delta < 0;
}

/** An interval in the pieces `interval` joins: lower, separator, upper, unit. */
export type IntervalParts = [lower: string, separator: string, upper: string, unit: string];

/**
 * The formats of one review's numbers, bound to its locale and the manifest's currency (null
 * when it declares none): a view or builder says once how its review writes numbers, and each
 * figure is then formatted by its kind alone. Made once per locale and currency.
 * @example numberFormats('en-GB', 'GBP').delta(aov, -12) // "−£12.00" (aov: a money metric)
 */
export function numberFormats(locale = 'en-GB', currency: string | null = null): NumberFormats {
  const found = keptFor(locale, currency);
  return (found.formats ??= boundFormats(locale, currency));
}

function boundFormats(locale: string, currency: string | null) {
  /** "32.1", "68.4%", "€359.00" — a metric value with its unit (and currency, for money). */
  function value(metric: Metric, x: number): string {
    if (isMoney(metric)) return formatMoney(x, locale, currency, metric.decimals);
    return `${minus(numberFormat(locale, metric.decimals).format(x))}${metric.unit === '%' ? '%' : ''}`;
  }

  /** An interval's pieces, for a view that marks them up one by one. */
  function intervalParts(metric: Metric, lower: number, upper: number): IntervalParts {
    const money = isMoney(metric) ? currency : null;
    const f = numberFormat(locale, metric.decimals, false, money);
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
  function interval(metric: Metric, lower: number, upper: number): string {
    return intervalParts(metric, lower, upper).join('');
  }

  /** "+3.2 pts" / "−1.4 pp" / "+€12.00" — a change with sign and unit. */
  function delta(metric: Metric, d: number): string {
    if (isMoney(metric))
      return minus(numberFormat(locale, metric.decimals, true, currency).format(d));
    const unit = metric.unit === '%' ? ' pp' : metric.changeUnit === 'points' ? ' pts' : '';
    return `${minus(numberFormat(locale, metric.decimals, true).format(d))}${unit}`;
  }

  /** One-line description of an estimate for text-only readers and tables. */
  function describe(metric: Metric, e: Estimate): string {
    const n = formatCount(e.n, locale);
    if (e.value === null) return `suppressed: too few responses (n = ${n})`;
    const ci =
      e.lower !== null && e.upper !== null ? ` (95% CI ${interval(metric, e.lower, e.upper)})` : '';
    const flag = e.base === 'indicative' ? ', indicative: small base' : '';
    return `${value(metric, e.value)}${ci}, n = ${n}${flag}`;
  }

  return {
    value,
    intervalParts,
    interval,
    delta,
    describe,
    /** "1,234" with the locale's grouping. */
    count: (n: number) => formatCount(n, locale),
    /** A plain number (a ratio, a coefficient) with fixed decimals. */
    number: (x: number, decimals: number) => formatNumber(x, decimals, locale),
    /** "43.1%" — a share in percent that is not a metric of the registry. */
    percent: (x: number, decimals?: number) => formatPercent(x, locale, decimals),
    /** "59.6–63.4%" — an interval of shares in percent. */
    percentInterval: (lower: number, upper: number) => interval(PERCENT, lower, upper),
    /** "+8.5 pp" — a difference of shares in percentage points. */
    percentDelta: (d: number) => delta(PERCENT, d),
    /** Money in the review's currency (grouped; without a symbol when it declares none). */
    money: (x: number, decimals?: number) => formatMoney(x, locale, currency, decimals),
  };
}

/** A review's number formats (numberFormats). */
export type NumberFormats = ReturnType<typeof boundFormats>;

/**
 * Text as a CSS string literal, e.g. for a custom property the print stylesheet writes in its
 * running header: backslash, quotes, line breaks and `<` are escaped, so a data text stays one
 * inert string whatever it holds.
 * @example cssString('Q3 "final"') // '"Q3 \\"final\\""'
 */
export function cssString(text: string): string {
  let escaped = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    // Control characters and the two line separators would break the string; < and > could end
    // a style element were the text ever placed in one.
    const unsafe = code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
    if (c === '\\' || c === '"') escaped += `\\${c}`;
    else if (unsafe || c === '<' || c === '>') escaped += `\\${code.toString(16)} `;
    else escaped += c;
  }
  return `"${escaped}"`;
}
