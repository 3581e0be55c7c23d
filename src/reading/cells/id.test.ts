import { describe, expect, it } from 'vitest';
import { cells, expectFastEqualsPlain, withRecord } from '../../../test/cell-records.ts';
import { idText, NumberedIdReader } from '../id-refs.ts';
import { parseCell } from './by-kind.ts';
import { SLOW, type CellContext } from './cell.ts';
import { readId } from './id.ts';

const ctx: CellContext = { labels: new Map(), decimal: '.', thousands: undefined };
const kind = { type: 'id' } as const;

describe('readId', () => {
  it('returns what the parser returns for any cell it reads, numbered ids as refs (fast equals plain)', () => {
    // One reader for all cells, as for a column: it remembers the last prefix it met.
    const ids = new NumberedIdReader();
    expectFastEqualsPlain(
      cells(['C', 'R', 'AB', 'C1', 'C10', 'C0', 'C01', 'R1001', 'C4194304', 'Ö1', '0']),
      (record) => {
        const value = readId(record, 0, ids);
        return typeof value === 'number' ? idText(value) : value;
      },
      (text) => parseCell(text, kind, ctx),
    );
  });

  it('reads a numbered id as its ref and other ids as text', () => {
    const ids = new NumberedIdReader();
    const read = (cell: string) => withRecord(cell, (record) => readId(record, 0, ids));
    const ref = read('C123');
    expect(typeof ref).toBe('number');
    expect(idText(ref as number)).toBe('C123');
    expect(read('C0123')).toBe('C0123');
    expect(read('')).toBe(undefined);
    expect(read(' C123')).toBe(SLOW);
    expect(read('"C""1"')).toBe(SLOW);
    expect(read('"C123\u00a0"')).toBe(SLOW);
  });
});
