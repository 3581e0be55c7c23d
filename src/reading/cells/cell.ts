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

/** A converted cell. An id field holds an IdRef: its text, or the number of a numbered id. */
export type CellValue = string | number | undefined;

/** A parser's answer: the value (undefined: missing), or what is wrong and how to fix it. */
export type CellResult =
  { ok: true; value: CellValue } | { ok: false; id: DiagnosticId; message: string; hint: string };

export const MISSING: CellResult = { ok: true, value: undefined };

/** A fast reader's answer for a cell it leaves to the parser. */
export const SLOW = Symbol('slow');

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
  return ctx.labels.size > 0 ? ctx.labels.get(text.toLowerCase()) : undefined;
}

const SPACE = 32;
const TAB = 9;

/** A plain cell: not quoted with doubled quotes and not padded with spaces or tabs. */
export function plain(record: CsvRecord, i: number, start: number, end: number): boolean {
  const first = record.bytes[start];
  const last = record.bytes[end - 1];
  return !(record.quotes[i] || first === SPACE || first === TAB || last === SPACE || last === TAB);
}

/** For the end of an exhaustive switch: a kind no case handled is a programming error. */
export function unreachable(value: never): never {
  throw new Error(`no rule for ${JSON.stringify(value)}`);
}
