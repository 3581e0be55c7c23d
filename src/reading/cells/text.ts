/**
 * Text cells (comments, categories, statuses): the text as written, or its export label's value.
 * In a free-text column (comments) a placeholder such as "NA", "N/A", "-", "null" or "none" is
 * missing, as an empty cell is (reading/no-answer.ts); a manifest that maps such a text under
 * the field's "values" keeps it as that value.
 */
import type { CsvRecord } from '../csv-scanner.ts';
import type { FieldKind } from '../field-specs.ts';
import { isNoAnswer, NO_ANSWER_MAX_BYTES } from '../no-answer.ts';
import {
  exactText,
  labelOf,
  MISSING,
  SLOW,
  type CellContext,
  type CellResult,
  type FastResult,
} from './cell.ts';

export type TextKind = Extract<FieldKind, { type: 'text' }>;

/** Parses a text cell (trimmed, not empty). */
export function parseText(text: string, kind: TextKind, ctx: CellContext): CellResult {
  const label = labelOf(text, ctx);
  if (label !== undefined) return { ok: true, value: String(label) };
  if (kind.free && isNoAnswer(text)) return MISSING;
  return { ok: true, value: text };
}

/**
 * Reads a text cell from its bytes, in a column without labels. It must return exactly what
 * parseText returns for every cell it accepts; quoted with doubled quotes or padded: SLOW.
 * @param free the column holds free text, whose placeholders are missing
 */
export function readText(record: CsvRecord, i: number, free: boolean): FastResult {
  const start = record.starts[i]!;
  const end = record.ends[i]!;
  if (start === end) return undefined;
  if (!exactText(record, i, start, end)) return SLOW;
  const text = record.bytes.toString('utf8', start, end);
  return free && end - start <= NO_ANSWER_MAX_BYTES && isNoAnswer(text) ? undefined : text;
}
