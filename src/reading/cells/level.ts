/** Segment level cells: one of the dimension's declared levels, whatever its case. */
import type { CsvRecord } from '../csv-scanner.ts';
import type { FieldKind } from '../field-specs.ts';
import { labelOf, SLOW, type CellContext, type CellResult, type FastResult } from './cell.ts';
import { matchKey } from '../../contracts/match-key.ts';

export type LevelKind = Extract<FieldKind, { type: 'level' }>;

/**
 * Parses a level cell (trimmed, not empty), or the level its export label names. Levels that
 * differ only in case read as the first declared.
 */
export function parseLevel(text: string, kind: LevelKind, ctx: CellContext): CellResult {
  const label = labelOf(text, ctx);
  const mapped = label !== undefined ? String(label) : text;
  const key = matchKey(mapped);
  const level = kind.levels.find((l) => matchKey(l) === key);
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

/** The declared levels as written in the manifest, and the value parseLevel gives each. */
export interface DeclaredLevels {
  bytes: Buffer[];
  values: string[];
}

/** Segments with at most this many levels are read by comparing with each (more: the memo). */
const SCANNED_LEVELS = 16;

/** What readLevel compares cells with; null for a dimension with too many levels to scan. */
export function declaredLevels(kind: LevelKind, ctx: CellContext): DeclaredLevels | null {
  if (kind.levels.length > SCANNED_LEVELS) return null;
  // A level the parser would not read as written (padded, empty) is left to it.
  const known = kind.levels.flatMap((level) => {
    const parsed = level !== '' && level.trim() === level ? parseLevel(level, kind, ctx) : null;
    return parsed?.ok && typeof parsed.value === 'string'
      ? [{ bytes: Buffer.from(level, 'utf8'), value: parsed.value }]
      : [];
  });
  return { bytes: known.map((k) => k.bytes), values: known.map((k) => k.value) };
}

/**
 * Reads a level cell from its bytes, in a column without labels: a cell written exactly as a
 * declared level answers the value parseLevel gives that level, anything else is SLOW. It must
 * return exactly what parseLevel returns for every cell it accepts.
 */
export function readLevel(record: CsvRecord, i: number, levels: DeclaredLevels): FastResult {
  const start = record.starts[i]!;
  const length = record.ends[i]! - start;
  if (length === 0) return undefined;
  if (record.quotes[i]) return SLOW;
  const bytes = record.bytes;
  const { bytes: known, values } = levels;
  for (let k = 0; k < known.length; k++) {
    const level = known[k]!;
    if (level.length !== length) continue;
    let p = 0;
    while (p < length && level[p] === bytes[start + p]) p++;
    if (p === length) return values[k]!;
  }
  return SLOW;
}
