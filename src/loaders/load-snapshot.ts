/**
 * Loads one snapshot folder: validates its manifest, streams each declared table through the
 * CSV reader and the field specs, turns valid records into canonical rows, and feeds them to
 * the caller's sinks (the metric reducers). Returns the snapshot's content hash and every
 * diagnostic; the caller decides what an error means (the build fails on any).
 */
import { createHash } from 'node:crypto';
import { join, normalize } from 'node:path';
import {
  SURVEY_ITEMS,
  type CompetitorComparison,
  type JourneyStage,
  type SurveyItem,
  type TableName,
} from '../schemas/fields.ts';
import { mappedHeader, type Manifest } from '../schemas/manifest-schema.ts';
import type { CustomerRow, OrderRow, SurveyRow, TicketRow } from '../schemas/row-types.ts';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { fieldSpecs } from './field-specs.ts';
import { readManifest } from './read-manifest.ts';
import { IdRegistry } from './id-registry.ts';
import { readTable, type CanonicalRecord } from './read-table.ts';
import { readCsv } from './csv-reader.ts';
import { existsSync } from 'node:fs';

export interface SnapshotSinks {
  survey: (row: SurveyRow) => void;
  orders?: (row: OrderRow) => void;
  tickets?: (row: TicketRow) => void;
  customers?: (row: CustomerRow) => void;
}

export interface TableSummary {
  file: string;
  /** Data rows in the file. */
  rows: number;
  /** Rows that passed validation and reached the metrics. */
  used: number;
  sha256: string | null;
}

export interface LoadedSnapshot {
  manifest: Manifest | null;
  /** [file name, sha256] of the manifest and every table read, for the snapshot hash. */
  parts: Array<[string, string]>;
  /** sha256 over the manifest and table files; null when a file could not be read. */
  hash: string | null;
  tables: Partial<Record<TableName, TableSummary>>;
  diagnostics: Diagnostic[];
}

/**
 * Content hash of a snapshot: sha256 of "name\0sha256(bytes)\n" for the manifest and each
 * declared table, in a fixed order, so any changed byte changes the hash.
 */
export function snapshotHash(parts: ReadonlyArray<[name: string, sha256: string]>): string {
  const hash = createHash('sha256');
  for (const [name, sha] of [...parts].sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`${name}\u0000${sha}\n`);
  }
  return `sha256:${hash.digest('hex')}`;
}

function segmentsOf(
  record: CanonicalRecord,
  dimensions: readonly string[],
): Record<string, string | undefined> {
  const segments: Record<string, string | undefined> = {};
  for (const d of dimensions) segments[d] = record[d] as string | undefined;
  return segments;
}

const str = (v: string | number | undefined) => (v === undefined ? undefined : String(v));

interface Lookup {
  /** Fills the record's segment from the lookup when the table left it empty. */
  apply: (record: CanonicalRecord, row: number, file: string) => void;
  /** Reports keys the lookup did not know, once, after the table. */
  report: (file: string) => void;
}

/**
 * Reads a table's lookup files into maps from key to declared level. Returns null when a
 * lookup file cannot be read (the snapshot hash is then incomplete).
 */
async function readLookups(
  dir: string,
  displayDir: string,
  manifest: Manifest,
  table: NonNullable<Manifest['tables']['survey']>,
  diagnostics: Diagnostic[],
  hashParts: Array<[string, string]>,
): Promise<Lookup[] | null> {
  const lookups: Lookup[] = [];
  let complete = true;
  for (const spec of table.lookups) {
    const file = normalize(`${displayDir}/${spec.file}`);
    const levels = Object.keys(manifest.segments[spec.field]?.levels ?? {});
    const byLower = new Map(levels.map((l) => [l.toLowerCase(), l]));
    const values = new Map<string, string>();
    let keyIndex = -1;
    let valueIndex = -1;
    if (!existsSync(join(dir, spec.file))) {
      diagnostics.push(
        diagnostic('table-file-missing', {
          file,
          message: `the lookup for ${spec.field} names this file but it does not exist`,
          hint: 'add the file to the snapshot folder or fix "lookups" in manifest.json',
        }),
      );
      complete = false;
      continue;
    }
    const read = await readCsv(
      join(dir, spec.file),
      file,
      { encoding: 'utf-8', headerRow: 1 },
      (header) => {
        keyIndex = header.indexOf(spec.lookupKey);
        valueIndex = header.indexOf(spec.lookupValue);
        for (const [wanted, index] of [
          [spec.lookupKey, keyIndex],
          [spec.lookupValue, valueIndex],
        ] as const) {
          if (index < 0) {
            diagnostics.push(
              diagnostic('missing-column', {
                file,
                row: 1,
                column: wanted,
                message: `no column "${wanted}" in the lookup file`,
                hint: `the header has: ${header.map((h) => `"${h}"`).join(', ')}; fix "lookups" in manifest.json`,
              }),
            );
          }
        }
      },
      (record, row) => {
        if (keyIndex < 0 || valueIndex < 0) return;
        const cells = record.fields();
        const raw = (cells[valueIndex] ?? '').trim();
        if (raw === '') return;
        const level = byLower.get(raw.toLowerCase());
        if (level === undefined) {
          diagnostics.push(
            diagnostic('unknown-segment-level', {
              file,
              row,
              column: spec.lookupValue,
              value: raw,
              message: `not a declared level of ${spec.field} (${levels.join(', ')})`,
              hint: `add the level to segments.${spec.field} in manifest.json, or correct the lookup file`,
            }),
          );
          return;
        }
        values.set((cells[keyIndex] ?? '').trim(), level);
      },
    );
    diagnostics.push(...read.diagnostics);
    hashParts.push([spec.file, read.sha256]);
    let misses = 0;
    let firstMiss: { row: number; value: string } | null = null;
    lookups.push({
      apply: (record, row) => {
        if (record[spec.field] !== undefined) return;
        const key = record[spec.key];
        if (key === undefined) return;
        const level = values.get(String(key));
        if (level !== undefined) record[spec.field] = level;
        else {
          misses += 1;
          firstMiss ??= { row, value: String(key) };
        }
      },
      report: (tableFile) => {
        if (misses === 0 || !firstMiss) return;
        diagnostics.push(
          diagnostic('lookup-miss', {
            file: tableFile,
            row: firstMiss.row,
            column: spec.key,
            value: firstMiss.value,
            message: `${misses} row(s) have a ${spec.key} that ${spec.file} does not list, so their ${spec.field} is unknown`,
            hint: `add the missing keys to ${spec.file}; these rows still count overall, not in any ${spec.field}`,
          }),
        );
      },
    });
  }
  return complete ? lookups : null;
}

/**
 * @param dir absolute path of the snapshot folder
 * @param displayDir how the folder is named in diagnostics, e.g. "data/2026-Q3"
 * @param createSinks called with the validated manifest before any table is read
 */
export async function loadSnapshot(
  dir: string,
  displayDir: string,
  createSinks: (manifest: Manifest) => SnapshotSinks,
  options: { only?: readonly TableName[] } = {},
): Promise<LoadedSnapshot> {
  const read = readManifest(dir, displayDir);
  const diagnostics = [...read.diagnostics];
  const { manifest } = read;
  if (!manifest || diagnostics.some((d) => d.level === 'error')) {
    return { manifest, parts: [], hash: null, tables: {}, diagnostics };
  }
  const sinks = createSinks(manifest);
  const dimensions = Object.keys(manifest.segments);
  const hashParts: Array<[string, string]> = [
    ['manifest.json', createHash('sha256').update(read.bytes!).digest('hex')],
  ];
  const tables: Partial<Record<TableName, TableSummary>> = {};
  let hashComplete = true;

  const readOne = async (
    name: TableName,
    onRecord: (record: CanonicalRecord, row: number, file: string) => void,
  ) => {
    const table = manifest.tables[name];
    if (!table || (options.only && !options.only.includes(name))) return;
    const file = normalize(`${displayDir}/${table.file}`);
    const lookups = await readLookups(dir, displayDir, manifest, table, diagnostics, hashParts);
    if (lookups === null) hashComplete = false;
    const result = await readTable(
      join(dir, table.file),
      file,
      table,
      fieldSpecs(name, manifest),
      (record, row) => {
        for (const lookup of lookups ?? []) lookup.apply(record, row, file);
        onRecord(record, row, file);
      },
    );
    for (const lookup of lookups ?? []) lookup.report(file);
    diagnostics.push(...result.diagnostics);
    tables[name] = { file, rows: result.records, used: result.accepted, sha256: result.sha256 };
    if (result.sha256) hashParts.push([table.file, result.sha256]);
    else hashComplete = false;
  };

  const outsidePeriod = (date: string | undefined) =>
    date !== undefined && (date.slice(0, 10) < manifest.start || date.slice(0, 10) > manifest.end);

  /**
   * Reports a repeated id and says whether to drop the row: the first copy is kept unless the
   * table declares "duplicateIds": "keep-all".
   */
  const dropRepeat = (
    ids: IdRegistry,
    table: TableName,
    noun: string,
    id: string,
    row: number,
    file: string,
    column: string | undefined,
  ): boolean => {
    const firstRow = ids.firstRow(id, row);
    if (firstRow === 0) return false;
    const keepAll = manifest.tables[table]?.duplicateIds === 'keep-all';
    diagnostics.push(
      diagnostic('duplicate-id', {
        file,
        row,
        column,
        value: id,
        message: keepAll
          ? `${noun} id already used in row ${firstRow}; both rows are kept ("duplicateIds": "keep-all")`
          : `${noun} id already used in row ${firstRow}; this copy is dropped and row ${firstRow} is kept`,
        hint: keepAll
          ? 'remove "duplicateIds": "keep-all" from the table in manifest.json to keep only the first copy'
          : `remove the repeated ${noun} from the export if it is a copy, or give it its own id`,
      }),
    );
    return !keepAll;
  };

  // Survey -------------------------------------------------------------------------------
  const surveyIds = new IdRegistry();
  const surveyTable = manifest.tables.survey;
  const hasResponseIds = surveyTable?.columns.response_id !== undefined;
  const responseIdHeader = mappedHeader(surveyTable, 'response_id');
  const items = SURVEY_ITEMS.filter((item) => manifest.items[item] !== undefined);
  await readOne('survey', (record, row, file) => {
    // Without an id column (some survey exports have none) each row is one response.
    const responseId = hasResponseIds ? String(record.response_id) : `${file}:${row}`;
    if (
      hasResponseIds &&
      dropRepeat(surveyIds, 'survey', 'response', responseId, row, file, responseIdHeader)
    )
      return;
    const scores: Partial<Record<SurveyItem, number>> = {};
    let answered = 0;
    for (const item of items) {
      const value = record[item];
      if (typeof value === 'number') {
        scores[item] = value;
        answered += 1;
      }
    }
    if (answered === 0) {
      diagnostics.push(
        diagnostic('empty-response', {
          file,
          row,
          column: responseIdHeader,
          value: responseId,
          message: 'no scored item is answered; the response is excluded from every metric',
          hint: 'nothing to do if this was an abandoned response; otherwise check the item columns',
        }),
      );
      return;
    }
    const date = str(record.date);
    if (outsidePeriod(date)) {
      diagnostics.push(
        diagnostic('date-outside-period', {
          file,
          row,
          column: mappedHeader(surveyTable, 'date'),
          value: date,
          message: `date outside the snapshot's period ${manifest.start} – ${manifest.end}`,
          hint: "check the export's date filter, or the period in manifest.json",
        }),
      );
    }
    sinks.survey({
      responseId,
      customerId: str(record.customer_id),
      date,
      segments: segmentsOf(record, dimensions),
      items: scores,
      competitor: record.competitor as CompetitorComparison | undefined,
      journeyStage: record.journey_stage as JourneyStage | undefined,
      comment: str(record.comment),
    });
  });

  // Orders -------------------------------------------------------------------------------
  const orderIds = new IdRegistry();
  const orderIdHeader = mappedHeader(manifest.tables.orders, 'order_id');
  await readOne('orders', (record, row, file) => {
    const orderId = String(record.order_id);
    if (dropRepeat(orderIds, 'orders', 'order', orderId, row, file, orderIdHeader)) return;
    sinks.orders?.({
      orderId,
      customerId: String(record.customer_id),
      date: String(record.date),
      amount: typeof record.amount === 'number' ? record.amount : undefined,
      status: (str(record.status) ?? 'completed').toLowerCase(),
      estimatedDelivery: str(record.estimated_delivery),
      delivered: str(record.delivered),
      segments: segmentsOf(record, dimensions),
    });
  });

  // Tickets ------------------------------------------------------------------------------
  const ticketIds = new IdRegistry();
  await readOne('tickets', (record, row, file) => {
    const ticketId = String(record.ticket_id);
    if (
      dropRepeat(
        ticketIds,
        'tickets',
        'ticket',
        ticketId,
        row,
        file,
        mappedHeader(manifest.tables.tickets, 'ticket_id'),
      )
    )
      return;
    sinks.tickets?.({
      ticketId,
      customerId: str(record.customer_id),
      orderId: str(record.order_id),
      opened: String(record.opened),
      firstResponse: str(record.first_response),
      resolved: str(record.resolved),
      category: String(record.category),
      journeyStage: record.journey_stage as JourneyStage | undefined,
      type: (str(record.type) ?? 'complaint').toLowerCase(),
    });
  });

  // Customers ----------------------------------------------------------------------------
  const customerIds = new IdRegistry();
  await readOne('customers', (record, row, file) => {
    const customerId = String(record.customer_id);
    const column = mappedHeader(manifest.tables.customers, 'customer_id');
    if (dropRepeat(customerIds, 'customers', 'customer', customerId, row, file, column)) return;
    sinks.customers?.({
      customerId,
      churned: record.churned === undefined ? undefined : record.churned === 'yes',
      revenue: typeof record.revenue === 'number' ? record.revenue : undefined,
      segments: segmentsOf(record, dimensions),
    });
  });

  return {
    manifest,
    parts: hashParts,
    hash: hashComplete ? snapshotHash(hashParts) : null,
    tables,
    diagnostics,
  };
}
