/**
 * Score cells (a survey item's answers): a whole point of the item's scale, or missing when the
 * cell is one of the item's "not applicable" codes.
 */
import type { CsvRecord } from '../csv-scanner.ts';
import type { FieldKind } from '../field-specs.ts';
import { labelOf, MISSING, SLOW } from './cell.ts';
import type { CellContext, CellResult, FastResult } from './cell.ts';
import { numberValue } from './number.ts';
import { matchKey } from '../../contracts/match-key.ts';

export type ScoreKind = Extract<FieldKind, { type: 'score' }>;

/** Parses a score cell (trimmed, not empty): an N/A code, a label's score, or the number. */
export function parseScore(text: string, kind: ScoreKind, ctx: CellContext): CellResult {
  const key = matchKey(text);
  if (kind.notApplicable.some((code) => matchKey(code) === key)) return MISSING;
  const label = labelOf(text, ctx);
  const value = label !== undefined ? Number(label) : numberValue(text, ctx.decimal, ctx.thousands);
  if (value === null || Number.isNaN(value)) {
    const letters = /[a-z]/i.test(text);
    return {
      ok: false,
      id: label === undefined && letters ? 'unknown-label' : 'not-a-number',
      message:
        label === undefined && letters
          ? `not a number and not a declared label (scale ${kind.min}–${kind.max})`
          : `not a number (scale ${kind.min}–${kind.max})`,
      hint: letters
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

/**
 * The points readScore may answer for this item: 1 at each scale point, 0 at a numeric "not
 * applicable" code (0 on a 1–5 item, 99 on a 0–100 one), which must reach the parser.
 */
export function scoreScale(kind: ScoreKind): Uint8Array {
  const { min, max } = kind;
  const onScale = new Uint8Array(max + 1);
  for (let v = Math.max(0, min); v <= max; v++) onScale[v] = 1;
  for (const code of kind.notApplicable)
    if (/^\d+$/.test(code) && Number(code) <= max) onScale[Number(code)] = 0;
  return onScale;
}

const ZERO = 48;

/**
 * Reads a score cell from its bytes, in a column without labels: a plain whole number that is
 * 1 in `onScale` (scoreScale's table), else SLOW. It must return exactly what parseScore
 * returns for every cell it accepts.
 */
export function readScore(record: CsvRecord, i: number, onScale: Uint8Array): FastResult {
  const start = record.starts[i]!;
  const end = record.ends[i]!;
  if (end - start === 1) {
    // Most scores are one digit: no loop.
    const digit = record.bytes[start]! - ZERO;
    return digit >= 0 && digit <= 9 && digit < onScale.length && onScale[digit] === 1
      ? digit
      : SLOW;
  }
  if (start === end) return undefined;
  if (end - start > 9) return SLOW;
  const bytes = record.bytes;
  let value = 0;
  for (let p = start; p < end; p++) {
    const digit = bytes[p]! - ZERO;
    if (digit < 0 || digit > 9) return SLOW;
    value = (value * 10 + digit) | 0; // a small integer (a Smi), not a boxed double
  }
  return value < onScale.length && onScale[value] === 1 ? value : SLOW;
}
