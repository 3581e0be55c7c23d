/**
 * Reads one declared table: checks its header against the manifest's mapping, converts every
 * cell per its field spec, and hands each valid record to `onRecord` as canonical field →
 * value. Every problem becomes a diagnostic with file, row and column; a row with an error is
 * not passed on, so a wrong value never reaches a metric.
 */
import { existsSync, statSync } from 'node:fs';
import type { Table } from '../schemas/manifest-schema.ts';
import { parseCell, parseIsoDate, type CellContext } from './cell-parsers.ts';
import { readCsv } from './csv-reader.ts';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import type { FieldSpec } from './field-specs.ts';

export type CanonicalRecord = Record<string, string | number | undefined>;

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
  /** Converts the common cells without allocating; SLOW hands the cell to parseCell. */
  fast: FastConverter | null;
  /** Set when the column is one answer of a construct score rather than the field itself. */
  part: { construct: Construct; k: number } | null;
}

/** A scored item mapped to several columns: its value is the mean of their answers. */
interface Construct {
  field: string;
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

const SLOW = Symbol('slow');
type FastConverter = (raw: string) => string | number | undefined | typeof SLOW;

/**
 * A converter for the cells most exports are made of (plain ids and text, whole-number scores
 * without labels), used before the general parser: one call per cell, no result object.
 */
function fastConverter(kind: FieldSpec['kind'], ctx: CellContext): FastConverter | null {
  if (ctx.labels.size > 0) return null;
  if (kind.type === 'id' || kind.type === 'text') {
    return (raw) => {
      const text = raw.trim();
      return text === '' ? undefined : text;
    };
  }
  if (
    (kind.type === 'date' || kind.type === 'datetime') &&
    (ctx.dateFormat ?? 'YYYY-MM-DD') === 'YYYY-MM-DD'
  ) {
    const dateOnly = kind.type === 'date';
    return (raw) => {
      if (raw === '') return undefined;
      const parsed = parseIsoDate(raw);
      if (!parsed) return SLOW;
      return dateOnly ? parsed.date : parsed.timestamp;
    };
  }
  if (kind.type === 'number' && ctx.decimal === '.' && !ctx.thousands) {
    return (raw) => {
      if (raw === '') return undefined;
      let dots = 0;
      for (let i = 0; i < raw.length; i++) {
        const c = raw.charCodeAt(i);
        if (c === 46) dots += 1;
        else if (c < 48 || c > 57) return SLOW;
      }
      return dots <= 1 && raw !== '.' ? Number(raw) : SLOW;
    };
  }
  if (kind.type === 'score') {
    const notApplicable = new Set(kind.notApplicable.map((c) => c.toLowerCase()));
    const { min, max } = kind;
    return (raw) => {
      if (raw === '') return undefined;
      if (raw.length > 9 || notApplicable.has(raw.toLowerCase())) return SLOW;
      let value = 0;
      for (let i = 0; i < raw.length; i++) {
        const digit = raw.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) return SLOW;
        value = value * 10 + digit;
      }
      return value >= min && value <= max ? value : SLOW;
    };
  }
  return null;
}

/**
 * @param path absolute path of the file
 * @param displayPath path shown in diagnostics (relative to the project)
 */
export async function readTable(
  path: string,
  displayPath: string,
  table: Table,
  specs: readonly FieldSpec[],
  onRecord: (record: CanonicalRecord, row: number) => void,
): Promise<TableReadResult> {
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(path)) {
    diagnostics.push(
      diagnostic('table-file-missing', {
        file: displayPath,
        message: 'the manifest declares this file but it does not exist',
        hint: 'add the file to the snapshot folder, fix "file" in manifest.json, or remove the table from "tables"',
      }),
    );
    return { sha256: null, records: 0, accepted: 0, diagnostics };
  }
  if (statSync(path).size === 0) {
    diagnostics.push(
      diagnostic('table-empty', {
        file: displayPath,
        message: 'the file is empty',
        hint: 're-export the table; a table with no rows should be removed from "tables" in manifest.json',
      }),
    );
    return { sha256: null, records: 0, accepted: 0, diagnostics };
  }

  let bound: BoundField[] = [];
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
    const lowerIndex = new Map(header.map((h, i) => [h.toLowerCase(), i]));
    const mappedHeaders = new Set<string>();
    bound = [];
    constructs = [];
    for (const spec of specs) {
      const mapping = table.columns[spec.field]!;
      const wantedHeaders = typeof mapping === 'string' ? [mapping] : mapping;
      const construct: Construct | null =
        typeof mapping === 'string'
          ? null
          : { field: spec.field, answers: new Array<undefined>(mapping.length) };
      if (construct) constructs.push(construct);
      const labels = new Map<string, string | number>();
      for (const [label, value] of Object.entries(table.values[spec.field] ?? {})) {
        labels.set(label.trim().toLowerCase(), value);
      }
      const ctx: CellContext = {
        labels,
        decimal: table.format.decimal,
        thousands: table.format.thousands,
        dateFormat: table.format.dateFormat,
      };
      wantedHeaders.forEach((wanted, k) => {
        const index = seen.get(wanted) ?? lowerIndex.get(wanted.toLowerCase());
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
        bound.push({
          spec,
          header: header[index]!,
          index,
          fast: fastConverter(spec.kind, ctx),
          ctx,
          part: construct ? { construct, k } : null,
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
  };

  // Out-of-scale values per score column, to recognise an export written on another scale.
  const outOfScale = new Map<BoundField, { count: number; max: number; firstRow: number }>();

  const onCells = (cells: string[], row: number) => {
    if (!headerOk) return;
    if (cells.length !== headerLength) {
      diagnostics.push(
        diagnostic('ragged-row', {
          file: displayPath,
          row,
          message: `${cells.length} fields where the header has ${headerLength}`,
          hint: 'a delimiter inside an unquoted cell or a missing quote usually causes this: quote the cell or fix the row',
        }),
      );
      return;
    }
    const record: CanonicalRecord = {};
    let rowOk = true;
    for (const b of bound) {
      const raw = cells[b.index]!;
      if (b.fast) {
        const value = b.fast(raw);
        if (value !== SLOW && (value !== undefined || !b.spec.requiredValue)) {
          if (b.part) b.part.construct.answers[b.part.k] = value as number | undefined;
          else record[b.spec.field] = value;
          continue;
        }
      }
      const result = parseCell(raw, b.spec.kind, b.ctx);
      if (!result.ok) {
        if (result.id === 'out-of-scale') {
          const seen = outOfScale.get(b) ?? { count: 0, max: -Infinity, firstRow: row };
          seen.count += 1;
          seen.max = Math.max(seen.max, Number(raw));
          outOfScale.set(b, seen);
        }
        rowOk = false;
        diagnostics.push(
          diagnostic(result.id, {
            file: displayPath,
            row,
            column: b.header,
            value: raw,
            message: result.message,
            hint: result.hint,
          }),
        );
        continue;
      }
      if (result.value === undefined && b.spec.requiredValue) {
        rowOk = false;
        diagnostics.push(
          diagnostic('missing-id', {
            file: displayPath,
            row,
            column: b.header,
            message: `${b.spec.field} is required and the cell is empty`,
            hint: 'fill in the cell, or remove the row from the export',
          }),
        );
        continue;
      }
      if (b.part) b.part.construct.answers[b.part.k] = result.value as number | undefined;
      else record[b.spec.field] = result.value;
    }
    for (const c of constructs) record[c.field] = constructScore(c.answers);
    if (rowOk) {
      accepted += 1;
      onRecord(record, row);
    }
  };

  const result = await readCsv(path, displayPath, table.format, onHeader, onCells);
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
  diagnostics.push(...result.diagnostics);
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
  return { sha256: result.sha256, records: result.records, accepted, diagnostics };
}
