/**
 * The SQL path's default engine: DuckDB, embedded (@duckdb/node-api), reading the snapshot's
 * CSV and Parquet files where they are. Loaded only when asked for: the build never needs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DUCKDB } from './dialects.ts';
import { batchOf, type SqlEngine } from './sql-engine.ts';
import type { Row } from './sql-states.ts';

/**
 * DuckDB's memory_limit unless one is given: what keeps a reduction of 1M responses and 10M
 * orders under 1 GB of peak memory, this process's states and DuckDB's own overhead included
 * (docs/performance.md); DuckDB spills what exceeds it to disk. Its own default, 80% of the
 * machine's memory, is taken whole by a large snapshot.
 */
export const DUCKDB_MEMORY_LIMIT = '300MB';

export interface DuckDbOptions {
  /**
   * DuckDB's memory_limit setting, e.g. "600MB" (it spills to a temporary folder beyond it);
   * DUCKDB_MEMORY_LIMIT when not given.
   */
  memoryLimit?: string;
  /** DuckDB's threads setting. */
  threads?: number;
}

/** A plain value of a DuckDB result value (64-bit integers and decimals as numbers). */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object' && 'items' in value)
    return (value as { items: unknown[] }).items.map(plain);
  if (value !== null && typeof value === 'object' && 'toDouble' in value)
    return (value as { toDouble(): number }).toDouble();
  return value;
}

/** An in-memory DuckDB instance as an SQL engine. */
export async function openDuckDb(options: DuckDbOptions = {}): Promise<SqlEngine> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const settings: Record<string, string> = {};
  settings.memory_limit = options.memoryLimit ?? DUCKDB_MEMORY_LIMIT;
  if (options.threads) settings.threads = String(options.threads);
  // The generated SQL numbers a CSV's rows in file order, which needs an ordered scan.
  settings.preserve_insertion_order = 'true';
  // What DuckDB spills beyond memory_limit goes to a folder of the OS's temporary folder, made
  // for this instance and removed with it: by default it would be `.tmp` in the working
  // directory (a repository), left behind.
  const spill = mkdtempSync(join(tmpdir(), 'review-duckdb-'));
  settings.temp_directory = spill;
  // Memory DuckDB frees (the tables dropped once read: reduce-with-sql.ts) goes back to the OS
  // soon, not at its default threshold of 128MB: this process's states take its place, and the
  // peak is their sum.
  settings.allocator_flush_threshold = '16MB';
  settings.allocator_background_threads = 'true';
  const removeSpill = () => rmSync(spill, { recursive: true, force: true });
  let instance, connection;
  try {
    instance = await DuckDBInstance.create(':memory:', settings);
    connection = await instance.connect();
  } catch (error) {
    removeSpill();
    throw error;
  }
  return {
    dialect: DUCKDB,
    async query(sql) {
      const reader = await connection.runAndReadAll(sql);
      const columns = reader.columnNames();
      const rows = reader.getRows().map((values) => {
        const row: Row = {};
        columns.forEach((c, i) => (row[c] = plain(values[i])));
        return row;
      });
      return { columns, rows };
    },
    async stream(sql, each) {
      // A streaming result: DuckDB computes the next chunk (2,048 rows) when it is fetched.
      const result = await connection.stream(sql);
      const names = result.columnNames();
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0;) {
        each(
          batchOf(
            names,
            chunk.getColumns().map((values) => values.map(plain)),
          ),
        );
        chunk = await result.fetchChunk();
      }
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
      removeSpill();
    },
  };
}
