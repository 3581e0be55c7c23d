/** Number cells (amounts, revenue), written with the table's decimal and thousands separators. */
import type { CsvRecord } from '../csv-scanner.ts';
import { labelOf, SLOW, type CellContext, type CellResult, type CellValue } from './cell.ts';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Parses a number written with the declared separators; null when it is not one. */
export function numberValue(raw: string, decimal: '.' | ',', thousands?: string): number | null {
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

/** Parses a number cell (trimmed, not empty): a numeric export label's value, or the number. */
export function parseNumber(text: string, ctx: CellContext): CellResult {
  const label = labelOf(text, ctx);
  const value =
    label !== undefined && typeof label === 'number'
      ? label
      : numberValue(text, ctx.decimal, ctx.thousands);
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

/** readNumber can read the table's number cells: "." decimals and no thousands separator. */
export function readsNumbers(ctx: CellContext): boolean {
  return ctx.decimal === '.' && !ctx.thousands;
}

const DOT = 46;
const ZERO = 48;
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * Reads a number cell from its bytes, in a column without labels where readsNumbers allows:
 * digits with at most one ".", 15 digits at most. It must return exactly what parseNumber
 * returns for every cell it accepts; signs, spaces, quotes and longer numbers are SLOW. An
 * integer of at most 15 digits divided by a power of ten is one correctly rounded operation on
 * exact operands: the same double as Number(text) (Clinger's fast path).
 */
export function readNumber(record: CsvRecord, i: number): CellValue | typeof SLOW {
  const start = record.starts[i]!;
  const end = record.ends[i]!;
  if (start === end) return undefined;
  if (end - start > 16) return SLOW;
  const bytes = record.bytes;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (let p = start; p < end; p++) {
    const c = bytes[p]!;
    if (c === DOT) {
      if (decimals >= 0) return SLOW;
      decimals = 0;
      continue;
    }
    const digit = c - ZERO;
    if (digit < 0 || digit > 9) return SLOW;
    mantissa = mantissa * 10 + digit;
    digits += 1;
    if (decimals >= 0) decimals += 1;
  }
  // Beyond 15 digits the integer may not be exact in a double: leave it to Number().
  if (digits > 15) return SLOW;
  if (end - start === 1 && decimals === 0) return SLOW; // "." alone
  return decimals > 0 ? mantissa / POWERS_OF_TEN[decimals]! : mantissa;
}
