import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cells, expectFastEqualsPlain, withRecord } from '../../../test/cell-records.ts';
import { parseCell } from './by-kind.ts';
import { SLOW, type CellContext } from './cell.ts';
import { readScore, scoreScale, type ScoreKind } from './score.ts';

const ctx: CellContext = { labels: new Map(), decimal: '.', thousands: undefined };

/** Reads one cell with the score reader of its item (SLOW: left to the parser). */
const convert = (kind: ScoreKind, cell: string) =>
  withRecord(cell, (record) => readScore(record, 0, scoreScale(kind)));

describe('readScore', () => {
  it('reads a score only when it is a plain whole number on the scale and not a N/A code', () => {
    const kind = { type: 'score', min: 0, max: 10, notApplicable: ['99', 'N/A'] } as const;
    expect(convert(kind, '7')).toBe(7);
    expect(convert(kind, '11')).toBe(SLOW);
    expect(convert(kind, 'N/A')).toBe(SLOW);
    const naOnScale = { ...kind, max: 100 };
    expect(convert(naOnScale, '99')).toBe(SLOW); // a code, even though 99 is on the scale
    expect(parseCell('99', naOnScale, ctx)).toEqual({ ok: true, value: undefined });
  });

  it('reads any short cell as the general parser does, or declines', () => {
    // Every printable ASCII character alone (the one-digit path) and in pairs, on two scales.
    const printable = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i));
    const cells = [...printable, ...printable.flatMap((a) => ['0', '1', '9', a].map((b) => a + b))];
    for (const kind of [
      { type: 'score', min: 0, max: 10, notApplicable: [] },
      { type: 'score', min: 1, max: 5, notApplicable: ['0'] },
    ] as const) {
      for (const cell of cells) {
        if (cell.includes(',') || cell.includes('"')) continue;
        const value = convert(kind, cell);
        if (value === SLOW) continue;
        const parsed = parseCell(cell, kind, ctx);
        expect({ cell, value }).toEqual({ cell, value: parsed.ok ? parsed.value : 'rejected' });
        expect(Number.isInteger(value)).toBe(true);
      }
    }
    expect(convert({ type: 'score', min: 0, max: 10, notApplicable: [] }, ':')).toBe(SLOW);
  });

  it('returns what the parser returns for any cell it reads (fast equals plain)', () => {
    // Items on the scales exports use, with "not applicable" codes on and off the scale.
    const kinds = fc.record({
      type: fc.constant('score' as const),
      min: fc.constantFrom(0, 1),
      max: fc.constantFrom(1, 5, 7, 10, 100),
      notApplicable: fc.subarray(['0', '5', '99', '07', '-1', 'N/A', 'n/a', ' 7', '1e1']),
    });
    fc.assert(
      fc.property(kinds, (kind) => {
        const onScale = scoreScale(kind);
        expectFastEqualsPlain(
          cells([
            '2',
            '3',
            '4',
            '6',
            '8',
            '11',
            '050',
            '1.0',
            '2,0',
            '-0',
            '+3',
            ...kind.notApplicable,
          ]),
          (record) => readScore(record, 0, onScale),
          (text) => parseCell(text, kind, ctx),
          500,
        );
      }),
      { numRuns: 20 },
    );
  });
});
