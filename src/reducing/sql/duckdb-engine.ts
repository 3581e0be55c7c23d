/**
 * The SQL path's default engine: DuckDB, embedded (@duckdb/node-api), reading the snapshot's
 * CSV and Parquet files where they are. Loaded only when asked for: the build never needs it.
 */
import { DUCKDB } from './dialects.ts';
import type { SqlEngine } from './sql-engine.ts';
import type { Row } from './sql-states.ts';

export interface DuckDbOptions {
  /** DuckDB's memory_limit setting, e.g. "600MB" (it spills to a temporary folder beyond it). */
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
  if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
  if (options.threads) settings.threads = String(options.threads);
  // The generated SQL numbers a CSV's rows in file order, which needs an ordered scan.
  settings.preserve_insertion_order = 'true';
  const instance = await DuckDBInstance.create(':memory:', settings);
  const connection = await instance.connect();
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
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
