/** Text cells (comments, categories, statuses): the text as written, or its export label's value. */
import type { CsvRecord } from '../csv-scanner.ts';
import {
  exactText,
  labelOf,
  SLOW,
  type CellContext,
  type CellResult,
  type CellValue,
} from './cell.ts';

/** Parses a text cell (trimmed, not empty). */
export function parseText(text: string, ctx: CellContext): CellResult {
  const label = labelOf(text, ctx);
  return { ok: true, value: label !== undefined ? String(label) : text };
}

/**
 * Reads a text cell from its bytes, in a column without labels. It must return exactly what
 * parseText returns for every cell it accepts; quoted with doubled quotes or padded: SLOW.
 */
export function readText(record: CsvRecord, i: number): CellValue | typeof SLOW {
  const start = record.starts[i]!;
  const end = record.ends[i]!;
  if (start === end) return undefined;
  if (!exactText(record, i, start, end)) return SLOW;
  return record.bytes.toString('utf8', start, end);
}
