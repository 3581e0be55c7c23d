/**
 * Number cells (amounts, revenue), written with the table's decimal and thousands separators.
 * An amount must be plausible: at most 15 significant digits (what a double keeps exactly: a
 * 400-digit cell would otherwise read as Infinity) and, when the manifest declares one, at most
 * its maximum.
 */
import type { CsvRecord } from '../csv-scanner.ts';
import type { FieldKind } from '../field-specs.ts';
import { labelOf, SLOW, type CellContext, type CellResult, type FastResult } from './cell.ts';

export type NumberKind = Extract<FieldKind, { type: 'number' }>;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Significant digits a double holds exactly; a longer amount is refused. */
export const MAX_SIGNIFICANT_DIGITS = 15;

/** Parses a number written with the declared separators; null when it is not one. */
export function numberValue(raw: string, decimal: '.' | ',', thousands?: string): number | null {
  const numeral = plainNumeral(raw, decimal, thousands);
  return numeral === null ? null : Number(numeral);
}

/**
 * The number written with the declared separators as a plain numeral ("1.234,50" → "1234.50"),
 * or null when it is not one.
 */
function plainNumeral(raw: string, decimal: '.' | ',', thousands?: string): string | null {
  let text = raw.trim();
  if (thousands) {
    // Only well-formed groups of three digits count as thousands: "1,23" is not 123.
    const group = thousands === '.' ? '\\.' : thousands === ' ' ? '[ \u00a0\u202f]' : thousands;
    const grouped = new RegExp(`^[+-]?\\d{1,3}(${group}\\d{3})+(?:[.,]\\d+)?$`);
    if (grouped.test(text)) text = text.replace(new RegExp(group, 'g'), '');
  }
  if (decimal === ',') text = text.replace(',', '.');
  return NUMBER.test(text) ? text : null;
}

/**
 * Significant digits of a plain numeral: from its first non-zero digit to its last digit, the
 * fraction's trailing zeros left out ("-0012.3400" → 4, "1000" → 4, "0.0005" → 1).
 */
export function significantDigits(numeral: string): number {
  const [whole = '', fraction = ''] = numeral.replace(/^[+-]/, '').split('.');
  const significantWhole = whole.replace(/^0+/, '');
  const significantFraction = fraction.replace(/0+$/, '');
  return significantWhole === ''
    ? significantFraction.replace(/^0+/, '').length
    : significantWhole.length + significantFraction.length;
}

/**
 * Parses a number cell (trimmed, not empty): a numeric export label's value, or the number when
 * it is plausible (see the file's comment); an implausible one is a problem, never Infinity.
 */
export function parseNumber(text: string, kind: NumberKind, ctx: CellContext): CellResult {
  const label = labelOf(text, ctx);
  // A label's value is the manifest's own: no range to check.
  if (label !== undefined && typeof label === 'number') return { ok: true, value: label };
  const numeral = plainNumeral(text, ctx.decimal, ctx.thousands);
  if (numeral === null) {
    return {
      ok: false,
      id: 'not-a-number',
      message: 'not a number',
      hint: `write a plain number with "${ctx.decimal}" as decimal separator, or leave the cell empty if unknown`,
    };
  }
  const digits = significantDigits(numeral);
  if (digits > MAX_SIGNIFICANT_DIGITS) {
    return {
      ok: false,
      id: 'number-out-of-range',
      message: `${digits} significant digits, more than the ${MAX_SIGNIFICANT_DIGITS} a number keeps exactly: not a plausible amount`,
      hint: 'such a long number is usually an id, a card or account number, or cells run together: correct the cell or the column mapping, or leave the cell empty if unknown',
    };
  }
  const value = Number(numeral);
  if (kind.max !== undefined && Math.abs(value) > kind.max) {
    return {
      ok: false,
      id: 'number-out-of-range',
      message: `beyond the largest plausible amount, ${kind.max} (orders.maxAmount in manifest.json)`,
      hint: 'correct the cell (a misplaced decimal or thousands separator is the usual cause), or raise orders.maxAmount if such amounts are real',
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
 * digits with at most one ".", 15 digits at most, no more than `max`. It must return exactly
 * what parseNumber returns for every cell it accepts; signs, spaces, quotes, longer numbers and
 * numbers above `max` (which the parser refuses) are SLOW. An integer of at most 15 digits
 * divided by a power of ten is one correctly rounded operation on exact operands: the same
 * double as Number(text) (Clinger's fast path).
 */
export function readNumber(record: CsvRecord, i: number, max: number): FastResult {
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
  const value = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals]! : mantissa;
  return value > max ? SLOW : value;
}
