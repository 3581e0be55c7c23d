/**
 * An SQL engine as the SQL path uses it: a dialect (dialects.ts) and a way to run a query and
 * read its rows as plain values (numbers, strings, arrays, null), whatever the engine's own
 * types (64-bit integers and decimals become numbers: every count and sum here fits a double).
 */
import type { Dialect } from './dialects.ts';
import type { Row } from './sql-states.ts';

export interface SqlEngine {
  dialect: Dialect;
  /** Runs one query and returns its column names and rows. */
  query(sql: string): Promise<{ columns: string[]; rows: Row[] }>;
  close(): Promise<void>;
}
