/**
 * Reads one declared table: checks its header against the manifest's mapping, converts every
 * cell per its field spec, and hands each valid record to `onRecord` as the canonical fields'
 * values, each at its field's slot of the table's layout. Every problem becomes a diagnostic with
 * file, row and column; a row with an error is not passed on, so a wrong value never reaches a
 * metric.
 */
import { existsSync, statSync } from 'node:fs';
import type { Table } from '../contracts/manifest-schema.ts';
import { SLOW, type CellContext, type CellValue, type FastResult } from './cells/cell.ts';
import { Fast, fastPlan, parseCell, readFast, type FastPlan } from './cells/by-kind.ts';
import { readId } from './cells/id.ts';
import { readLevel } from './cells/level.ts';
import { readNumber } from './cells/number.ts';
import { readScore } from './cells/score.ts';
import { readText } from './cells/text.ts';
import { fileStartProblem, readCsv } from './csv-reader.ts';
import type { CsvRecord } from './csv-scanner.ts';
import { diagnostic, DiagnosticCollector, type Diagnostic } from './diagnostics.ts';
import type { FieldSpec } from './field-specs.ts';
import { matchKey } from '../contracts/match-key.ts';

/**
 * Where each canonical field of a table sits in its records' values: positions, not keys, so a
 * row costs array writes rather than building an object field by field. A field the table does
 * not have reads the last slot, which stays empty.
 */
export class RecordLayout {
  private readonly slots = new Map<string, number>();
  readonly fields: readonly string[];

  constructor(fields: readonly string[]) {
    this.fields = fields;
    fields.forEach((field, i) => {
      if (!this.slots.has(field)) this.slots.set(field, i);
    });
  }

  /** Number of slots, the empty one included. */
  get size(): number {
    return this.fields.length + 1;
  }

  /** The slot of `field`; the empty slot when the table does not have it. */
  slot(field: string): number {
    return this.slots.get(field) ?? this.fields.length;
  }

  /** The slots of several fields by name, resolved once before the rows. */
  slotsOf<const F extends string>(fields: readonly F[]): Record<F, number> {
    return Object.fromEntries(fields.map((f) => [f, this.slot(f)])) as Record<F, number>;
  }
}

export interface TableReadResult {
  sha256: string | null;
  /** Data rows in the file. */
  records: number;
  /** Rows passed on to `onRecord`. */
  accepted: number;
  diagnostics: Diagnostic[];
}

interface BoundField {
  spec: FieldSpec;
  header: string;
  index: number;
  ctx: CellContext;
  /** Reads the common cells straight from the bytes; SLOW hands the cell to parseCell. */
  fast: FastPlan;
  /** The field may not be empty. */
  requiredValue: boolean;
  /** Remembers the conversion of repeated cells (levels, dates, labels, statuses). */
  memo: CellMemo | null;
  /** Set when the column is one answer of a construct score rather than the field itself. */
  part: { construct: Construct; k: number } | null;
  /** The field's slot in the record's values. */
  slot: number;
}

/** A scored item mapped to several columns: its value is the mean of their answers. */
interface Construct {
  /** Slot of the item in the record's values. */
  slot: number;
  /** This row's answers, one per column (reset for every row). */
  answers: Array<number | undefined>;
}

/** Mean of a construct's answers; missing when any is (a partial mean mixes different questions). */
function constructScore(answers: ReadonlyArray<number | undefined>): number | undefined {
  let sum = 0;
  for (const a of answers) {
    if (a === undefined) return undefined;
    sum += a;
  }
  return sum / answers.length;
}

/** A cell the general parser refused (already reported). */
const REJECTED = Symbol('rejected');

/**
 * A table's columns grouped by reader, for the row loop's fast pass: each group is read in its
 * own tight loop (one reader, no dispatch per cell). A row whose cells all read that way is
 * done there; any other row (a cell for the general parser, an empty required cell) is read
 * again by the full loop in column order, which reports exactly what it always did.
 */
interface ColumnsByReader {
  /** False for tables with constructs (several columns into one score): the full loop only. */
  usable: boolean;
  scores: BoundField[];
  ids: BoundField[];
  numbers: BoundField[];
  dates: BoundField[];
  /** Segment columns: a declared level as written, else their memo. */
  levels: BoundField[];
  /** Columns with a memo of repeated cells (their fast reader, if any, behind it). */
  remembered: BoundField[];
}

function columnsByReader(bound: readonly BoundField[], constructs: boolean): ColumnsByReader {
  const groups: ColumnsByReader = {
    usable: !constructs,
    scores: [],
    ids: [],
    numbers: [],
    dates: [],
    levels: [],
    remembered: [],
  };
  for (const b of bound) {
    if (b.fast.code === Fast.Level) groups.levels.push(b);
    else if (b.memo !== null) groups.remembered.push(b);
    else if (b.fast.code === Fast.Score) groups.scores.push(b);
    else if (b.fast.code === Fast.Id) groups.ids.push(b);
    else if (b.fast.code === Fast.Number) groups.numbers.push(b);
    else if (b.fast.code === Fast.Date) groups.dates.push(b);
    else groups.usable = false;
  }
  return groups;
}

/** Reads every cell of a row by its group's reader; false when one needs the full loop. */
function readAllFast(groups: ColumnsByReader, cells: CsvRecord, values: CellValue[]): boolean {
  const { scores, ids, numbers, dates, levels, remembered } = groups;
  for (let f = 0; f < scores.length; f++) {
    const b = scores[f]!;
    const value = readScore(cells, b.index, b.fast.onScale!);
    if (typeof value === 'symbol' || (value === undefined && b.requiredValue)) return false;
    values[b.slot] = value;
  }
  for (let f = 0; f < ids.length; f++) {
    const b = ids[f]!;
    const value = readId(cells, b.index, b.fast.ids!);
    if (typeof value === 'symbol' || (value === undefined && b.requiredValue)) return false;
    values[b.slot] = value;
  }
  for (let f = 0; f < numbers.length; f++) {
    const b = numbers[f]!;
    const value = readNumber(cells, b.index, b.fast.max);
    if (typeof value === 'symbol' || (value === undefined && b.requiredValue)) return false;
    values[b.slot] = value;
  }
  for (let f = 0; f < dates.length; f++) {
    const b = dates[f]!;
    const value = b.fast.dates!.get(cells, b.index);
    if (typeof value === 'symbol' || (value === undefined && b.requiredValue)) return false;
    values[b.slot] = value;
  }
  for (let f = 0; f < levels.length; f++) {
    const b = levels[f]!;
    let value = readLevel(cells, b.index, b.fast.levels!);
    if (typeof value === 'symbol' && b.memo !== null && b.memo.on)
      value = b.memo.get(cells, b.index);
    if (typeof value === 'symbol' || (value === undefined && b.requiredValue)) return false;
    values[b.slot] = value;
  }
  for (let f = 0; f < remembered.length; f++) {
    const b = remembered[f]!;
    const memo = b.memo!;
    if (!memo.on && b.fast.code !== Fast.Text) {
      // Too many distinct cells to remember, and no fast reader: every row would come back.
      groups.usable = false;
      return false;
    }
    let value = memo.on ? memo.get(cells, b.index) : SLOW;
    if (typeof value === 'symbol') {
      if (b.fast.code !== Fast.Text) return false;
      value = readText(cells, b.index, b.fast.free);
      if (typeof value === 'symbol') return false;
      if (memo.on) memo.set(cells, b.index, value);
    }
    if (value === undefined && b.requiredValue) return false;
    values[b.slot] = value;
  }
  return true;
}

const MEMO_SLOTS = 1024;
const MEMO_KINDS = new Set<FieldSpec['kind']['type']>([
  'text',
  'date',
  'datetime',
  'choice',
  'level',
]);
const MEMO_ENTRIES = 512;
const MEMO_MAX_BYTES = 64;

/**
 * The converted value of each distinct cell of a column, for columns that repeat a few values
 * millions of times (segment levels, dates, statuses, mapped labels): a repeated cell costs a
 * hash and a byte comparison instead of a string and a parse. Conversions are pure, so a
 * remembered value is exactly what the parser would return. A column with too many distinct
 * values (ids, comments) turns its memo off.
 */
export class CellMemo {
  private readonly slots = new Int32Array(MEMO_SLOTS).fill(-1);
  private readonly keyStart: number[] = [];
  private readonly keyLength: number[] = [];
  private readonly values: CellValue[] = [];
  private pool = Buffer.alloc(4096);
  private poolUsed = 0;
  private misses = 0;
  on = true;

  private slotOf(bytes: Buffer, start: number, end: number): number {
    const length = end - start;
    let h = Math.imul(0x811c9dc5 ^ length, 0x01000193);
    if (length <= 8) {
      for (let p = start; p < end; p++) h = Math.imul(h ^ bytes[p]!, 0x01000193);
    } else {
      // Eight bytes from the start, middle and end tell apart the values a column repeats
      // (dates differ in month and day, labels in length and first letters); the full
      // comparison below settles any collision.
      const middle = start + (length >> 1);
      h = Math.imul(h ^ bytes[start]!, 0x01000193);
      h = Math.imul(h ^ bytes[start + 1]!, 0x01000193);
      h = Math.imul(h ^ bytes[middle]!, 0x01000193);
      h = Math.imul(h ^ bytes[middle + 1]!, 0x01000193);
      h = Math.imul(h ^ bytes[end - 4]!, 0x01000193);
      h = Math.imul(h ^ bytes[end - 3]!, 0x01000193);
      h = Math.imul(h ^ bytes[end - 2]!, 0x01000193);
      h = Math.imul(h ^ bytes[end - 1]!, 0x01000193);
    }
    h ^= h >>> 15;
    let slot = (h >>> 0) & (MEMO_SLOTS - 1);
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry < 0) return slot;
      if (this.keyLength[entry] === length && this.sameKey(entry, bytes, start, length))
        return slot;
      slot = (slot + 1) & (MEMO_SLOTS - 1);
    }
  }

  private sameKey(entry: number, bytes: Buffer, start: number, length: number): boolean {
    const pool = this.pool;
    const at = this.keyStart[entry]!;
    for (let k = 0; k < length; k++) if (pool[at + k] !== bytes[start + k]) return false;
    return true;
  }

  /** The remembered value, or SLOW when this cell has not been seen. */
  get(record: CsvRecord, i: number): FastResult {
    const start = record.starts[i]!;
    const end = record.ends[i]!;
    // An empty cell is missing whatever the column (the parser's first rule): no lookup.
    if (start === end) return undefined;
    if (end - start > MEMO_MAX_BYTES || record.quotes[i]) return SLOW;
    const entry = this.slots[this.slotOf(record.bytes, start, end)]!;
    if (entry >= 0) return this.values[entry];
    if (this.values.length >= MEMO_ENTRIES && ++this.misses > 10_000) this.on = false;
    return SLOW;
  }

  set(record: CsvRecord, i: number, value: CellValue): void {
    const start = record.starts[i]!;
    const end = record.ends[i]!;
    if (this.values.length >= MEMO_ENTRIES || end - start > MEMO_MAX_BYTES || record.quotes[i])
      return;
    const slot = this.slotOf(record.bytes, start, end);
    if (this.slots[slot]! >= 0) return;
    if (this.poolUsed + (end - start) > this.pool.length) {
      const bigger = Buffer.alloc(this.pool.length * 2);
      this.pool.copy(bigger, 0, 0, this.poolUsed);
      this.pool = bigger;
    }
    record.bytes.copy(this.pool, this.poolUsed, start, end);
    this.slots[slot] = this.values.length;
    this.keyStart.push(this.poolUsed);
    this.keyLength.push(end - start);
    this.values.push(value);
    this.poolUsed += end - start;
  }
}

/**
 * @param path absolute path of the file
 * @param displayPath path shown in diagnostics (relative to the project)
 * @param hash false when the caller hashes the file elsewhere (sha256 is then null)
 */
export async function readTable(
  path: string,
  displayPath: string,
  table: Table,
  specs: readonly FieldSpec[],
  layout: RecordLayout,
  onRecord: (values: CellValue[], row: number) => void,
  hash = true,
): Promise<TableReadResult> {
  const diagnostics = new DiagnosticCollector();
  if (!existsSync(path)) {
    diagnostics.push(
      diagnostic('table-file-missing', {
        file: displayPath,
        message: 'the manifest declares this file but it does not exist',
        hint: 'add the file to the snapshot folder, fix "file" in manifest.json, or remove the table from "tables"',
      }),
    );
    return { sha256: null, records: 0, accepted: 0, diagnostics: diagnostics.list() };
  }
  if (statSync(path).size === 0) {
    diagnostics.push(
      diagnostic('table-empty', {
        file: displayPath,
        message: 'the file is empty',
        hint: 're-export the table; a table with no rows should be removed from "tables" in manifest.json',
      }),
    );
    return { sha256: null, records: 0, accepted: 0, diagnostics: diagnostics.list() };
  }
  const startProblem = fileStartProblem(path, displayPath, table.format);
  if (startProblem) {
    diagnostics.push(startProblem);
    return { sha256: null, records: 0, accepted: 0, diagnostics: diagnostics.list() };
  }

  const values = new Array<CellValue>(layout.size).fill(undefined);
  let bound: BoundField[] = [];
  let byReader: ColumnsByReader | null = null;
  let unbound = new Int32Array(0);
  let constructs: Construct[] = [];
  let headerOk = true;
  let headerLength = 0;
  let accepted = 0;

  const onHeader = (header: string[]) => {
    headerLength = header.length;
    const seen = new Map<string, number>();
    header.forEach((h, i) => {
      if (h !== '' && seen.has(h)) {
        diagnostics.push(
          diagnostic('duplicate-header', {
            file: displayPath,
            row: table.format.headerRow,
            column: h,
            message: `columns ${seen.get(h)! + 1} and ${i + 1} have the same header`,
            hint: 'rename one of them in the export so each header is unique',
          }),
        );
      }
      seen.set(h, i);
    });
    const keyIndex = new Map(header.map((h, i) => [matchKey(h), i]));
    const mappedHeaders = new Set<string>();
    bound = [];
    constructs = [];
    for (const spec of specs) {
      const mapping = table.columns[spec.field]!;
      const wantedHeaders = typeof mapping === 'string' ? [mapping] : mapping;
      const slot = layout.slot(spec.field);
      const construct: Construct | null =
        typeof mapping === 'string'
          ? null
          : { slot, answers: new Array<undefined>(mapping.length) };
      if (construct) constructs.push(construct);
      const labels = new Map<string, string | number>();
      for (const [label, value] of Object.entries(table.values[spec.field] ?? {})) {
        labels.set(matchKey(label.trim()), value);
      }
      const ctx: CellContext = {
        labels,
        decimal: table.format.decimal,
        thousands: table.format.thousands,
        dateFormat: table.format.dateFormat,
      };
      wantedHeaders.forEach((wanted, k) => {
        const index = seen.get(wanted) ?? keyIndex.get(matchKey(wanted));
        if (index === undefined) {
          if (spec.requiredColumn || spec.kind.type === 'score' || spec.kind.type === 'level')
            headerOk = false;
          diagnostics.push(
            diagnostic('missing-column', {
              file: displayPath,
              row: table.format.headerRow,
              column: wanted,
              message: `no column "${wanted}" (mapped to ${spec.field}) in the header`,
              hint: `the header has: ${header.map((h) => `"${h}"`).join(', ')}; fix tables.*.columns.${spec.field} in manifest.json${header.length === 1 ? ', or set "format": { "delimiter": … } — the file may use another delimiter' : ''}`,
            }),
          );
          return;
        }
        mappedHeaders.add(header[index]!);
        const fast = fastPlan(spec.kind, ctx);
        bound.push({
          spec,
          header: header[index]!,
          index,
          fast,
          requiredValue: spec.requiredValue,
          // Ids are all different, and plain scores and amounts read as fast from their bytes
          // as from a memo (ISO dates have their own, by day); labels, levels, other dates
          // and statuses repeat a few values.
          memo:
            fast.code === Fast.None || (MEMO_KINDS.has(spec.kind.type) && fast.code !== Fast.Date)
              ? new CellMemo()
              : null,
          ctx,
          part: construct ? { construct, k } : null,
          slot,
        });
      });
    }
    const ignored = new Set(table.format.ignore.map((h) => h.toLowerCase()));
    header.forEach((h, i) => {
      if (mappedHeaders.has(h) || ignored.has(h.toLowerCase())) return;
      // An empty first header is a row-index column written by spreadsheet tools: not worth a warning.
      if (h === '' && i === 0) return;
      diagnostics.push(
        diagnostic('unmapped-column', {
          file: displayPath,
          row: table.format.headerRow,
          column: h === '' ? `column ${i + 1}` : h,
          message: 'this column is not mapped to any field and is ignored',
          hint: 'map it in tables.*.columns of manifest.json, or list it in "format": { "ignore": [...] } to silence this',
        }),
      );
    });
    byReader = columnsByReader(bound, constructs.length > 0);
    const written = new Set([...bound.map((b) => b.slot), ...constructs.map((c) => c.slot)]);
    unbound = Int32Array.from({ length: values.length }, (_, k) => k).filter(
      (k) => !written.has(k),
    );
  };

  // Segments a lookup file fills where the table's cell is empty.
  const filledByLookup = new Set(table.lookups.map((l) => l.field));
  /** A segment cell of spaces alone reads as empty: the row then counts in no group. */
  const reportBlankLevel = (b: BoundField, row: number, raw: string) =>
    diagnostics.report('blank-segment', displayPath, () =>
      diagnostic('blank-segment', {
        file: displayPath,
        row,
        column: b.header,
        value: raw,
        message: `only spaces, read as empty: this row counts overall but in no group of ${b.spec.field}`,
        hint: 'write the level in the export, or leave the cell truly empty if it is unknown',
      }),
    );

  // Out-of-scale values per score column, to recognise an export written on another scale.
  const outOfScale = new Map<BoundField, { count: number; max: number; firstRow: number }>();

  /**
   * The general parser for a cell the fast readers declined (or an empty required one):
   * its value, or REJECTED after reporting why. Kept out of the row loop, which stays small.
   */
  const convertSlowly = (
    b: BoundField,
    cells: CsvRecord,
    row: number,
  ): CellValue | typeof REJECTED => {
    const raw = cells.text(b.index);
    const result = parseCell(raw, b.spec.kind, b.ctx);
    if (!result.ok) {
      if (result.id === 'out-of-scale') {
        const seen = outOfScale.get(b) ?? { count: 0, max: -Infinity, firstRow: row };
        seen.count += 1;
        seen.max = Math.max(seen.max, Number(raw));
        outOfScale.set(b, seen);
      }
      diagnostics.report(result.id, displayPath, () =>
        diagnostic(result.id, {
          file: displayPath,
          row,
          column: b.header,
          value: raw,
          message: result.message,
          hint: result.hint,
        }),
      );
      return REJECTED;
    }
    if (result.value === undefined && b.requiredValue) {
      diagnostics.report('missing-id', displayPath, () =>
        diagnostic('missing-id', {
          file: displayPath,
          row,
          column: b.header,
          message: `${b.spec.field} is required and the cell is empty`,
          hint: `fill in the cell, or remove the row from the export${b.spec.emptyHint ? `; or ${b.spec.emptyHint}` : ''}`,
        }),
      );
      return REJECTED;
    }
    if (result.value === undefined && b.spec.kind.type === 'level' && raw !== '') {
      // Not remembered: every such cell is reported.
      if (!filledByLookup.has(b.spec.field)) reportBlankLevel(b, row, raw);
      return undefined;
    }
    if (b.memo?.on) b.memo.set(cells, b.index, result.value);
    b.fast.dates?.set(cells, b.index, result.value);
    return result.value;
  };

  const onCells = (cells: CsvRecord, row: number) => {
    if (!headerOk) return;
    if (cells.count !== headerLength) {
      diagnostics.report('ragged-row', displayPath, () =>
        diagnostic('ragged-row', {
          file: displayPath,
          row,
          message: `${cells.count} fields where the header has ${headerLength}`,
          hint: 'a delimiter inside an unquoted cell or a missing quote usually causes this: quote the cell or fix the row',
        }),
      );
      return;
    }
    // One array for every row: the consumer copies out what it keeps. A row is handed on only
    // when every bound column (and construct) was written for it, so only the other slots,
    // which a consumer may fill (a lookup's field), are cleared.
    for (let k = 0; k < unbound.length; k++) values[unbound[k]!] = undefined;
    if (byReader?.usable && readAllFast(byReader, cells, values)) {
      accepted += 1;
      onRecord(values, row);
      return;
    }
    // The full loop, in column order: any cell for the general parser or the diagnostics.
    let rowOk = true;
    for (let f = 0; f < bound.length; f++) {
      const b = bound[f]!;
      let value: FastResult | typeof REJECTED = SLOW;
      if (b.memo !== null && b.memo.on) value = b.memo.get(cells, b.index);
      // typeof, not === SLOW: a strict comparison of a number-or-string with a symbol is a
      // generic builtin call in compiled code, once per cell.
      if (typeof value === 'symbol') {
        value = readFast(b.fast, cells, b.index);
        if (typeof value !== 'symbol' && b.memo?.on) b.memo.set(cells, b.index, value);
      }
      if (typeof value === 'symbol' || (value === undefined && b.requiredValue)) {
        value = convertSlowly(b, cells, row);
        if (typeof value === 'symbol') {
          rowOk = false;
          continue;
        }
      }
      if (b.part) b.part.construct.answers[b.part.k] = value as number | undefined;
      else values[b.slot] = value;
    }
    for (const c of constructs) values[c.slot] = constructScore(c.answers);
    if (rowOk) {
      accepted += 1;
      onRecord(values, row);
    }
  };

  const result = await readCsv(path, displayPath, table.format, onHeader, onCells, hash);
  for (const [b, seen] of outOfScale) {
    if (b.spec.kind.type !== 'score') continue;
    const likely = [5, 7, 10, 100].find(
      (top) => top > (b.spec.kind as { max: number }).max && seen.max <= top,
    );
    if (likely === undefined) continue;
    diagnostics.push(
      diagnostic('scale-mismatch', {
        file: displayPath,
        row: seen.firstRow,
        column: b.header,
        value: String(seen.max),
        message: `${seen.count} value(s) above the declared maximum ${(b.spec.kind as { max: number }).max}, up to ${seen.max}: the column looks like a 0–${likely} scale`,
        hint: `declare the item's real scale in manifest.json (items.${b.spec.field}.scale) or rescale the export`,
      }),
    );
  }
  diagnostics.addAll(result.diagnostics);
  if (result.header === null || (result.records === 0 && headerOk)) {
    diagnostics.push(
      diagnostic('table-empty', {
        file: displayPath,
        message:
          result.header === null
            ? 'the file has no header row'
            : 'the file has a header but no data rows',
        hint: 're-export the table with its rows; a table with no rows should be removed from "tables" in manifest.json',
      }),
    );
  }
  return {
    sha256: result.sha256,
    records: result.records,
    accepted,
    diagnostics: diagnostics.list(),
  };
}
