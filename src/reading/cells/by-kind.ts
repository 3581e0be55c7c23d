/**
 * The rule of each field kind: parseCell converts any cell's text, fastPlan picks the fast
 * reader of a column and readFast calls it. The rules themselves live in this folder, one file
 * per kind; this file only maps a kind to its rule's functions.
 */
import type { CsvRecord } from '../csv-scanner.ts';
import type { FieldKind } from '../field-specs.ts';
import { NumberedIdReader } from '../id-refs.ts';
import {
  MISSING,
  SLOW,
  unreachable,
  type CellContext,
  type CellResult,
  type FastResult,
} from './cell.ts';
import { parseChoice } from './choice.ts';
import { DayValues, parseDate, readsIsoDays } from './date.ts';
import { readId } from './id.ts';
import { declaredLevels, parseLevel, readLevel, type DeclaredLevels } from './level.ts';
import { parseNumber, readNumber, readsNumbers } from './number.ts';
import { parseScore, readScore, scoreScale } from './score.ts';
import { parseText, readText } from './text.ts';

/** An id is read by the text rule; it is never free text, so no placeholder is missing. */
const ID_AS_TEXT = { type: 'text', free: false } as const;

/**
 * Converts a cell per its field kind: its value, or a problem description, never a guess. The
 * steps every kind shares come first: the cell is trimmed, and an empty cell is missing.
 */
export function parseCell(raw: string, kind: FieldKind, ctx: CellContext): CellResult {
  const text = raw.trim();
  if (text === '') return MISSING;
  switch (kind.type) {
    case 'id':
      return parseText(text, ID_AS_TEXT, ctx);
    case 'text':
      return parseText(text, kind, ctx);
    case 'date':
    case 'datetime':
      return parseDate(text, kind, ctx);
    case 'number':
      return parseNumber(text, kind, ctx);
    case 'score':
      return parseScore(text, kind, ctx);
    case 'level':
      return parseLevel(text, kind, ctx);
    case 'choice':
      return parseChoice(text, kind, ctx);
  }
  return unreachable(kind);
}

/** Which fast reader a column uses (a small code, so the row loop calls each one directly). */
export const Fast = { None: 0, Id: 1, Text: 2, Score: 3, Number: 4, Date: 5, Level: 6 } as const;

/** A column's fast reader and what it needs. */
export interface FastPlan {
  code: (typeof Fast)[keyof typeof Fast];
  /** Id columns: turns numbered ids into IdRef numbers. */
  ids: NumberedIdReader | null;
  /** Score columns: 1 at each scale point read here (numeric N/A codes are 0). */
  onScale: Uint8Array | null;
  /** ISO date columns: the value of each date met. */
  dates: DayValues | null;
  /** Segment columns: each declared level as written in the manifest, and its value. */
  levels: DeclaredLevels | null;
  /** Text columns: free text, whose placeholders read as missing. */
  free: boolean;
  /** Number columns: the largest value read here (larger ones go to the parser, which refuses them). */
  max: number;
}

/**
 * The fast reader of a column, for the cells most exports are made of, read from the bytes
 * without making a string: ids, whole-number scores, plain decimals, ISO dates, levels as
 * declared and unpadded text. Anything unusual (quotes, signs, separators, N/A codes) reads as
 * SLOW and goes through parseCell.
 */
export function fastPlan(kind: FieldKind, ctx: CellContext): FastPlan {
  const none: FastPlan = {
    code: Fast.None,
    ids: null,
    onScale: null,
    dates: null,
    levels: null,
    free: false,
    max: Infinity,
  };
  // With export labels any cell may be one, which only the parser looks up.
  if (ctx.labels.size > 0) return none;
  switch (kind.type) {
    case 'id':
      return { ...none, code: Fast.Id, ids: new NumberedIdReader() };
    case 'text':
      return { ...none, code: Fast.Text, free: kind.free };
    case 'score':
      return { ...none, code: Fast.Score, onScale: scoreScale(kind) };
    case 'number':
      return readsNumbers(ctx) ? { ...none, code: Fast.Number, max: kind.max ?? Infinity } : none;
    case 'level': {
      const levels = declaredLevels(kind, ctx);
      return levels ? { ...none, code: Fast.Level, levels } : none;
    }
    case 'date':
      return readsIsoDays(ctx) ? { ...none, code: Fast.Date, dates: new DayValues() } : none;
    // No fast reader: the row loop's memo answers the datetimes and choices that repeat.
    case 'datetime':
    case 'choice':
      return none;
  }
  return unreachable(kind);
}

/** Reads cell i with the column's fast reader: its value, or SLOW. */
export function readFast(plan: FastPlan, record: CsvRecord, i: number): FastResult {
  switch (plan.code) {
    case Fast.None:
      return SLOW;
    case Fast.Id:
      return readId(record, i, plan.ids!);
    case Fast.Text:
      return readText(record, i, plan.free);
    case Fast.Score:
      return readScore(record, i, plan.onScale!);
    case Fast.Number:
      return readNumber(record, i, plan.max);
    case Fast.Date:
      return plan.dates!.get(record, i);
    case Fast.Level:
      return readLevel(record, i, plan.levels!);
  }
  return unreachable(plan.code);
}
