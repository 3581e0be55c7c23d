/**
 * Drafts how an orders export makes orders, from a sample of its rows: whether its rows are
 * order lines (an order id repeated with other cells that differ), where the amount comes from
 * (a line total, or quantity × unit price), which rows a status rule should catch (ids with a
 * letter prefix the others lack, such as the "C" of cancelled invoices; negative quantities),
 * whether orders without a customer are guest orders, and how dates are written. Pure, like
 * guess-mapping.ts, which calls it; every guess comes with a sentence for the analyst.
 */
import type { ManifestInput } from '../contracts/manifest-schema.ts';
import type { DateFormat } from './cells/date.ts';

type OrdersBlock = NonNullable<ManifestInput['orders']>;

export interface OrdersDraft {
  /** The manifest's "orders" block (empty when every default fits). */
  orders: OrdersBlock;
  /**
   * The mapping as the draft leaves it: a unit price beside a total is unmapped, a lone "price"
   * column with no quantity is taken as the amount.
   */
  columns: Record<string, string>;
  /** The date column's format, when not ISO. */
  dateFormat?: DateFormat;
  /** The order dates of the sample, as ISO days (for the period when there is no survey). */
  dates: string[];
  assumptions: string[];
}

const DAY_MONTH =
  /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?$/;
const ISO_DAY = /^(\d{4}-\d{2}-\d{2})/;

/**
 * The format of dates written day and month first or month and day first: the order a
 * component above 12 proves; when none does, unpadded components (12/1/2010, as spreadsheets
 * in the US order write them) suggest month first, padded ones day first. Null when the values
 * are not such dates (ISO dates need no format).
 */
export function guessDateFormat(
  values: readonly string[],
): { format: DateFormat; proven: boolean } | null {
  let firstAbove12 = false;
  let secondAbove12 = false;
  let unpadded = false;
  let separator = '';
  let seen = 0;
  for (const value of values) {
    const m = DAY_MONTH.exec(value.trim());
    if (!m) return null;
    seen += 1;
    separator = m[2]!;
    if (Number(m[1]) > 12) firstAbove12 = true;
    if (Number(m[3]) > 12) secondAbove12 = true;
    if (m[1]!.length === 1 || m[3]!.length === 1) unpadded = true;
  }
  if (seen === 0) return null;
  if (separator === '.') return { format: 'DD.MM.YYYY', proven: true };
  if (firstAbove12 !== secondAbove12)
    return { format: firstAbove12 ? 'DD/MM/YYYY' : 'MM/DD/YYYY', proven: true };
  return { format: unpadded ? 'MM/DD/YYYY' : 'DD/MM/YYYY', proven: false };
}

/** The ISO day of a date written in `format` (null when it is not one). */
function isoDay(value: string, format: DateFormat | undefined): string | null {
  const text = value.trim();
  if (format === undefined) return ISO_DAY.exec(text)?.[1] ?? null;
  const m = DAY_MONTH.exec(text);
  if (!m) return null;
  const [day, month] = format === 'MM/DD/YYYY' ? [m[3]!, m[1]!] : [m[1]!, m[3]!];
  return `${m[4]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Letters before the digits of an id such as "C536379"; "" for digits alone; null otherwise. */
function letterPrefix(id: string): string | null {
  const m = /^([A-Za-z]*)\d+$/.exec(id);
  return m ? m[1]! : null;
}

/**
 * @param name the file's name, for the sentences
 * @param headers the file's header
 * @param rows the sampled rows, cells as written
 * @param columns canonical field → header, as drafted so far
 */
export function draftOrders(
  name: string,
  headers: readonly string[],
  rows: readonly string[][],
  columns: Readonly<Record<string, string>>,
): OrdersDraft {
  const draft: OrdersDraft = { orders: {}, columns: { ...columns }, dates: [], assumptions: [] };
  const say = (sentence: string) => draft.assumptions.push(`${name}: ${sentence}`);
  const cell = (row: string[], field: string) => {
    const header = columns[field];
    return header === undefined ? '' : (row[headers.indexOf(header)] ?? '').trim();
  };

  // Lines: an order id that comes back with any other cell different is a line of an order.
  let lines = false;
  if (columns.order_id) {
    const first = new Map<string, string>();
    let repeated = 0;
    let differing = 0;
    const orderAt = headers.indexOf(columns.order_id);
    for (const row of rows) {
      const id = (row[orderAt] ?? '').trim();
      if (id === '') continue;
      const rest = row.filter((_, i) => i !== orderAt).join('\u0000');
      const before = first.get(id);
      if (before === undefined) first.set(id, rest);
      else {
        repeated += 1;
        if (before !== rest) differing += 1;
      }
    }
    lines = differing > 0;
    if (lines) {
      draft.orders.rows = 'lines';
      say(
        `order ids repeat with other cells that differ (${differing} of ${repeated} repeated rows in the sample): each row is drafted as a line of an order ("rows": "lines"), the lines of one "${columns.order_id}" summed into one order`,
      );
    } else if (repeated > 0)
      say(`${repeated} rows repeat an order id with identical cells: copies (the first is kept)`);
  }

  // The amount: a line (or order) total when one is mapped, else quantity × unit price.
  const product = columns.quantity !== undefined && columns.unit_price !== undefined;
  const mapped = draft.columns;
  if (mapped.amount === undefined && mapped.unit_price !== undefined && !product) {
    // A price with no quantity to multiply is more likely the order's own price.
    mapped.amount = mapped.unit_price;
    delete mapped.unit_price;
  }
  if (mapped.amount !== undefined) {
    delete mapped.unit_price;
    say(
      `"${mapped.amount}" → amount, ${lines ? "each line's total" : "each order's total"} (check it is not a unit price)`,
    );
  } else if (product) {
    draft.orders.amountFrom = 'quantity*unit_price';
    say(
      `no total column: ${lines ? "each line's" : "each order's"} amount is "${columns.quantity}" × "${columns.unit_price}" ("amountFrom": "quantity*unit_price")`,
    );
  }

  // Status rules: a letter prefix most ids lack marks another kind of document.
  const rules: NonNullable<OrdersBlock['statusRules']> = [];
  if (columns.order_id) {
    const byPrefix = new Map<string, number>();
    const ids = new Set(rows.map((row) => cell(row, 'order_id')).filter((id) => id !== ''));
    for (const id of ids) {
      const prefix = letterPrefix(id);
      if (prefix !== null) byPrefix.set(prefix, (byPrefix.get(prefix) ?? 0) + 1);
    }
    const plain = byPrefix.get('') ?? 0;
    for (const [prefix, count] of byPrefix) {
      if (prefix === '' || count * 2 >= plain) continue;
      if (prefix.toUpperCase() === 'C') {
        rules.push({ idPrefix: prefix, status: 'cancelled' });
        say(
          `${count} order ids start with "${prefix}" where the others are numbers (as cancelled invoices are written): drafted as cancelled ({ "idPrefix": "${prefix}", "status": "cancelled" }), left out of orders and revenue`,
        );
      } else
        say(
          `${count} order ids start with "${prefix}" where the others are numbers: if they are not orders, add { "idPrefix": "${prefix}", "status": "cancelled" } (or another excluded status) to orders.statusRules`,
        );
    }
  }
  if (columns.quantity !== undefined) {
    const negative = rows.filter((row) => /^-\d/.test(cell(row, 'quantity'))).length;
    if (negative > 0) {
      rules.push({ negativeQuantity: true, status: 'returned' });
      say(
        `${negative} rows have a negative "${columns.quantity}"${rules.length > 1 ? ' (those not caught by the rule above)' : ''}: drafted as returned ({ "negativeQuantity": true, "status": "returned" }), left out of orders and revenue`,
      );
    }
  }
  if (rules.length > 0) draft.orders.statusRules = rules;

  // Guests: rows without a customer id.
  if (columns.customer_id !== undefined) {
    const guests = rows.filter((row) => cell(row, 'customer_id') === '').length;
    if (guests > 0) {
      draft.orders.guests = 'count';
      say(
        `${guests} rows have no "${columns.customer_id}": drafted as guest orders ("guests": "count"), counted in orders and revenue but in no customer figure`,
      );
    }
  }

  // Dates: their format, and the days they span.
  if (columns.date !== undefined) {
    const values = rows.map((row) => cell(row, 'date')).filter((v) => v !== '');
    const guessed = guessDateFormat(values);
    if (guessed) {
      draft.dateFormat = guessed.format;
      say(
        `"${columns.date}" written ${guessed.format}${guessed.proven ? '' : ' (no day above 12 in the sample tells the order apart: check)'}`,
      );
    }
    for (const value of values) {
      const day = isoDay(value, draft.dateFormat);
      if (day !== null) draft.dates.push(day);
    }
  }
  return draft;
}
