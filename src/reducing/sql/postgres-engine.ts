/** placeholder */
import type { SqlEngine } from './reduce-with-sql.ts';
export async function connectPostgres(_url?: string): Promise<SqlEngine> {
  throw new Error('not yet');
}
