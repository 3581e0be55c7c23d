/**
 * What differs between SQL engines, named in one place: how a table is read (and its rows
 * numbered in file order), regular expressions, trimming, timestamps, integer division,
 * ordered lists and how a large result is fetched (sql-engine.ts). The SQL the project generates (reduce-sql.ts) calls these and is otherwise
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
   * A relation with every column of the table as text, named by the export's headers, and,
   * unless `storedRowNumber` numbers the rows instead, `_row`: the data record's 1-based
   * position in the export (what "first" means).
   */
  source(table: SourceTable): string;
  /**
   * The 1-based position of a row in a temporary table filled from `source` in one statement,
   * when the engine keeps the source's order in the table it fills (so the source need not
   * number its rows); null when `source` has a `_row` column.
   */
  storedRowNumber: string | null;
  /** A string literal. */
  literal(text: string): string;
  /** True when the whole of `expr` matches the regular expression `pattern`. */
  matches(expr: string, pattern: string): string;
  /** Every match of `pattern` in `expr` replaced by `replacement`. */
  replaceAll(expr: string, pattern: string, replacement: string): string;
  /** `expr` without leading and trailing white space (what JavaScript's `trim()` removes). */
  trim(expr: string): string;
  /**
   * `expr` in the form cells are compared with the manifest in: lower case, Unicode NFC
   * (contracts/match-key.ts).
   */
  matchKey(expr: string): string;
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

/**
 * The characters JavaScript's `trim()` removes, which is how the TypeScript reader trims a cell
 * (reading/cells/by-kind.ts): taken from `trim()` itself rather than listed, so the two cannot
 * drift apart (every one is in the Basic Multilingual Plane).
 */
const SPACES = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c))
  .filter((c) => c.trim() === '')
  .join('');
/** SPACES as the inside of a regular expression's character class (RE2 syntax). */
const SPACE_CLASS = [...SPACES].map((c) => `\\x{${c.codePointAt(0)!.toString(16)}}`).join('');

/** An identifier, quoted. */
export function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** DuckDB, embedded: reads CSV and Parquet files where they are. */
export const DUCKDB: Dialect = {
  name: 'duckdb',
  source: (t) =>
    /\.parquet$/i.test(t.path)
      ? // Parquet columns keep their types; the SQL reads them as text like a CSV's cells.
        `read_parquet(${quoteText(t.path)})`
      : `read_csv(${quoteText(t.path)}, header = true, all_varchar = true, delim = ${quoteText(t.delimiter)}, quote = '"', escape = '"', skip = ${t.headerRow - 1}, auto_detect = true, null_padding = false, strict_mode = true, encoding = 'utf-8')`,
  // With preserve_insertion_order (duckdb-engine.ts), a table filled from one scan of a file
  // holds its rows in file order, parallel scan or not, and rowid counts them from 0: no
  // window over every row is needed to number them.
  storedRowNumber: 'rowid + 1',
  literal: quoteText,
  matches: (e, p) => `regexp_full_match(${e}, ${quoteText(p)})`,
  replaceAll: (e, p, r) => `regexp_replace(${e}, ${quoteText(p)}, ${quoteText(r)}, 'g')`,
  // trim() with a set of characters costs DuckDB twenty times a regular expression that
  // finds the few cells with white space at an end; only those are trimmed.
  matchKey: (e) => `lower(nfc_normalize(${e}))`,
  trim: (e) =>
    `(CASE WHEN regexp_matches(${e}, ${quoteText(`^[${SPACE_CLASS}]|[${SPACE_CLASS}]$`)}) THEN trim(${e}, ${quoteText(SPACES)}) ELSE ${e} END)`,
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
  storedRowNumber: null,
  literal: quoteText,
  matches: (e, p) => `(${e} ~ ${quoteText(`^(?:${p})$`)})`,
  replaceAll: (e, p, r) => `regexp_replace(${e}, ${quoteText(p)}, ${quoteText(r)}, 'g')`,
  matchKey: (e) => `lower(normalize(${e}, NFC))`,
  trim: (e) => `btrim(${e}, ${quoteText(SPACES)})`,
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
