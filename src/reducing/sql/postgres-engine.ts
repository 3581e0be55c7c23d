/**
 * The SQL path on a PostgreSQL server (the `pg` client): the generated SQL reads tables named
 * like the manifest's tables (survey, orders, tickets, customers) in the connection's search
 * path, their columns text named by the export's headers, with a bigint `_row` in export order
 * (docs/warehouse.md). loadCsvTable loads an export into such a table, as the tests do.
 */
import pg from 'pg';
import { POSTGRES, identifier } from './dialects.ts';
import type { SqlEngine } from './sql-engine.ts';

// 64-bit integers (counts, and sums of integers, which PostgreSQL returns as numeric) read as
// numbers: every one here is a count or a sum far below 2^53.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** A client connected to a PostgreSQL server, as an SQL engine. */
export async function connectPostgres(
  connection?: string | pg.ClientConfig,
): Promise<SqlEngine & { client: pg.Client }> {
  const config = typeof connection === 'string' ? { connectionString: connection } : connection;
  const client = new pg.Client({ ...config, types });
  await client.connect();
  return {
    client,
    dialect: POSTGRES,
    async query(sql) {
      const result = await client.query(sql);
      return { columns: result.fields.map((f) => f.name), rows: result.rows };
    },
    async close() {
      await client.end();
    },
  };
}

/**
 * Creates (or replaces) table `name` with a text column per header and a `_row` numbering the
 * rows in file order, and loads a CSV file into it with COPY (the server reads the file: it
 * must be readable by the server's user).
 */
export async function loadCsvTable(
  client: pg.Client,
  name: string,
  path: string,
  headers: readonly string[],
  delimiter: string,
): Promise<void> {
  const columns = headers.map((h) => `${identifier(h)} text`).join(', ');
  await client.query(`DROP TABLE IF EXISTS ${identifier(name)}`);
  await client.query(
    `CREATE TABLE ${identifier(name)} (_row bigint GENERATED ALWAYS AS IDENTITY, ${columns})`,
  );
  const list = headers.map(identifier).join(', ');
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  await client.query(
    `COPY ${identifier(name)} (${list}) FROM ${literal(path)} WITH (FORMAT csv, HEADER true, DELIMITER ${literal(delimiter)}, ENCODING 'UTF8')`,
  );
}
