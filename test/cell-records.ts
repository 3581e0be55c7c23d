/**
 * Cells as a CSV export writes them, for the tests of the cell rules (src/reading/cells): each
 * is scanned into a record as the table reader would see it.
 */
import { expect } from 'vitest';
import { CsvScanner, type CsvRecord } from '../src/reading/csv-scanner.ts';
import { SLOW } from '../src/reading/cells/cell.ts';

/** Scans the row `<cell>,x` and returns what `read` makes of its record (field 0 is `cell`). */
export function withRecord<T>(cell: string, read: (record: CsvRecord) => T): T {
  let result: { value: T } | undefined;
  new CsvScanner(',', (record: CsvRecord) => {
    if (result === undefined) result = { value: read(record) };
  }).push(Buffer.from(`${cell},x\n`));
  if (result === undefined) throw new Error(`no record scanned from ${JSON.stringify(cell)}`);
  return result.value;
}

/**
 * Feeds `cells` to a store of remembered values (the memo, the day values): an empty cell is
 * missing, an unseen one is SLOW and then set, a seen one answers exactly what was set for it.
 */
export function checkRemembers(
  store: {
    get(record: CsvRecord, i: number): unknown;
    set(record: CsvRecord, i: number, value: string): void;
  },
  cells: string[],
  onRemembered: (cell: string) => void = () => {},
) {
  for (const cell of cells) {
    withRecord(cell, (record) => {
      const remembered = store.get(record, 0);
      if (cell === '') expect(remembered).toBe(undefined);
      else if (remembered === SLOW) store.set(record, 0, `value of ${cell}`);
      else {
        onRemembered(cell);
        expect(remembered).toBe(`value of ${cell}`);
      }
    });
  }
}
