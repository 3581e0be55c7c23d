/**
 * Loads one snapshot folder: validates its manifest, streams each declared table through the
 * CSV reader and the field specs, turns valid records into canonical rows, and feeds them to
 * the caller's sinks (the metric reducers). Returns the snapshot's content hash and every
 * diagnostic; the caller decides what an error means (the build fails on any).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { matchKey } from '../contracts/match-key.ts';
import {
  COMPLAINT_TYPE,
  CUSTOMER_FIELDS,
  NEGATIVE_AMOUNT_STATUS,
  REFUND_STATUS,
  ORDER_FIELDS,
  SURVEY_FIELDS,
  TICKET_FIELDS,
  type CompetitorComparison,
  type JourneyStage,
  type TableName,
} from '../contracts/fields.ts';
import { resolveQuestionnaire } from '../contracts/questionnaire.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';
import type { ManifestReadResult } from './read-manifest.ts';
import { mappedHeader } from '../contracts/mapped-header.ts';
import type { CustomerRow, TicketRow } from '../contracts/row-types.ts';
import { createSurveyRecord, type OrderRecord, type SurveyRecord } from './records.ts';
import { diagnostic, DiagnosticCollector, hasErrors, type Diagnostic } from './diagnostics.ts';
import { fieldSpecs, ID_FIELDS } from './field-specs.ts';
import { idText, type IdRef } from './id-refs.ts';
import { IdRegistry } from './id-registry.ts';
import { ReferenceTally } from './references.ts';
import type { CellValue } from './cells/cell.ts';
import { isoDayNumber } from './cells/date.ts';
import { readTable, RecordLayout } from './read-table.ts';
import { readCsv } from './csv-reader.ts';
import { displayFile } from './snapshot-files.ts';
import { existsSync } from 'node:fs';
import { amountTag, RepeatedOrders, RowTags, statusRules } from './order-rows.ts';
import type { DropReason } from '../contracts/dropped-rows.ts';

/**
 * Where rows go. Survey and order records are reused from row to row (an order's segments are
 * its own): a sink copies what it keeps.
 */
export interface SnapshotSinks {
  survey: (record: SurveyRecord) => void;
  orders?: (record: OrderRecord) => void;
  tickets?: (row: TicketRow) => void;
  customers?: (row: CustomerRow) => void;
  /** Called once after the last table: a sink that batches rows adds what it holds. */
  end?: () => void;
}

export interface TableSummary {
  file: string;
  /** Data rows in the file. */
  rows: number;
  /** Rows that passed validation and reached the metrics. */
  used: number;
  /** Rows that did not, by reason (only the reasons that occurred). */
  dropped: Partial<Record<DropReason, number>>;
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
  /** The ids of the orders and customers tables read here, for the references to them. */
  known: { orders?: IdRegistry; customers?: IdRegistry };
  /** References to other tables' ids, to check once every table is read (reduceSnapshot). */
  references: ReferenceTally[];
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

/** The content hash of each file of a snapshot, by name, in name order (as the figures record it). */
export function fileHashes(
  parts: ReadonlyArray<[name: string, sha256: string]>,
): Record<string, string> {
  return Object.fromEntries(
    [...parts].sort(([a], [b]) => a.localeCompare(b)).map(([name, sha]) => [name, `sha256:${sha}`]),
  );
}

/** Reads a row's segment levels: dimension → level, for the dimensions the table has a column for. */
function segmentReader(
  layout: RecordLayout,
  dimensions: readonly string[],
): (values: readonly CellValue[]) => Record<string, string | undefined> {
  const present = dimensions.filter((d) => layout.fields.includes(d));
  // A table without segment columns (orders often have none) shares one empty object.
  if (present.length === 0) {
    const none: Record<string, string | undefined> = Object.freeze({});
    return () => none;
  }
  const slots = present.map((d) => layout.slot(d));
  return (values) => {
    const segments: Record<string, string | undefined> = {};
    for (let i = 0; i < present.length; i++)
      segments[present[i]!] = values[slots[i]!] as string | undefined;
    return segments;
  };
}

const str = (v: string | number | undefined) => (v === undefined ? undefined : String(v));
/** The text of an optional id field. */
const textOf = (v: CellValue) => (v === undefined ? undefined : idText(v));

/**
 * Statuses and ticket types in the form they are compared in (matchKey: lower case, Unicode
 * NFC), which repeat a handful of values: each distinct one once, and a run of the same one
 * (most orders are completed) without a lookup. One per load.
 */
class LowerCaser {
  private readonly known = new Map<string, string>();
  private lastText = '';
  private lastLower = '';

  of(text: string): string {
    if (text === this.lastText) return this.lastLower;
    let lower = this.known.get(text);
    if (lower === undefined) {
      lower = matchKey(text);
      if (this.known.size < 10_000) this.known.set(text, lower);
    }
    this.lastText = text;
    this.lastLower = lower;
    return lower;
  }
}

interface Lookup {
  /** Fills the row's segment from the lookup when the table left it empty. */
  apply: (values: CellValue[], row: number) => void;
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
  layout: RecordLayout,
  diagnostics: DiagnosticCollector,
  hashParts: Array<[string, string]>,
): Promise<Lookup[] | null> {
  const lookups: Lookup[] = [];
  let complete = true;
  for (const spec of table.lookups) {
    const file = displayFile(displayDir, spec.file);
    const levels = Object.keys(manifest.segments[spec.field]?.levels ?? {});
    const byLower = new Map(levels.map((l) => [l.toLowerCase(), l]));
    const values = new Map<string, string>();
    let keyIndex = -1;
    let valueIndex = -1;
    if (!existsSync(resolve(dir, spec.file))) {
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
      resolve(dir, spec.file),
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
          diagnostics.report('unknown-segment-level', file, () =>
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
    diagnostics.addAll(read.diagnostics);
    hashParts.push([spec.file, read.sha256!]);
    let misses = 0;
    let firstMiss: { row: number; value: string } | null = null;
    const target = layout.slot(spec.field);
    const keySlot = layout.slot(spec.key);
    const keyIsId = ID_FIELDS.has(spec.key);
    lookups.push({
      apply: (record, row) => {
        if (record[target] !== undefined) return;
        const key = record[keySlot];
        if (key === undefined) return;
        const text = keyIsId ? idText(key) : String(key);
        const level = values.get(text);
        if (level !== undefined) record[target] = level;
        else {
          misses += 1;
          firstMiss ??= { row, value: text };
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
export async function readSnapshot(
  dir: string,
  displayDir: string,
  createSinks: (manifest: Manifest) => SnapshotSinks,
  options: {
    only?: readonly TableName[];
    /** The manifest as readManifest returned it, when the caller has read it already. */
    read?: ManifestReadResult;
    /**
     * Tables whose files the caller hashes (on another thread): they are read without hashing,
     * and the returned hash leaves them out until the caller adds their parts and hashes again.
     */
    hashElsewhere?: readonly TableName[];
  } = {},
): Promise<LoadedSnapshot> {
  // The manifest reader (and the schema library under it) loads only when it is needed: a
  // worker is handed the main thread's reading.
  const read = options.read ?? (await import('./read-manifest.ts')).readManifest(dir, displayDir);
  const diagnostics = new DiagnosticCollector();
  diagnostics.addAll(read.diagnostics);
  const { manifest } = read;
  if (!manifest || hasErrors(read.diagnostics)) {
    return {
      manifest,
      parts: [],
      hash: null,
      tables: {},
      diagnostics: diagnostics.list(),
      known: {},
      references: [],
    };
  }
  const sinks = createSinks(manifest);
  const dimensions = Object.keys(manifest.segments);
  const lowerCase = new LowerCaser();
  const hashParts: Array<[string, string]> = [
    ['manifest.json', createHash('sha256').update(read.bytes!).digest('hex')],
  ];
  const tables: Partial<Record<TableName, TableSummary>> = {};
  let hashComplete = true;
  const included = (name: TableName) => !options.only || options.only.includes(name);

  /**
   * Reads one table; `handler` is given the table's layout once and returns what to do with each
   * row's values (which are reused from row to row: copy out what is kept), calling `drop` for
   * a valid row it leaves out; what it hands `atEnd` runs after the table's last row.
   */
  const readOne = async (
    name: TableName,
    handler: (
      layout: RecordLayout,
      file: string,
      drop: (reason: DropReason) => void,
      atEnd: (report: () => void) => void,
    ) => (values: CellValue[], row: number) => void,
  ) => {
    const table = manifest.tables[name];
    if (!table || (options.only && !options.only.includes(name))) return;
    const file = displayFile(displayDir, table.file);
    const specs = fieldSpecs(name, manifest);
    const layout = new RecordLayout([
      ...specs.map((s) => s.field),
      ...table.lookups.map((l) => l.field),
    ]);
    const lookups = await readLookups(
      dir,
      displayDir,
      manifest,
      table,
      layout,
      diagnostics,
      hashParts,
    );
    if (lookups === null) hashComplete = false;
    const dropped: Partial<Record<DropReason, number>> = {};
    let droppedHere = 0;
    let end = () => {};
    const onRow = handler(
      layout,
      file,
      (reason) => {
        dropped[reason] = (dropped[reason] ?? 0) + 1;
        droppedHere += 1;
      },
      (report) => (end = report),
    );
    const hashHere = !options.hashElsewhere?.includes(name);
    const result = await readTable(
      resolve(dir, table.file),
      file,
      table,
      specs,
      layout,
      lookups && lookups.length > 0
        ? (values, row) => {
            for (const lookup of lookups) lookup.apply(values, row);
            onRow(values, row);
          }
        : onRow,
      hashHere,
    );
    for (const lookup of lookups ?? []) lookup.report(file);
    end();
    diagnostics.addAll(result.diagnostics);
    // Rows the reader refused (a cell with an error, a ragged row) never reached the handler.
    const invalid = result.records - result.accepted;
    tables[name] = {
      file,
      rows: result.records,
      used: result.accepted - droppedHere,
      dropped: invalid > 0 ? { invalid, ...dropped } : dropped,
      sha256: result.sha256,
    };
    if (result.sha256) hashParts.push([table.file, result.sha256]);
    else if (hashHere) hashComplete = false;
  };

  const firstDay = isoDayNumber(manifest.start);
  const lastDay = isoDayNumber(manifest.end);
  const outsidePeriod = (date: string | undefined) => {
    if (date === undefined) return false;
    const day = isoDayNumber(date);
    return day < firstDay || day > lastDay;
  };

  /**
   * Counts a table's dates outside the period, reported once after the table (a row of a
   * year-long export in a quarter's snapshot is one of thousands): how many, their range, and
   * the first one's row.
   */
  const periodCheck = (file: string, column: string | undefined, noun: string) => {
    let count = 0;
    let first: { row: number; date: string } | null = null;
    let earliest = '';
    let latest = '';
    return {
      add: (date: string | undefined, row: number) => {
        if (date === undefined || !outsidePeriod(date)) return;
        const day = date.slice(0, 10);
        count += 1;
        first ??= { row, date };
        if (earliest === '' || day < earliest) earliest = day;
        if (day > latest) latest = day;
      },
      report: () => {
        if (first === null) return;
        diagnostics.push(
          diagnostic('date-outside-period', {
            file,
            row: first.row,
            column,
            value: first.date,
            message: `${count} ${noun} date${count === 1 ? ' is' : 's are'} outside the snapshot's period ${manifest.start} – ${manifest.end} (from ${earliest} to ${latest}); they still count`,
            hint: "check the export's date filter, or the period in manifest.json",
          }),
        );
      },
    };
  };

  /**
   * Reports a repeated id and says whether to drop the row: the first copy is kept unless the
   * table declares "duplicateIds": "keep-all".
   */
  const dropRepeat = (
    ids: IdRegistry,
    table: TableName,
    noun: string,
    id: IdRef,
    row: number,
    file: string,
    column: string | undefined,
  ): boolean => {
    const firstRow = ids.firstRow(id, row);
    return firstRow !== 0 && reportRepeat(table, noun, id, firstRow, row, file, column);
  };

  /** Reports the repeat of an id first seen in `firstRow`; true when the row is dropped. */
  const reportRepeat = (
    table: TableName,
    noun: string,
    id: IdRef,
    firstRow: number,
    row: number,
    file: string,
    column: string | undefined,
  ): boolean => {
    const keepAll = manifest.tables[table]?.duplicateIds === 'keep-all';
    diagnostics.report('duplicate-id', file, () =>
      diagnostic('duplicate-id', {
        file,
        row,
        column,
        value: idText(id),
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
  const responseIdHeader = mappedHeader(surveyTable, 'response_id');
  const items = resolveQuestionnaire(
    manifest.items,
    surveyTable?.columns,
    manifest.index?.items,
  ).items.map((item) => item.id);
  await readOne('survey', (layout, file, drop) => {
    const at = layout.slotsOf(SURVEY_FIELDS);
    const itemSlots = items.map((item) => layout.slot(item));
    const segmentSlots = dimensions.map((d) => layout.slot(d));
    // One record for the whole table, refilled for each response (the sinks copy what they
    // keep), with answers and levels by position.
    const record = createSurveyRecord(items.length, dimensions.length);
    const { answers, levels } = record;
    return (values, row) => {
      // Without an id column (some survey exports have none, or the mapped one is missing from
      // the file, which is reported) each row is one response.
      const id = values[at.response_id] as IdRef | undefined;
      const responseId: IdRef = id ?? `${file}:${row}`;
      if (
        id !== undefined &&
        dropRepeat(surveyIds, 'survey', 'response', id, row, file, responseIdHeader)
      ) {
        drop('duplicate-id');
        return;
      }
      let answered = 0;
      for (let i = 0; i < items.length; i++) {
        const value = values[itemSlots[i]!];
        if (typeof value === 'number') {
          answers[i] = value;
          answered += 1;
        } else answers[i] = NaN;
      }
      if (answered === 0) {
        diagnostics.report('empty-response', file, () =>
          diagnostic('empty-response', {
            file,
            row,
            column: responseIdHeader,
            value: idText(responseId),
            message: 'no scored item is answered; the response is excluded from every metric',
            hint: 'nothing to do if this was an abandoned response; otherwise check the item columns',
          }),
        );
        drop('empty-response');
        return;
      }
      const date = str(values[at.date]);
      if (outsidePeriod(date)) {
        diagnostics.report('date-outside-period', file, () =>
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
      for (let i = 0; i < dimensions.length; i++)
        levels[i] = values[segmentSlots[i]!] as string | undefined;
      record.responseId = responseId;
      record.customerId = values[at.customer_id];
      record.date = date;
      record.competitor = values[at.competitor] as CompetitorComparison | undefined;
      record.journeyStage = values[at.journey_stage] as JourneyStage | undefined;
      record.comment = str(values[at.comment]);
      sinks.survey(record);
    };
  });

  // Orders -------------------------------------------------------------------------------
  const ordersTable = manifest.tables.orders;
  const orderSettings = manifest.orders;
  const { excludeStatuses, negativeAmounts } = orderSettings;
  // Tagged: a repeated order id is compared with its first row (amount, or a line's customer).
  const orderIds = new IdRegistry(undefined, true);
  const orderIdHeader = mappedHeader(ordersTable, 'order_id');
  await readOne('orders', (layout, file, drop, atEnd) => {
    const at = layout.slotsOf(ORDER_FIELDS);
    const segmentsOf = segmentReader(layout, dimensions);
    const statusOf = statusRules(orderSettings.statusRules);
    const product = orderSettings.amountFrom === 'quantity*unit_price';
    const asLines = orderSettings.rows === 'lines';
    // A line's amount is quantity × unit price: a negative one is located at the quantity.
    const amountHeader = mappedHeader(ordersTable, product ? 'quantity' : 'amount');
    const leftOut = asLines
      ? "this line is left out of its order's amount"
      : 'this order is left out of orders and revenue';
    const dates = periodCheck(file, mappedHeader(ordersTable, 'date'), 'order');
    const repeats = new RepeatedOrders(asLines, file, {
      order_id: orderIdHeader,
      customer_id: mappedHeader(ordersTable, 'customer_id'),
      amount: mappedHeader(ordersTable, 'amount'),
    });
    const tags = new RowTags();
    // One record for the table, refilled for each row (its segments are new per row).
    const order: OrderRecord = {
      orderId: '',
      customerId: undefined,
      date: '',
      amount: undefined,
      status: '',
      estimatedDelivery: undefined,
      delivered: undefined,
      segments: {},
    };
    atEnd(() => {
      dates.report();
      const repeated = repeats.report();
      if (repeated) diagnostics.push(repeated);
    });
    /** quantity × unit price of a row, when both are numbers. */
    const lineProduct = (values: readonly CellValue[]) => {
      const quantity = values[at.quantity];
      const price = values[at.unit_price];
      return typeof quantity === 'number' && typeof price === 'number'
        ? quantity * price
        : undefined;
    };
    const { maxAmount } = orderSettings;
    /**
     * True when a line's quantity × unit price is beyond orders.maxAmount: an error located at
     * the quantity, as an amount cell beyond it is at the amount (each factor alone may be
     * plausible, their product not).
     */
    const beyondMax = (amount: number | undefined, values: readonly CellValue[], row: number) => {
      if (maxAmount === undefined || amount === undefined || Math.abs(amount) <= maxAmount)
        return false;
      const value = `${String(values[at.quantity])} × ${String(values[at.unit_price])}`;
      diagnostics.report('number-out-of-range', file, () =>
        diagnostic('number-out-of-range', {
          file,
          row,
          column: amountHeader,
          value,
          message: `quantity × unit price is ${amount}, beyond the largest plausible amount, ${maxAmount} (orders.maxAmount in manifest.json)`,
          hint: 'correct the quantity or the unit price (a misplaced decimal or thousands separator is the usual cause), or raise orders.maxAmount if such amounts are real',
        }),
      );
      return true;
    };
    /**
     * The checks of a row that need the rows before it, true when the row is left out: an order
     * id seen before is a copy (same amount) or, for a table of orders, most likely a line
     * (another amount); for order lines, another customer than its order's first line is
     * counted for the table's error. Dates outside the period are counted for kept rows. One
     * call from the row loop, which stays small enough to be compiled into its caller.
     */
    const leaveOut = (
      orderId: IdRef,
      customerId: IdRef | undefined,
      amount: number | undefined,
      date: string,
      row: number,
    ): boolean => {
      const tag = asLines ? tags.ofId(customerId) : amountTag(amount);
      const firstRow = orderIds.firstRow(orderId, row, tag);
      if (firstRow !== 0) {
        if (orderIds.firstTag !== tag) {
          repeats.add(orderId, firstRow, row);
          if (!asLines) {
            drop('invalid');
            return true;
          }
        } else if (
          !asLines &&
          reportRepeat('orders', 'order', orderId, firstRow, row, file, orderIdHeader)
        ) {
          drop('duplicate-id');
          return true;
        }
      }
      dates.add(date, row);
      return false;
    };
    return (values, row) => {
      const orderId = values[at.order_id] as IdRef;
      const customerId = values[at.customer_id] as IdRef | undefined;
      const cell = product ? lineProduct(values) : values[at.amount];
      const amount = typeof cell === 'number' ? cell : undefined;
      const date = values[at.date] as string;
      if (product && beyondMax(amount, values, row)) {
        drop('invalid');
        return;
      }
      if (leaveOut(orderId, customerId, amount, date, row)) return;
      const status = values[at.status] as string | undefined;
      order.orderId = orderId;
      order.customerId = customerId;
      order.date = date;
      order.amount = amount;
      order.status =
        (statusOf && statusOf(orderId, values[at.quantity])) ??
        (status === undefined ? 'completed' : lowerCase.of(status));
      // A negative amount is a refund or an error, never an order: left out of orders and
      // revenue (not netted), and reported unless the manifest declares refunds. A negative
      // line that no status rule or excluded status covers (a discount, say) is left out of
      // its order's total the same way.
      if (
        order.amount !== undefined &&
        order.amount < 0 &&
        !excludeStatuses.includes(order.status)
      ) {
        if (negativeAmounts === 'refund') order.status = REFUND_STATUS;
        else {
          order.status = NEGATIVE_AMOUNT_STATUS;
          const value = String(order.amount);
          diagnostics.report('negative-amount', file, () =>
            diagnostic('negative-amount', {
              file,
              row,
              column: amountHeader,
              value,
              message: `a negative amount where the manifest declares no refunds: ${leftOut} (never netted)`,
              hint: `if the export writes refunds or returns as negative amounts, declare "orders": { "negativeAmounts": "refund" }${asLines ? ' or a status rule for them' : ''} in manifest.json; otherwise correct the cell`,
            }),
          );
        }
      }
      order.estimatedDelivery = values[at.estimated_delivery] as string | undefined;
      order.delivered = values[at.delivered] as string | undefined;
      order.segments = segmentsOf(values);
      sinks.orders?.(order);
    };
  });

  // Tickets ------------------------------------------------------------------------------
  const ticketIds = new IdRegistry();
  const ticketIdHeader = mappedHeader(manifest.tables.tickets, 'ticket_id');
  const references: ReferenceTally[] = [];
  /** A tally of the ticket column `field`'s ids, when the table it names is declared. */
  const ticketReferences = (file: string, field: 'customer_id' | 'order_id') => {
    const target = field === 'order_id' ? 'orders' : 'customers';
    const targetTable = manifest.tables[target];
    const column = mappedHeader(manifest.tables.tickets, field);
    if (!targetTable || column === undefined) return null;
    const tally = new ReferenceTally({
      file,
      column,
      noun: 'ticket',
      target,
      targetNoun: field === 'order_id' ? 'order' : 'customer',
      targetFile: displayFile(displayDir, targetTable.file),
    });
    references.push(tally);
    return tally;
  };
  await readOne('tickets', (layout, file, drop, atEnd) => {
    const at = layout.slotsOf(TICKET_FIELDS);
    const customerRefs = ticketReferences(file, 'customer_id');
    const orderRefs = ticketReferences(file, 'order_id');
    const dates = periodCheck(file, mappedHeader(manifest.tables.tickets, 'opened'), 'ticket');
    atEnd(dates.report);
    return (values, row) => {
      const ticketId = idText(values[at.ticket_id] as IdRef);
      if (dropRepeat(ticketIds, 'tickets', 'ticket', ticketId, row, file, ticketIdHeader)) {
        drop('duplicate-id');
        return;
      }
      dates.add(values[at.opened] as string, row);
      const customerId = textOf(values[at.customer_id]);
      const orderId = textOf(values[at.order_id]);
      if (customerId !== undefined) customerRefs?.add(customerId, row);
      if (orderId !== undefined) orderRefs?.add(orderId, row);
      sinks.tickets?.({
        ticketId,
        customerId,
        orderId,
        opened: String(values[at.opened]),
        firstResponse: str(values[at.first_response]),
        resolved: str(values[at.resolved]),
        category: String(values[at.category]),
        journeyStage: values[at.journey_stage] as JourneyStage | undefined,
        type: lowerCase.of(str(values[at.type]) ?? COMPLAINT_TYPE),
      });
    };
  });

  // Customers ----------------------------------------------------------------------------
  const customerIds = new IdRegistry();
  const customerIdHeader = mappedHeader(manifest.tables.customers, 'customer_id');
  await readOne('customers', (layout, file, drop) => {
    const at = layout.slotsOf(CUSTOMER_FIELDS);
    const segmentsOf = segmentReader(layout, dimensions);
    return (values, row) => {
      const customerId = idText(values[at.customer_id] as IdRef);
      if (
        dropRepeat(customerIds, 'customers', 'customer', customerId, row, file, customerIdHeader)
      ) {
        drop('duplicate-id');
        return;
      }
      const churned = values[at.churned];
      const revenue = values[at.revenue];
      sinks.customers?.({
        customerId,
        churned: churned === undefined ? undefined : churned === 'yes',
        revenue: typeof revenue === 'number' ? revenue : undefined,
        segments: segmentsOf(values),
      });
    };
  });

  sinks.end?.();
  return {
    manifest,
    parts: hashParts,
    hash: hashComplete ? snapshotHash(hashParts) : null,
    tables,
    diagnostics: diagnostics.list(),
    known: {
      ...(manifest.tables.orders && included('orders') ? { orders: orderIds } : {}),
      ...(manifest.tables.customers && included('customers') ? { customers: customerIds } : {}),
    },
    references,
  };
}
