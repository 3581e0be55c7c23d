/**
 * What the methodology says about a review's data, as plain text a view writes out: a sentence
 * per table (rows read, used, left out and why, order lines and guest orders), and the data
 * warnings grouped by kind, each kind capped at a few located lines with the count of the rest,
 * so a snapshot with a hundred thousand warnings still reads in a screen.
 */
import { describeDropped } from '../../contracts/dropped-rows.ts';
import type { ReviewFigures } from '../../contracts/figures-schema.ts';

type Warning = ReviewFigures['warnings'][number];

/** One kind of warning: its id, a readable title, how many, and the first few, located. */
export interface WarningGroup {
  id: string;
  title: string;
  count: number;
  lines: string[];
  /** Warnings of this kind not listed. */
  more: number;
}

/** Warnings shown per kind before "… and N more". */
export const WARNINGS_PER_KIND = 10;

/** "date-outside-period" → "Date outside period". */
function titleOf(id: string): string {
  const words = id.replace(/-/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** "file:row:column — what is wrong (“value”) — what to do". */
export function warningLine(w: Warning): string {
  const where = [w.file, w.row === undefined ? undefined : String(w.row), w.column]
    .filter((part) => part !== undefined)
    .join(':');
  const value = w.value === undefined ? '' : ` (“${w.value}”)`;
  return `${where} — ${w.message}${value} — ${w.hint}`;
}

/**
 * The warnings grouped by kind, largest group first (then by id), each with its first
 * `perKind` warnings in the order they were raised; a warning's `more` (those of its kind the
 * reader counted without keeping) counts toward its group.
 */
export function warningGroups(
  warnings: readonly Warning[],
  perKind = WARNINGS_PER_KIND,
): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  for (const w of warnings) {
    let group = groups.get(w.id);
    if (!group) {
      group = { id: w.id, title: titleOf(w.id), count: 0, lines: [], more: 0 };
      groups.set(w.id, group);
    }
    // A kept warning may stand for others of its kind the reader counted but did not keep.
    const others = w.more ?? 0;
    group.count += 1 + others;
    if (group.lines.length < perKind) group.lines.push(warningLine(w));
    else group.more += 1;
    group.more += others;
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

/**
 * One sentence per table: "Orders: 990 of 1,000 rows used; 10 rows repeating an id (the first
 * copy is kept) left out. The rows are order lines, summed into 120 orders; 12 guest orders
 * (no customer id) count toward orders and revenue, not toward customer figures."
 * @param count how a count is written (the reader's locale)
 */
export function tableSentences(
  figures: Pick<ReviewFigures, 'tables' | 'behaviour'>,
  count: (n: number) => string,
): string[] {
  return Object.entries(figures.tables).map(([name, t]) => {
    const label = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    const dropped = describeDropped(t.dropped, count);
    let sentence = `${label}: ${count(t.used)} of ${count(t.rows)} rows used${dropped ? `; left out: ${dropped}` : ''}.`;
    const b = figures.behaviour;
    if (name === 'orders' && b) {
      if (b.orderLines !== undefined) {
        const excluded = Object.values(b.excludedOrders).reduce((sum, n) => sum + n, 0);
        sentence += ` The rows are order lines, summed into ${count(b.orders + excluded)} orders.`;
      }
      if (b.guestOrders !== undefined)
        sentence += ` ${count(b.guestOrders)} guest ${b.guestOrders === 1 ? 'order' : 'orders'} (no customer id) count toward orders and revenue, not toward customer figures (active customers, frequency, repeat rate, retention).`;
    }
    return sentence;
  });
}
