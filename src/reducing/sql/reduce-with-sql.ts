/**
 * Reduces a snapshot with SQL in an engine (DuckDB on the snapshot's files by default, or
 * PostgreSQL on tables of the same names): reads its manifest, generates the SQL
 * (reduce-sql.ts), runs the checks — any cell the TypeScript reader would refuse is an error,
 * counted with its first row, and nothing is reduced — then the result queries, and builds
 * the states from them (sql-states.ts). The states are those the TypeScript path gives, up to
 * the order in which the engine adds floating-point numbers.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { NEGATIVE_AMOUNT_STATUS, TABLE_NAMES, type TableName } from '../../contracts/fields.ts';
import type { DropReason } from '../../contracts/dropped-rows.ts';
import type { Manifest } from '../../contracts/manifest-schema.ts';
import {
  detectDelimiter,
  fileStartProblem,
  hashFile,
  headRecords,
  isSubHeaderRow,
  readHead,
} from '../../reading/csv-reader.ts';
import { diagnostic, hasErrors, type Diagnostic } from '../../reading/diagnostics.ts';
import { readManifest } from '../../reading/read-manifest.ts';
import { fileHashes, snapshotHash, type TableSummary } from '../../reading/read-snapshot.ts';
import { displayFile, resolveSnapshotFile } from '../../reading/snapshot-files.ts';
import type { ExploreStates } from '../explore-reducers.ts';
import { questionnaireOf, type ReducedSnapshot } from '../snapshot-reducers.ts';
import { reductionSql, type EngineTable } from './reduce-sql.ts';
import type { SqlEngine } from './sql-engine.ts';
import { statesFromSql, STREAMED_RESULTS, type Results } from './sql-states.ts';

export type { SqlEngine };

/** What the SQL path hands back: its diagnostics, and the states when there was no error. */
export interface SqlReduction {
  diagnostics: Diagnostic[];
  states: {
    manifest: Manifest;
    hash: string;
    files: Record<string, string>;
    tables: Partial<Record<TableName, Omit<TableSummary, 'sha256'>>>;
    reduced: ReducedSnapshot;
    explore: ExploreStates;
  } | null;
}

/** A warning of `count` rows of one kind, at the first of them. */
function counted(
  id: 'duplicate-id' | 'empty-response' | 'negative-amount',
  file: string,
  row: Record<string, unknown> | undefined,
  headerRow: number,
  message: string,
  hint: string,
): Diagnostic[] {
  const n = Number(row?.n ?? 0);
  if (n === 0) return [];
  return [
    diagnostic(id, {
      file,
      row: headerRow + Number(row!.first),
      message,
      hint,
      ...(n > 1 ? { more: n - 1 } : {}),
    }),
  ];
}

/**
 * Reduces the snapshot in `dir` with SQL run by `engine` (DuckDB, opened here, when none is
 * given; it is closed again).
 */
export async function reduceWithSql(
  dir: string,
  displayDir: string,
  options: {
    engine?: SqlEngine;
    externalData?: readonly string[];
    /** Compute the Explore cells too (default); the bench leaves them out, as our path does. */
    explore?: boolean;
  } = {},
): Promise<SqlReduction> {
  const read = readManifest(dir, displayDir, { externalData: options.externalData });
  const manifest = read.manifest;
  if (!manifest || !read.bytes || hasErrors(read.diagnostics))
    return { diagnostics: read.diagnostics, states: null };
  const engine = options.engine ?? (await (await import('./duckdb-engine.ts')).openDuckDb());
  try {
    return await reduceIn(
      engine,
      dir,
      displayDir,
      manifest,
      read,
      options.externalData ?? [],
      options.explore ?? true,
    );
  } finally {
    if (!options.engine) await engine.close();
  }
}

async function reduceIn(
  engine: SqlEngine,
  dir: string,
  displayDir: string,
  manifest: Manifest,
  read: { bytes: Uint8Array | null; diagnostics: Diagnostic[] },
  externalData: readonly string[],
  explore: boolean,
): Promise<SqlReduction> {
  const d = engine.dialect;
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  const parts: Array<[string, string]> = [
    ['manifest.json', createHash('sha256').update(read.bytes!).digest('hex')],
  ];
  const tables: Partial<Record<TableName, EngineTable>> = {};
  for (const name of TABLE_NAMES) {
    const table = manifest.tables[name];
    if (!table) continue;
    const resolved = resolveSnapshotFile(dir, table.file, externalData);
    const shown = displayFile(displayDir, table.file);
    const path = resolved.ok ? resolved.path : table.file;
    // DuckDB reads the file; PostgreSQL reads a table, and the file need not be here.
    if (d.name === 'duckdb') {
      if (!existsSync(path)) {
        diagnostics.push(
          diagnostic('table-file-missing', {
            file: shown,
            message: `the manifest declares ${name} in ${table.file}, which is not there`,
            hint: 'copy the export into the snapshot folder, or fix tables.*.file in manifest.json',
          }),
        );
        continue;
      }
      parts.push([table.file, await hashFile(path)]);
      const startProblem = fileStartProblem(path, shown, table.format);
      if (startProblem) {
        diagnostics.push(startProblem);
        continue;
      }
    }
    const delimiter =
      table.format.delimiter ??
      (d.name === 'duckdb' && !/\.parquet$/i.test(path)
        ? detectDelimiter(
            readHead(path, 1 << 16)
              .toString('utf8')
              .replace(/^\uFEFF/, '')
              .split(/\r?\n/)[table.format.headerRow - 1] ?? '',
          )
        : ',');
    const { headerRow } = table.format;
    const head = d.name === 'duckdb' ? headRecords(path, delimiter, headerRow + 1) : [];
    // Recognised as the reader recognises it (with the header above it), so a row the reader
    // skips is never read here as data.
    if (isSubHeaderRow(head[headerRow] ?? [], head[headerRow - 1] ?? [])) {
      diagnostics.push(
        diagnostic('table-format-unsupported', {
          file: shown,
          row: headerRow + 1,
          message:
            "the SQL path does not read a survey platform's second header row (a Qualtrics export's ImportId row, a SurveyMonkey export's row of \"Response\" and of the labels of its questions of several columns), which the TypeScript reader skips",
          hint: 'reduce this snapshot with the TypeScript reader (`npm run reduce -- <dir>`), or remove that row from the export (first naming in the header any column it labels)',
        }),
      );
      continue;
    }
    const source = { name, path, delimiter, headerRow };
    const { columns } = await engine.query(`SELECT * FROM ${d.source(source)} AS t LIMIT 0`);
    tables[name] = {
      source,
      headers: columns.filter((c) => c !== '_row'),
      displayFile: shown,
    };
  }
  if (hasErrors(diagnostics)) return { diagnostics, states: null };
  const questionnaire = questionnaireOf(manifest);
  const sql = reductionSql(manifest, questionnaire, d, tables, `${displayDir}/manifest.json`);
  diagnostics.push(...sql.problems);
  if (hasErrors(diagnostics)) return { diagnostics, states: null };
  for (const statement of sql.setup) await engine.query(statement);
  const rows: Partial<Record<TableName, number>> = {};
  for (const name of TABLE_NAMES) {
    const check = sql.checks[name];
    if (!check) continue;
    const [counts = {}] = (await engine.query(check.sql)).rows;
    rows[name] = Number(counts.rows ?? 0);
    const headerRow = manifest.tables[name]!.format.headerRow;
    for (const c of check.checks) {
      const n = Number(counts[`${c.alias}_n`] ?? 0);
      if (n === 0) continue;
      diagnostics.push(
        diagnostic(c.id, {
          file: tables[name]!.displayFile,
          row: headerRow + Number(counts[`${c.alias}_row`]),
          column: c.column,
          message: c.message,
          hint: c.hint,
          ...(n > 1 ? { more: n - 1 } : {}),
        }),
      );
    }
  }
  if (hasErrors(diagnostics)) return { diagnostics, states: null };
  const results: Results = {};
  for (const [name, query] of Object.entries(sql.queries))
    if ((explore || !name.startsWith('explore_')) && !STREAMED_RESULTS.has(name))
      results[name] = (await engine.query(query)).rows;
  for (const statement of sql.release) await engine.query(statement);
  for (const name of TABLE_NAMES) {
    const table = manifest.tables[name];
    if (!table || !tables[name]) continue;
    diagnostics.push(
      ...counted(
        'duplicate-id',
        tables[name].displayFile,
        results[`${name}_duplicates`]?.[0],
        table.format.headerRow,
        table.duplicateIds === 'keep-all'
          ? 'ids used more than once; every row is kept ("duplicateIds": "keep-all")'
          : 'ids used more than once; each later copy is dropped and the first kept',
        'remove the repeated rows from the export if they are copies, or give each its own id',
      ),
    );
  }
  const survey = manifest.tables.survey;
  if (survey && tables.survey)
    diagnostics.push(
      ...counted(
        'empty-response',
        tables.survey.displayFile,
        results.survey_empty?.[0],
        survey.format.headerRow,
        'no scored item is answered; the response is excluded from every metric',
        'nothing to do if this was an abandoned response; otherwise check the item columns',
      ),
    );
  if (manifest.tables.orders && tables.orders)
    diagnostics.push(
      ...counted(
        'negative-amount',
        tables.orders.displayFile,
        results.order_excluded?.find((row) => row.status === NEGATIVE_AMOUNT_STATUS),
        manifest.tables.orders.format.headerRow,
        'negative amounts where the manifest declares no refunds: those orders are left out of orders and revenue (never netted)',
        'if the export writes refunds as negative amounts, declare "orders": { "negativeAmounts": "refund" } in manifest.json; otherwise correct the cells',
      ),
    );
  const maps = (table: 'survey' | 'orders' | 'customers', field: string) =>
    Boolean(manifest.tables[table]?.columns[field]);
  const states = await statesFromSql({
    manifest,
    questionnaire,
    results,
    stream: async (name, each) => {
      const query = sql.queries[name];
      if (query !== undefined) await engine.stream(query, each);
    },
    maps,
    surveyFile: tables.survey?.displayFile ?? '',
    responseIds: maps('survey', 'response_id'),
  });
  for (const statement of sql.drop) await engine.query(statement);
  const summaries: NonNullable<SqlReduction['states']>['tables'] = {};
  for (const name of TABLE_NAMES) {
    const t = tables[name];
    if (!t) continue;
    // Rows left out as the TypeScript reader leaves them out (no row has an error here).
    const dropped: Partial<Record<DropReason, number>> = {};
    if (manifest.tables[name]!.duplicateIds !== 'keep-all')
      dropped['duplicate-id'] = Number(results[`${name}_duplicates`]?.[0]?.n ?? 0);
    if (name === 'survey') dropped['empty-response'] = Number(results.survey_empty?.[0]?.n ?? 0);
    for (const reason of Object.keys(dropped) as DropReason[])
      if (dropped[reason] === 0) delete dropped[reason];
    const left = Object.values(dropped).reduce((sum, n) => sum + n, 0);
    const all = rows[name] ?? 0;
    summaries[name] = { file: t.displayFile, rows: all, used: all - left, dropped };
  }
  return {
    diagnostics,
    states: {
      manifest,
      hash: snapshotHash(parts),
      files: fileHashes(parts),
      tables: summaries,
      ...states,
    },
  };
}
