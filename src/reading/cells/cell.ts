/**
 * What the cell rules share. Each kind of cell has one rule file in this folder, holding its
 * parser (the cell's text → its value or a problem) and, for the cells most exports are made
 * of, its fast reader (the cell's bytes → its value, or SLOW to hand the cell to the parser).
 * A fast reader exists only to skip making a string; it must return exactly what the parser
 * returns for every cell it accepts, which each rule's test checks on arbitrary cells.
 *
 * The steps common to every kind are parseCell's (by-kind.ts): the cell is trimmed, and an
 * empty cell is missing (never 0). A rule's parser therefore receives trimmed, non-empty text.
 */
import type { CsvRecord } from '../csv-scanner.ts';
import type { DiagnosticId } from '../diagnostics.ts';
import type { DateFormat } from './date.ts';
import { matchKey } from '../../contracts/match-key.ts';

/** A converted cell. An id field holds an IdRef: its text, or the number of a numbered id. */
export type CellValue = string | number | undefined;

/** A parser's answer: the value (undefined: missing), or what is wrong and how to fix it. */
export type CellResult =
  { ok: true; value: CellValue } | { ok: false; id: DiagnosticId; message: string; hint: string };

export const MISSING: CellResult = { ok: true, value: undefined };

/** A fast reader's answer for a cell it leaves to the parser. */
export const SLOW = Symbol('slow');

/** A fast reader's answer: exactly the parser's value for the cell, or SLOW. */
export type FastResult = CellValue | typeof SLOW;

/** How a table writes its cells, per field. */
export interface CellContext {
  /** Export label → canonical value for this field, keys lower-cased. */
  labels: ReadonlyMap<string, string | number>;
  decimal: '.' | ',';
  thousands?: ',' | '.' | ' ' | "'";
  dateFormat?: DateFormat;
}

/** The manifest's value for a cell written as one of the field's export labels. */
export function labelOf(text: string, ctx: CellContext): string | number | undefined {
  return ctx.labels.size > 0 ? ctx.labels.get(matchKey(text)) : undefined;
}

const SPACE = 32;
const NON_ASCII = 0x80;

/**
 * Cell i (not empty, from start to end) is exactly the text the parser reads: its bytes hold no
 * doubled quotes, and trimming removes nothing. Fast readers that return the bytes as text
 * read only such cells.
 */
export function exactText(record: CsvRecord, i: number, start: number, end: number): boolean {
  if (record.quotes[i]) return false;
  const bytes = record.bytes;
  const first = bytes[start]!;
  const last = bytes[end - 1]!;
  // ASCII white space is 9–13 and 32; control bytes below it are rare enough to leave to the
  // parser too.
  if (first <= SPACE || last <= SPACE) return false;
  if (first < NON_ASCII && last < NON_ASCII) return true;
  // A multi-byte character at either end may be a space that trim() removes (no-break,
  // ideographic, byte order mark…): decode and ask trim() itself, rather than list them.
  const text = bytes.toString('utf8', start, end);
  return text.trim().length === text.length;
}

/** For the end of an exhaustive switch: a kind no case handled is a programming error. */
export function unreachable(value: never): never {
  throw new Error(`no rule for ${JSON.stringify(value)}`);
}
