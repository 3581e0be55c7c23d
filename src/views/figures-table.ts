/**
 * Flattens a snapshot's figures into one row per metric × group, the shape of the CSV download
 * (and a convenient one for spreadsheets): overall first, then each segment level.
 */
import type { ReviewFigures } from '../contracts/figures-schema.ts';

export const FIGURE_COLUMNS = [
  'metric',
  'label',
  'dimension',
  'level',
  'value',
  'lower_95',
  'upper_95',
  'n',
  'n_effective',
  'missing',
  'base',
  'change',
  'change_p',
  'change_significant',
  'vs_rest',
  'vs_rest_p_adjusted',
] as const;

export type FigureRow = Record<(typeof FIGURE_COLUMNS)[number], string | number | boolean | null>;

/** One row per metric overall and per segment level. */
export function figureRows(figures: ReviewFigures): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const [id, m] of Object.entries(figures.metrics)) {
    const label = figures.catalog[id]?.label ?? id;
    const change = m.change;
    rows.push({
      metric: id,
      label,
      dimension: null,
      level: null,
      value: m.overall.value,
      lower_95: m.overall.lower,
      upper_95: m.overall.upper,
      n: m.overall.n,
      n_effective: m.overall.nEffective,
      missing: m.overall.missing,
      base: m.overall.base,
      change: change?.delta ?? null,
      change_p: change?.p ?? null,
      change_significant: change?.significant ?? null,
      vs_rest: null,
      vs_rest_p_adjusted: null,
    });
    for (const [dimension, levels] of Object.entries(m.segments)) {
      for (const [level, e] of Object.entries(levels)) {
        const c = e.change;
        rows.push({
          metric: id,
          label,
          dimension,
          level,
          value: e.value,
          lower_95: e.lower,
          upper_95: e.upper,
          n: e.n,
          n_effective: e.nEffective,
          missing: e.missing,
          base: e.base,
          change: c?.delta ?? null,
          change_p: c?.p ?? null,
          change_significant: c?.significant ?? null,
          vs_rest: e.vsRest?.delta ?? null,
          vs_rest_p_adjusted: e.vsRest?.pAdjusted ?? null,
        });
      }
    }
  }
  return [...rows, ...churnRows(figures)];
}

/** Churn from the customer-base table by segment level, each against the rest of the base. */
function churnRows(figures: ReviewFigures): FigureRow[] {
  const base = figures.customers;
  if (!base) return [];
  const label = figures.catalog.customer_churn?.label ?? 'customer_churn';
  const row = (
    dimension: string | null,
    level: string | null,
    churn: typeof base.churn,
    vsRest: { delta: number | null; pAdjusted: number | null } | null,
  ): FigureRow => ({
    metric: 'customer_churn',
    label,
    dimension,
    level,
    value: churn.value,
    lower_95: churn.lower,
    upper_95: churn.upper,
    n: churn.n,
    n_effective: churn.n,
    missing: null,
    base: null,
    change: null,
    change_p: null,
    change_significant: null,
    vs_rest: vsRest?.delta ?? null,
    vs_rest_p_adjusted: vsRest?.pAdjusted ?? null,
  });
  return Object.entries(base.bySegment).flatMap(([dimension, levels]) =>
    levels.map((l) => row(dimension, l.level, l.churn, l)),
  );
}

/**
 * A cell as text. Text that a spreadsheet would read as a formula (=, +, -, @, tab or carriage
 * return first) is prefixed with an apostrophe, so a data string is never run (OWASP, CSV
 * injection); numbers are written as numbers.
 */
function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(Number(value.toPrecision(12))) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (comma, CRLF-free `\n` line ends, empty cell = missing). */
export function toCsv(
  columns: readonly string[],
  rows: ReadonlyArray<Record<string, string | number | boolean | null>>,
): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c] ?? null)).join(','));
  return `${lines.join('\n')}\n`;
}

/** Every figure of every period in one long table: the "all periods" download. */
export function allPeriodRows(
  reviews: readonly ReviewFigures[],
): Array<FigureRow & { period: string; snapshot: string }> {
  return reviews.flatMap((s) =>
    figureRows(s).map((row) => ({
      snapshot: s.id,
      period: s.period,
      ...row,
    })),
  );
}
