/**
 * An SQL engine as the SQL path uses it: a dialect (dialects.ts), a way to run a query and read
 * its rows as plain values (numbers, strings, arrays, null), whatever the engine's own types
 * (64-bit integers and decimals become numbers: every count and sum here fits a double), and a
 * way to read a large result in batches of columns, so that a result of a row per customer is
 * never held whole, nor as an object per row.
 */
import type { Dialect } from './dialects.ts';
import type { Row } from './sql-states.ts';

/** Some consecutive rows of a result, column by column. */
export interface Batch {
  /** The number of rows. */
  size: number;
  /** The result's column names. */
  names: readonly string[];
  /** The named column's values in these rows, as plain values. */
  column(name: string): readonly unknown[];
}

export interface SqlEngine {
  dialect: Dialect;
  /** Runs one query and returns its column names and rows (for small results). */
  query(sql: string): Promise<{ columns: string[]; rows: Row[] }>;
  /**
   * Runs one query and hands its rows to `each` in batches, in the result's order; the engine
   * holds no more than a batch of it in this process at a time.
   */
  stream(sql: string, each: (batch: Batch) => void): Promise<void>;
  close(): Promise<void>;
}

/** A batch over plain columns, by name. */
export function batchOf(
  names: readonly string[],
  columns: ReadonlyArray<readonly unknown[]>,
): Batch {
  const at = new Map(names.map((name, i) => [name, i]));
  return {
    size: columns[0]?.length ?? 0,
    names,
    column(name) {
      const i = at.get(name);
      if (i === undefined) throw new Error(`a batch requires a column ${name} in its result`);
      return columns[i]!;
    },
  };
}
