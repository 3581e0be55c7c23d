import { describe, expect, it } from 'vitest';
import { cells, expectFastEqualsPlain, withRecord } from '../../../test/cell-records.ts';
import { parseCell } from './by-kind.ts';
import { SLOW, type CellContext } from './cell.ts';
import { readText } from './text.ts';

const ctx: CellContext = { labels: new Map(), decimal: '.', thousands: undefined };

describe('readText', () => {
  it('returns what the parser returns for any cell it reads (fast equals plain)', () => {
    expectFastEqualsPlain(
      cells(['Delivery was late', 'Great service', 'très bien…', 'a, b', 'say "hi"']),
      (record) => readText(record, 0),
      (text) => parseCell(text, { type: 'text' }, ctx),
    );
  });

  it('leaves padded cells to the parser, whatever the space', () => {
    const read = (cell: string) => withRecord(cell, (record) => readText(record, 0));
    expect(read('très bien…')).toBe('très bien…');
    expect(read('"a, b"')).toBe('a, b');
    for (const space of [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u3000', '\ufeff'])
      expect([space, read(`"${space}x"`), read(`"x${space}"`)]).toEqual([space, SLOW, SLOW]);
  });
});
