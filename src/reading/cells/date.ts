/**
 * Date and datetime cells: written in the table's declared format, rewritten as ISO text, and
 * checked to be a real day (and time). A date field keeps the day, a datetime field the
 * timestamp.
 *
 * Dates are remembered in two places, both per column and both outside the parser: DayValues
 * below for YYYY-MM-DD cells of date columns, and the row loop's memo of repeated cells
 * (CellMemo) for other formats and datetimes. The parser remembers nothing: it only sees the
 * cells those could not answer, and a cache of its own would be a third copy, shared by every
 * table and thread-wide.
 */
import type { CsvRecord } from '../csv-scanner.ts';
import type { FieldKind } from '../field-specs.ts';
import {
  SLOW,
  type CellContext,
  type CellResult,
  type CellValue,
  type FastResult,
} from './cell.ts';

export type DateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD.MM.YYYY' | 'excel';

export type DateKind = Extract<FieldKind, { type: 'date' | 'datetime' }>;

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** Day and month in either order, with a time of 24 hours or of 12 with AM/PM (SurveyMonkey's). */
const DAY_MONTH =
  /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?$/;

/**
 * Rewrites a date in the declared format as ISO text, or null when it does not fit the format.
 * Excel serial numbers count days from 1899-12-30 (the spreadsheet epoch after its leap-year bug).
 */
export function toIsoDate(raw: string, format: DateFormat): string | null {
  const text = raw.trim();
  if (format === 'YYYY-MM-DD') return text;
  if (format === 'excel') {
    if (!/^\d+(\.\d+)?$/.test(text)) return null;
    const serial = Number(text);
    const ms = Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000);
    const iso = new Date(ms).toISOString();
    return serial % 1 === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  const m = DAY_MONTH.exec(text);
  if (!m) return null;
  const [, a, b, year, h, mi, s, half] = m;
  const [day, month] = format === 'MM/DD/YYYY' ? [b!, a!] : [a!, b!];
  let hour = h;
  if (h && half) {
    // 12 AM is midnight, 12 PM noon; an hour above 12 with AM/PM is no time.
    const twelve = Number(h);
    if (twelve < 1 || twelve > 12) return null;
    hour = String((twelve % 12) + (/p/i.test(half) ? 12 : 0));
  }
  const time = hour ? ` ${hour.padStart(2, '0')}:${mi}${s ? `:${s}` : ''}` : '';
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}${time}`;
}

/** Parses YYYY-MM-DD (optionally with a time); returns the date part and the full timestamp. */
export function parseIsoDate(raw: string): { date: string; timestamp: string } | null {
  const m = ISO_DATE.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day
  ) {
    return null;
  }
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return { date: `${y}-${mo}-${d}`, timestamp: `${y}-${mo}-${d}T${h}:${mi}:${s}` };
}

/** Parses a date or datetime cell (trimmed, not empty) in the table's date format. */
export function parseDate(text: string, kind: DateKind, ctx: CellContext): CellResult {
  const format = ctx.dateFormat ?? 'YYYY-MM-DD';
  const iso = toIsoDate(text, format);
  const parsed = iso === null ? null : parseIsoDate(iso);
  if (!parsed) {
    return {
      ok: false,
      id: 'invalid-date',
      message: `not a date in the declared format ${format}${format === 'YYYY-MM-DD' ? ' (optionally with a time HH:MM[:SS])' : ''}`,
      hint:
        format === 'YYYY-MM-DD'
          ? 'write dates as ISO 8601, e.g. 2026-07-31, or declare the export\'s format in the table\'s "format": { "dateFormat": "DD/MM/YYYY" }'
          : 'correct the cell, or change "dateFormat" in the table\'s "format" in manifest.json',
    };
  }
  return { ok: true, value: kind.type === 'date' ? parsed.date : parsed.timestamp };
}

/** DayValues can answer the table's date cells: they are declared YYYY-MM-DD. */
export function readsIsoDays(ctx: CellContext): boolean {
  return (ctx.dateFormat ?? 'YYYY-MM-DD') === 'YYYY-MM-DD';
}

const DASH = 45;
const ZERO = 48;
const DAY_SLOTS = 2048;

/**
 * The fast reader of a date column's YYYY-MM-DD cells (where readsIsoDays allows, no labels):
 * the value parseDate gave each day met before, found by the day's number (its eight digits,
 * which name its ten bytes exactly) instead of a hash and a comparison of the bytes, since
 * dates repeat a few hundred days millions of times. A slot holds one day; two days meeting in
 * a slot take turns (slower, never wrong). It must return exactly what parseDate returns for
 * every cell it answers, which holds as long as `set` is only given parseDate's values.
 */
export class DayValues {
  private readonly days = new Int32Array(DAY_SLOTS).fill(-1);
  private readonly values = new Array<CellValue>(DAY_SLOTS).fill(undefined);

  /** The value of cell i, SLOW when it is not a plain YYYY-MM-DD or its day was not met. */
  get(record: CsvRecord, i: number): FastResult {
    const day = dayNumber(record, i);
    if (day < 0) return record.starts[i] === record.ends[i] ? undefined : SLOW;
    return this.days[day & (DAY_SLOTS - 1)] === day ? this.values[day & (DAY_SLOTS - 1)] : SLOW;
  }

  /** Remembers what parseDate made of cell i. */
  set(record: CsvRecord, i: number, value: CellValue): void {
    const day = dayNumber(record, i);
    if (day < 0) return;
    this.days[day & (DAY_SLOTS - 1)] = day;
    this.values[day & (DAY_SLOTS - 1)] = value;
  }
}

/**
 * YYYYMMDD of a date or date-time as parseDate writes it ("2026-07-01", "2026-07-01T09:30:00"),
 * or as a manifest's period gives it: days compare as numbers, without a string comparison (or
 * a slice of a date-time) for every row.
 */
export function isoDayNumber(iso: string): number {
  const y =
    (iso.charCodeAt(0) - ZERO) * 1000 +
    (iso.charCodeAt(1) - ZERO) * 100 +
    (iso.charCodeAt(2) - ZERO) * 10 +
    (iso.charCodeAt(3) - ZERO);
  const m = (iso.charCodeAt(5) - ZERO) * 10 + (iso.charCodeAt(6) - ZERO);
  const d = (iso.charCodeAt(8) - ZERO) * 10 + (iso.charCodeAt(9) - ZERO);
  return y * 10000 + m * 100 + d;
}

/** YYYYMMDD of a cell written exactly "YYYY-MM-DD" (any digits), else -1. */
function dayNumber(record: CsvRecord, i: number): number {
  const start = record.starts[i]!;
  if (record.ends[i]! - start !== 10) return -1;
  const b = record.bytes;
  if (b[start + 4] !== DASH || b[start + 7] !== DASH) return -1;
  const y0 = b[start]! - ZERO;
  const y1 = b[start + 1]! - ZERO;
  const y2 = b[start + 2]! - ZERO;
  const y3 = b[start + 3]! - ZERO;
  const m0 = b[start + 5]! - ZERO;
  const m1 = b[start + 6]! - ZERO;
  const d0 = b[start + 8]! - ZERO;
  const d1 = b[start + 9]! - ZERO;
  // A byte other than a digit is outside 0–9 (as an unsigned number, below 0 is too).
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9
  )
    return -1;
  return ((((((y0 * 10 + y1) * 10 + y2) * 10 + y3) * 10 + m0) * 10 + m1) * 10 + d0) * 10 + d1;
}
