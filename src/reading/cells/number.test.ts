import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cells, expectFastEqualsPlain, withRecord } from '../../../test/cell-records.ts';
import { parseCell } from './by-kind.ts';
import { SLOW, type CellContext } from './cell.ts';
import { numberValue, readNumber, readsNumbers } from './number.ts';

const ctx: CellContext = { labels: new Map(), decimal: '.', thousands: undefined };

describe('numberValue', () => {
  it.each([
    ['12', '.', undefined, 12],
    ['1,234.50', '.', ',', 1234.5],
    ['1.234,50', ',', '.', 1234.5],
    ['1 234,5', ',', ' ', 1234.5],
    ["1'234.5", '.', "'", 1234.5],
    ['3,5', ',', undefined, 3.5],
    ['-0.25', '.', undefined, -0.25],
  ] as const)(
    'numberValue(%s) with decimal %s and thousands %s is %s',
    (raw, decimal, thousands, expected) => {
      expect(numberValue(raw, decimal, thousands)).toBe(expected);
    },
  );

  it.each([
    ['1,23', '.', ','],
    ['12a', '.', undefined],
    ['', '.', undefined],
    ['1.2.3', '.', undefined],
  ] as const)('numberValue(%s) is not a number', (raw, decimal, thousands) => {
    expect(numberValue(raw, decimal, thousands)).toBeNull();
  });
});

describe('readNumber', () => {
  const read = (cell: string) => withRecord(cell, (record) => readNumber(record, 0));

  it('reads a number exactly as Number() does, or declines', () => {
    const numeric = fc
      .tuple(
        fc.stringMatching(/^[0-9]{0,18}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,8}$/), { nil: undefined }),
      )
      .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`))
      .filter((text) => text !== '' && text !== '.');
    fc.assert(
      fc.property(numeric, (text) => {
        const value = read(text);
        if (value !== SLOW) expect(value).toBe(Number(text));
      }),
      { numRuns: 2000 },
    );
    // The boundary cases: 2^53 + 1 needs the general parser; 15 digits do not.
    expect(read('9007199254740993')).toBe(SLOW);
    expect(read('123456789012.345')).toBe(123456789012.345);
  });

  it('returns what the parser returns for any cell it reads (fast equals plain)', () => {
    expect(readsNumbers(ctx)).toBe(true);
    expectFastEqualsPlain(
      cells(['0.5', '.5', '5.', '1.2.3', '123456789012.345', '0000.10']),
      (record) => readNumber(record, 0),
      (text) => parseCell(text, { type: 'number' }, ctx),
    );
  });
});
