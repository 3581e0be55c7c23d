/**
 * Id cells (response, order, ticket and customer ids): the text as written, or the value of its
 * export label.
 */
import type { CsvRecord } from '../csv-scanner.ts';
import type { NumberedIdReader } from '../id-refs.ts';
import {
  exactText,
  labelOf,
  SLOW,
  type CellContext,
  type CellResult,
  type CellValue,
} from './cell.ts';

/** Parses an id cell (trimmed, not empty). */
export function parseId(text: string, ctx: CellContext): CellResult {
  const label = labelOf(text, ctx);
  return { ok: true, value: label !== undefined ? String(label) : text };
}

/**
 * Reads an id cell from its bytes, in a column without labels. It must return what parseId
 * returns for every cell it accepts, with one difference of form: a numbered id comes back as
 * its IdRef number, whose idText is that same text (no string for millions of distinct ids).
 * Quoted with doubled quotes or padded: SLOW.
 */
export function readId(
  record: CsvRecord,
  i: number,
  ids: NumberedIdReader,
): CellValue | typeof SLOW {
  const start = record.starts[i]!;
  const end = record.ends[i]!;
  if (start === end) return undefined;
  if (!exactText(record, i, start, end)) return SLOW;
  const ref = ids.refOf(record.bytes, start, end);
  return ref >= 0 ? ref : record.bytes.toString('utf8', start, end);
}
