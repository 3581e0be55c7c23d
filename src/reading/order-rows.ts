/**
 * What the orders table's rows need beyond their cells: the status rules of the manifest (an id
 * prefix, a negative quantity), the tags that tell a copy of an order from another row of the
 * same id, and the error raised when rows of one id differ where they must not.
 */
import type { StatusRule } from '../contracts/manifest-schema.ts';
import type { CellValue } from './cells/cell.ts';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { fmix } from './id-registry.ts';
import { idText, NUMBER_BITS, NUMBERED_LIMIT, prefixes, type IdRef } from './id-refs.ts';

/**
 * The status the manifest's rules give a row (the first rule that matches), or undefined when
 * none does; null when there are no rules.
 */
export function statusRules(
  rules: readonly StatusRule[],
): ((orderId: IdRef, quantity: CellValue) => string | undefined) | null {
  if (rules.length === 0) return null;
  const compiled = rules.map((rule) => ({
    status: rule.status.toLowerCase(),
    prefix: 'idPrefix' in rule ? rule.idPrefix : null,
  }));
  return (orderId, quantity) => {
    let text: string | null = null;
    for (const rule of compiled) {
      if (rule.prefix === null) {
        if (typeof quantity === 'number' && quantity < 0) return rule.status;
      } else if ((text ??= idText(orderId)).startsWith(rule.prefix)) return rule.status;
    }
    return undefined;
  };
}

const MISSING_TAG = 0x9e3779b9;

// The bits of an amount, read as two words (a scratch cell, written and read in one call).
const FLOAT = new Float64Array(1);
const WORDS = new Uint32Array(FLOAT.buffer);

/**
 * A 32-bit word that stands for an amount (its 64 bits mixed into 32; a fixed word for a
 * missing one), to compare the rows of one id without keeping them. A plain function over a
 * scratch cell: the row loop calls it for every order.
 */
export function amountTag(amount: number | undefined): number {
  if (amount === undefined) return MISSING_TAG;
  FLOAT[0] = amount;
  return fmix(WORDS[0]! ^ fmix(WORDS[1]!));
}

/** 32-bit words that stand for an id, to compare the rows of one order without keeping them. */
export class RowTags {
  /**
   * A tag of an id's text (FNV-1a), whatever form the reader gave it (a numbered id's digits are
   * hashed from its number, without making its text); fixed for no id.
   */
  ofId(id: IdRef | undefined): number {
    if (id === undefined) return MISSING_TAG;
    let h = 0x811c9dc5;
    const text = typeof id === 'string' ? id : prefixes[id >>> NUMBER_BITS]!;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    if (typeof id === 'number') {
      const n = id & (NUMBERED_LIMIT - 1);
      let place = 1;
      while (place * 10 <= n) place *= 10;
      for (; place >= 1; place /= 10)
        h = Math.imul(h ^ (48 + (Math.floor(n / place) % 10)), 0x01000193);
    }
    return fmix(h);
  }
}

/**
 * Rows of one order id that differ where they must not: in a table of orders, a different
 * amount (not a copy but, most likely, the lines of an order); in a table of order lines, a
 * different customer. One error for the table, with the count and the first place.
 */
export class RepeatedOrders {
  private count = 0;
  private first: { id: IdRef; firstRow: number; row: number } | null = null;
  private readonly lines: boolean;
  private readonly file: string;
  private readonly columns: Partial<Record<'order_id' | 'customer_id' | 'amount', string>>;

  /**
   * @param lines the table's rows are order lines
   * @param columns the export's headers of the fields the message names
   */
  constructor(
    lines: boolean,
    file: string,
    columns: Partial<Record<'order_id' | 'customer_id' | 'amount', string>>,
  ) {
    this.lines = lines;
    this.file = file;
    this.columns = columns;
  }

  /** Counts a row that differs from the first row of its id. */
  add(id: IdRef, firstRow: number, row: number): void {
    this.count += 1;
    this.first ??= { id, firstRow, row };
  }

  /** The table's error, or null when no row differed. */
  report(): Diagnostic | null {
    const first = this.first;
    if (first === null) return null;
    const { count, columns } = this;
    const value = idText(first.id);
    const where = `first: row ${first.row} against row ${first.firstRow}`;
    if (this.lines) {
      return diagnostic('order-line-customer-conflict', {
        file: this.file,
        row: first.row,
        column: columns.customer_id,
        value,
        message: `${count} line(s) name another customer than the first line of their order (${where}, order "${value}"), so the order's customer is unknown`,
        hint: 'correct the customer id of these lines in the export, or give the orders distinct ids',
      });
    }
    return diagnostic('order-lines-undeclared', {
      file: this.file,
      row: first.row,
      column: columns.order_id,
      value,
      message: `${count} row(s) repeat an order id with another amount (${where}): these look like order lines, and one row per id would drop the other lines' amounts`,
      hint: 'declare "orders": { "rows": "lines" } in manifest.json so the rows of one order id are summed into one order (and "amountFrom": "quantity*unit_price" if the export has a quantity and a unit price instead of a line total); or remove the repeated rows if they are not lines',
    });
  }
}
