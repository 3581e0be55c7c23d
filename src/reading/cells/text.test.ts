import { describe, expect, it } from 'vitest';
import { cells, expectFastEqualsPlain, withRecord } from '../../../test/cell-records.ts';
import { parseCell } from './by-kind.ts';
import { SLOW, type CellContext } from './cell.ts';
import { readText } from './text.ts';

const ctx: CellContext = { labels: new Map(), decimal: '.', thousands: undefined };
const PLACEHOLDERS = ['NA', 'N/A', 'n/a', '-', 'null', 'NULL', 'None', '#N/A', 'Néant', 'なし'];

describe('readText', () => {
  it.each([true, false])(
    'returns what the parser returns for any cell it reads (fast equals plain), free text %s',
    (free) => {
      expectFastEqualsPlain(
        cells([
          'Delivery was late',
          'Great service',
          'très bien…',
          'a, b',
          'say "hi"',
          ...PLACEHOLDERS,
        ]),
        (record) => readText(record, 0, free),
        (text) => parseCell(text, { type: 'text', free }, ctx),
      );
    },
  );

  it('leaves padded cells to the parser, whatever the space', () => {
    const read = (cell: string) => withRecord(cell, (record) => readText(record, 0, true));
    expect(read('très bien…')).toBe('très bien…');
    expect(read('"a, b"')).toBe('a, b');
    for (const space of [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u3000', '\ufeff'])
      expect([space, read(`"${space}x"`), read(`"x${space}"`)]).toEqual([space, SLOW, SLOW]);
  });
});

describe('parseCell on free text', () => {
  const free = (text: string, labels = new Map<string, string>()) =>
    parseCell(text, { type: 'text', free: true }, { ...ctx, labels });

  it.each([...PLACEHOLDERS, 'No comment', 'sin comentarios', 'Sans  commentaire'])(
    'reads the placeholder %j as missing',
    (text) => {
      expect(free(` ${text} `)).toEqual({ ok: true, value: undefined });
      expect(withRecord(text, (record) => readText(record, 0, true))).toBe(undefined);
    },
  );

  it.each(['Nothing to add, all good', 'Nah, fine', 'None of the staff helped', 'NAS broke'])(
    'keeps the comment %j',
    (text) => expect(free(text)).toEqual({ ok: true, value: text }),
  );

  it('keeps placeholders in columns that are not free text (a category "N/A" is a category)', () => {
    expect(parseCell('N/A', { type: 'text', free: false }, ctx)).toEqual({
      ok: true,
      value: 'N/A',
    });
  });

  it('keeps a placeholder the manifest maps under "values"', () => {
    expect(free('NA', new Map([['na', 'NA']]))).toEqual({ ok: true, value: 'NA' });
  });
});
