import { describe, expect, it } from 'vitest';
import { withRecord } from '../../../test/cell-records.ts';
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
});
