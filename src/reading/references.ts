/**
 * References from one table to another's ids (a ticket's order, an order's customer), checked
 * once both tables are read: ids the other table does not list are counted in one warning per
 * table and column, with a few examples, rather than one warning per row. The referenced table
 * may be read after the referring one, or on another thread, so references are tallied while
 * reading and resolved at the end.
 */
import type { TableName } from '../contracts/fields.ts';
import { diagnostic, type Diagnostic } from './diagnostics.ts';

/** Examples a warning names. */
const EXAMPLES = 3;

/** Where references come from and which table they name. */
export interface ReferenceSource {
  /** The referring table's file as diagnostics show it. */
  file: string;
  /** The referring column's export header. */
  column: string | undefined;
  /** What one row of the referring table is, e.g. "ticket". */
  noun: string;
  /** The referenced table and what its rows are, e.g. "orders" and "order". */
  target: TableName;
  targetNoun: string;
  /** The referenced table's file as diagnostics show it. */
  targetFile: string;
}

/** Looks an id up in a table's ids (an IdRegistry). */
export interface IdLookup {
  has(id: string): boolean;
}

/** An id that a referenced table does not list: how many rows name it, and the first. */
export interface UnknownId {
  id: string;
  rows: number;
  /** The first row naming it, when known. */
  firstRow?: number;
}

/** The distinct ids one column refers to, each with its first row and how many rows name it. */
export class ReferenceTally {
  readonly source: ReferenceSource;
  private readonly firstRows = new Map<string, number>();
  private readonly counts = new Map<string, number>();

  constructor(source: ReferenceSource) {
    this.source = source;
  }

  add(id: string, row: number): void {
    const count = this.counts.get(id);
    if (count === undefined) {
      this.firstRows.set(id, row);
      this.counts.set(id, 1);
    } else this.counts.set(id, count + 1);
  }

  /** The warning for the ids `known` does not list; null when it lists them all. */
  resolve(known: IdLookup): Diagnostic | null {
    const unknown: UnknownId[] = [];
    for (const [id, rows] of this.counts)
      if (!known.has(id)) unknown.push({ id, rows, firstRow: this.firstRows.get(id) });
    return unknownReferences(this.source, unknown);
  }
}

/**
 * One warning for the rows of a table that name ids another table does not list (null when
 * there are none): how many rows and distinct ids, and the first few with their rows.
 */
export function unknownReferences(
  source: ReferenceSource,
  unknown: readonly UnknownId[],
): Diagnostic | null {
  if (unknown.length === 0) return null;
  const rows = unknown.reduce((sum, u) => sum + u.rows, 0);
  const first = unknown[0]!;
  const examples = unknown
    .slice(0, EXAMPLES)
    .map((u) => (u.firstRow === undefined ? u.id : `${u.id} (row ${u.firstRow})`))
    .join(', ');
  const { noun, targetNoun } = source;
  return diagnostic('unknown-reference', {
    file: source.file,
    row: first.firstRow,
    column: source.column,
    value: first.id,
    message: `${rows} ${noun}${rows === 1 ? '' : 's'} name${rows === 1 ? 's' : ''} ${unknown.length === 1 ? `a ${targetNoun}` : `${unknown.length} ${targetNoun}s`} that ${source.targetFile} does not list, e.g. ${examples}`,
    hint: `check that both exports write ${targetNoun} ids the same way (prefixes, leading zeros, case) and cover the same period; these ${noun}s still count, but cannot be joined with their ${targetNoun}`,
  });
}
