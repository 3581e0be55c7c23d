import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cells, expectFastEqualsPlain, withRecord } from '../../../test/cell-records.ts';
import { parseCell } from './by-kind.ts';
import { SLOW, type CellContext } from './cell.ts';
import { numberValue, parseNumber, readNumber, readsNumbers, significantDigits } from './number.ts';

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
  const read = (cell: string) => withRecord(cell, (record) => readNumber(record, 0, Infinity));

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
      (record) => readNumber(record, 0, Infinity),
      (text) => parseCell(text, { type: 'number' }, ctx),
    );
  });

  it('returns what the parser returns under a declared maximum (fast equals plain)', () => {
    expectFastEqualsPlain(
      cells(['250', '250.5', '249.99', '1000', '99']),
      (record) => readNumber(record, 0, 250),
      (text) => parseCell(text, { type: 'number', max: 250 }, ctx),
    );
    // The boundary itself is plausible; a hair above goes to the parser, which refuses it.
    expect(read('250')).toBe(250);
    expect(withRecord('250.01', (record) => readNumber(record, 0, 250))).toBe(SLOW);
  });
});

describe('significantDigits', () => {
  it.each([
    ['12', 2],
    ['-0012.3400', 4],
    ['1000', 4],
    ['0.0005', 1],
    ['0', 0],
    ['123456789012.345', 15],
    ['1234567890123456', 16],
  ] as const)('significantDigits(%s) is %i', (numeral, expected) => {
    expect(significantDigits(numeral)).toBe(expected);
  });
});

describe('parseNumber', () => {
  const kind = { type: 'number' } as const;

  it('reads 15 significant digits and refuses 16 (never Infinity)', () => {
    expect(parseNumber('123456789012.345', kind, ctx)).toEqual({
      ok: true,
      value: 123456789012.345,
    });
    expect(parseNumber('0000000000000000012.5', kind, ctx)).toEqual({ ok: true, value: 12.5 });
    for (const text of ['1234567890123456', '9'.repeat(400), '-1'.padEnd(20, '0')]) {
      expect(parseNumber(text, kind, ctx)).toMatchObject({ ok: false, id: 'number-out-of-range' });
    }
  });

  it('refuses an amount beyond the declared maximum, in either sign', () => {
    const bounded = { type: 'number', max: 10_000 } as const;
    expect(parseNumber('10000', bounded, ctx)).toEqual({ ok: true, value: 10_000 });
    expect(parseNumber('10000.5', bounded, ctx)).toMatchObject({ id: 'number-out-of-range' });
    expect(parseNumber('-20000', bounded, ctx)).toMatchObject({ id: 'number-out-of-range' });
  });

  it("takes a numeric label's value as the manifest gives it", () => {
    const labelled: CellContext = { ...ctx, labels: new Map([['huge', 1e20]]) };
    expect(parseNumber('Huge', kind, labelled)).toEqual({ ok: true, value: 1e20 });
  });
});
