/** placeholder */
import type { Diagnostic } from '../../reading/diagnostics.ts';
export interface SqlEngine {
  run(sql: string): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}
export async function reduceWithSql(
  _dir: string,
  _displayDir: string,
  _options: {
    engine?: SqlEngine;
    dialect: 'duckdb' | 'postgres';
    externalData?: readonly string[];
  },
): Promise<{ diagnostics: Diagnostic[]; states: null }> {
  return { diagnostics: [], states: null };
}
