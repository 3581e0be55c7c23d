/**
 * Converts one raw cell into a canonical value. An empty cell is missing (never 0); anything
 * that cannot be read is a problem description, never a guess.
 */
import type { FieldKind } from './field-specs.ts';
import type { DiagnosticId } from './diagnostics.ts';

export type CellResult =
  | { ok: true; value: string | number | undefined }
  | { ok: false; id: DiagnosticId; message: string; hint: string };

const MISSING: CellResult = { ok: true, value: undefined };
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export interface CellContext {
  /** Export label → canonical value for this field, keys lower-cased. */
  labels: ReadonlyMap<string, string | number>;
  decimal: '.' | ',';
  thousands?: ',' | '.' | ' ' | "'";
  dateFormat?: DateFormat;
}

export type DateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD.MM.YYYY' | 'excel';

const DAY_MONTH = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

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
  const [, a, b, year, h, mi, s] = m;
  const [day, month] = format === 'MM/DD/YYYY' ? [b!, a!] : [a!, b!];
  const time = h ? ` ${h.padStart(2, '0')}:${mi}${s ? `:${s}` : ''}` : '';
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}${time}`;
}

/** Parses a number written with the declared separators; null when it is not one. */
export function parseNumber(raw: string, decimal: '.' | ',', thousands?: string): number | null {
  let text = raw.trim();
  if (thousands) {
    // Only well-formed groups of three digits count as thousands: "1,23" is not 123.
    const group = thousands === '.' ? '\\.' : thousands === ' ' ? '[ \u00a0\u202f]' : thousands;
    const grouped = new RegExp(`^[+-]?\\d{1,3}(${group}\\d{3})+(?:[.,]\\d+)?$`);
    if (grouped.test(text)) text = text.replace(new RegExp(group, 'g'), '');
  }
  if (decimal === ',') text = text.replace(',', '.');
  if (!NUMBER.test(text)) return null;
  return Number(text);
}

// Exports repeat the same few hundred dates millions of times: remember recent answers.
const dateCache = new Map<string, { date: string; timestamp: string } | null>();

/** Parses YYYY-MM-DD (optionally with a time); returns the date part and the full timestamp. */
export function parseIsoDate(raw: string): { date: string; timestamp: string } | null {
  const cached = dateCache.get(raw);
  if (cached !== undefined) return cached;
  const parsed = parseIsoDateUncached(raw);
  if (dateCache.size > 50_000) dateCache.clear();
  dateCache.set(raw, parsed);
  return parsed;
}

function parseIsoDateUncached(raw: string): { date: string; timestamp: string } | null {
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

/** Converts a cell per its field kind. */
export function parseCell(raw: string, kind: FieldKind, ctx: CellContext): CellResult {
  const text = raw.trim();
  if (text === '') return MISSING;
  const label = ctx.labels.size > 0 ? ctx.labels.get(text.toLowerCase()) : undefined;
  switch (kind.type) {
    case 'id':
    case 'text':
      return { ok: true, value: label !== undefined ? String(label) : text };
    case 'date':
    case 'datetime': {
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
    case 'number': {
      const value =
        label !== undefined && typeof label === 'number'
          ? label
          : parseNumber(text, ctx.decimal, ctx.thousands);
      if (value === null) {
        return {
          ok: false,
          id: 'not-a-number',
          message: 'not a number',
          hint: `write a plain number with "${ctx.decimal}" as decimal separator, or leave the cell empty if unknown`,
        };
      }
      return { ok: true, value };
    }
    case 'score': {
      if (kind.notApplicable.some((code) => code.toLowerCase() === text.toLowerCase()))
        return MISSING;
      const value =
        label !== undefined ? Number(label) : parseNumber(text, ctx.decimal, ctx.thousands);
      if (value === null || Number.isNaN(value)) {
        return {
          ok: false,
          id: label === undefined && /[a-z]/i.test(text) ? 'unknown-label' : 'not-a-number',
          message:
            label === undefined && /[a-z]/i.test(text)
              ? `not a number and not a declared label (scale ${kind.min}–${kind.max})`
              : `not a number (scale ${kind.min}–${kind.max})`,
          hint: /[a-z]/i.test(text)
            ? 'map the label to a score in the table\'s "values" in manifest.json, or add it to the item\'s "notApplicable" codes'
            : 'correct the cell, or leave it empty if the answer is missing',
        };
      }
      if (!Number.isInteger(value)) {
        return {
          ok: false,
          id: 'not-an-integer',
          message: `scores are whole scale points (${kind.min}–${kind.max})`,
          hint: 'correct the cell; if the export averages items, map the raw items instead',
        };
      }
      if (value < kind.min || value > kind.max) {
        return {
          ok: false,
          id: 'out-of-scale',
          message: `outside the declared scale ${kind.min}–${kind.max}`,
          hint: `correct the cell, declare the right scale in manifest.json items, or list the code in "notApplicable" if it means "not applicable"`,
        };
      }
      return { ok: true, value };
    }
    case 'level': {
      const mapped = label !== undefined ? String(label) : text;
      const level = kind.levels.find((l) => l.toLowerCase() === mapped.toLowerCase());
      if (level === undefined) {
        return {
          ok: false,
          id: 'unknown-segment-level',
          message: `not a declared level (${kind.levels.join(', ')})`,
          hint: 'add the level to the segment in manifest.json, or map this label to a level in the table\'s "values"',
        };
      }
      return { ok: true, value: level };
    }
    case 'choice': {
      const mapped = label !== undefined ? String(label) : text;
      const choice = kind.choices.find((c) => c === mapped.toLowerCase());
      if (choice === undefined) {
        return {
          ok: false,
          id: 'unknown-label',
          message: `not one of ${kind.choices.join(', ')}`,
          hint: 'map the export\'s label to one of these in the table\'s "values" in manifest.json',
        };
      }
      return { ok: true, value: choice };
    }
  }
}
