/**
 * What differs between SQL engines, named in one place: how a table is read (and its rows
 * numbered in file order), regular expressions, trimming, timestamps, integer division and
 * ordered lists. The SQL the project generates (reduce-sql.ts) calls these and is otherwise
 * plain SQL:2003 (CTEs, CASE, window functions, GROUP BY): docs/warehouse.md shows how to
 * write this object for BigQuery, Snowflake, Spark SQL and Trino, which are not run here.
 */

/** A table's source as the generated SQL reads it. */
export interface SourceTable {
  /** The manifest's table name: survey, orders, tickets or customers. */
  name: string;
  /** Absolute path of its file (DuckDB reads it; PostgreSQL reads a table of that name). */
  path: string;
  delimiter: string;
  /** 1-based line of the header. */
  headerRow: number;
}

export interface Dialect {
  name: 'duckdb' | 'postgres';
  /**
   * A relation with every column of the table as text, named by the export's headers, and
   * `_row`: the data record's 1-based position in the export (what "first" means).
   */
  source(table: SourceTable): string;
  /** A string literal. */
  literal(text: string): string;
  /** True when the whole of `expr` matches the regular expression `pattern`. */
  matches(expr: string, pattern: string): string;
  /** Every match of `pattern` in `expr` replaced by `replacement`. */
  replaceAll(expr: string, pattern: string, replacement: string): string;
  /** `expr` without leading and trailing white space. */
  trim(expr: string): string;
  /** A text of digits as a double. */
  toDouble(expr: string): string;
  /** A text of digits as an integer. */
  toInteger(expr: string): string;
  /** The number of days in month `m` (1–12) of year `y` (integers). */
  daysInMonth(y: string, m: string): string;
  /** A timestamp from integer parts. */
  timestamp(y: string, mo: string, d: string, h: string, mi: string, s: string): string;
  /** Whole seconds from timestamp `a` to timestamp `b`. */
  secondsBetween(a: string, b: string): string;
  /** Integer division of non-negative integers, rounded down. */
  intDiv(a: string, b: string): string;
  /** The values of `expr` in a group as a list, in the order of `orderBy`. */
  listOf(expr: string, orderBy: string): string;
  /** Bytes of a column name the engine keeps (longer headers are cut to it), if limited. */
  identifierBytes?: number;
}

const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** An identifier, quoted. */
export function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** DuckDB, embedded: reads CSV and Parquet files where they are. */
export const DUCKDB: Dialect = {
  name: 'duckdb',
  source(t) {
    const reader = /\.parquet$/i.test(t.path)
      ? // Parquet columns keep their types; the SQL reads them as text like a CSV's cells.
        `read_parquet(${quoteText(t.path)}, file_row_number = true)`
      : `read_csv(${quoteText(t.path)}, header = true, all_varchar = true, delim = ${quoteText(t.delimiter)}, quote = '"', escape = '"', skip = ${t.headerRow - 1}, auto_detect = true, null_padding = false, strict_mode = true, encoding = 'utf-8')`;
    // A CSV read in one ordered scan numbers its rows in file order (insertion order is kept).
    return /\.parquet$/i.test(t.path)
      ? `(SELECT * EXCLUDE (file_row_number), file_row_number + 1 AS _row FROM ${reader})`
      : `(SELECT *, row_number() OVER () AS _row FROM ${reader})`;
  },
  literal: quoteText,
  matches: (e, p) => `regexp_full_match(${e}, ${quoteText(p)})`,
  replaceAll: (e, p, r) => `regexp_replace(${e}, ${quoteText(p)}, ${quoteText(r)}, 'g')`,
  trim: (e) => `trim(${e}, ${quoteText(' \t\n\r\f\v')})`,
  toDouble: (e) => `CAST(${e} AS DOUBLE)`,
  toInteger: (e) => `CAST(${e} AS BIGINT)`,
  daysInMonth: (y, m) => `day(last_day(make_date(${y}, ${m}, 1)))`,
  timestamp: (y, mo, d, h, mi, s) => `make_timestamp(${y}, ${mo}, ${d}, ${h}, ${mi}, ${s})`,
  secondsBetween: (a, b) => `date_diff('second', ${a}, ${b})`,
  intDiv: (a, b) => `(${a}) // (${b})`,
  listOf: (e, o) => `list(${e} ORDER BY ${o})`,
};

/**
 * PostgreSQL: reads a table named like the manifest's table (survey, orders, …) whose columns
 * are text, named by the export's headers, with a bigint `_row` in export order.
 */
export const POSTGRES: Dialect = {
  name: 'postgres',
  source: (t) => identifier(t.name),
  literal: quoteText,
  matches: (e, p) => `(${e} ~ ${quoteText(`^(?:${p})$`)})`,
  replaceAll: (e, p, r) => `regexp_replace(${e}, ${quoteText(p)}, ${quoteText(r)}, 'g')`,
  trim: (e) => `btrim(${e}, ${quoteText(' \t\n\r\f\v')})`,
  toDouble: (e) => `CAST(${e} AS double precision)`,
  toInteger: (e) => `CAST(${e} AS bigint)`,
  daysInMonth: (y, m) =>
    `CAST(EXTRACT(DAY FROM (make_date(CAST(${y} AS int), CAST(${m} AS int), 1) + interval '1 month' - interval '1 day')) AS int)`,
  timestamp: (y, mo, d, h, mi, s) =>
    `make_timestamp(CAST(${y} AS int), CAST(${mo} AS int), CAST(${d} AS int), CAST(${h} AS int), CAST(${mi} AS int), CAST(${s} AS double precision))`,
  secondsBetween: (a, b) => `CAST(EXTRACT(EPOCH FROM (${b} - ${a})) AS bigint)`,
  intDiv: (a, b) => `((${a}) / (${b}))`,
  listOf: (e, o) => `array_agg(${e} ORDER BY ${o})`,
  // NAMEDATALEN - 1: a longer export header is a shorter column name in PostgreSQL.
  identifierBytes: 63,
};

/** A header as an engine with a limit on column names keeps it (whole UTF-8 characters). */
export function keptHeader(d: Dialect, header: string): string {
  const bytes = Buffer.from(header, 'utf8');
  if (!d.identifierBytes || bytes.length <= d.identifierBytes) return header;
  let end = d.identifierBytes;
  // Not in the middle of a character: continuation bytes are 10xxxxxx.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

/** The dialect of an engine. */
export const DIALECTS = { duckdb: DUCKDB, postgres: POSTGRES } as const;
