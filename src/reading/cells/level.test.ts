import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cells, expectFastEqualsPlain, withRecord } from '../../../test/cell-records.ts';
import { fastPlan, parseCell, readFast } from './by-kind.ts';
import { SLOW, type CellContext } from './cell.ts';
import { declaredLevels, readLevel } from './level.ts';

const ctx: CellContext = { labels: new Map(), decimal: '.', thousands: undefined };

describe('segment levels', () => {
  it('read a cell written as a declared level as the general parser does, or decline', () => {
    // Levels that differ only in case: the parser takes the first that matches.
    const kind = { type: 'level', levels: ['SMB', 'Public sector', 'smb', 'Zürich'] } as const;
    const plan = fastPlan(kind, ctx);
    const cells = fc.constantFrom(
      ...['SMB', 'smb', 'Smb', 'Public sector', 'public sector', 'Public  sector', ' SMB', 'SMB '],
      ...['Zürich', 'Zurich', '"SMB"', '"S""MB"', 'Enterprise', ''],
    );
    fc.assert(
      fc.property(cells, (cell) => {
        const [value, raw] = withRecord(cell, (record) => [
          readFast(plan, record, 0),
          record.text(0),
        ]);
        if (value === SLOW) return;
        const parsed = parseCell(raw, kind, ctx);
        expect({ cell, value }).toEqual({ cell, value: parsed.ok ? parsed.value : 'rejected' });
      }),
    );
    // The exact spellings are read here: the lower-case one takes the first level's value.
    const read = (cell: string) => withRecord(cell, (record) => readFast(plan, record, 0));
    expect(read('smb')).toBe('SMB');
    expect(read('Public sector')).toBe('Public sector');
    expect(read('public sector')).toBe(SLOW);
  });

  it('read any cell as the parser does, or decline, whatever the declared levels (fast equals plain)', () => {
    // Levels as manifests declare them, some differing only in case, padded, empty or quoted.
    const pool = [
      'SMB',
      'smb',
      'Public sector',
      'Zürich',
      'ZÜRICH',
      'İstanbul',
      ' Padded',
      '',
      'a"b',
    ];
    // …and cells one change away from them: case, a letter at either end, one letter less.
    const nearMisses = pool.flatMap((l) => [
      ...[l.toLowerCase(), l.toUpperCase(), `${l.slice(0, -1)}X`, `X${l.slice(1)}`],
      ...[l.slice(0, -1), l.slice(1), `${l}s`],
    ]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1 }), (levels) => {
        const kind = { type: 'level', levels } as const;
        const declared = declaredLevels(kind, ctx)!;
        expectFastEqualsPlain(
          cells([...pool, ...nearMisses]),
          (record) => readLevel(record, 0, declared),
          (text) => parseCell(text, kind, ctx),
          500,
        );
      }),
      { numRuns: 30 },
    );
  });

  it('leave segments with many levels to the memo', () => {
    const levels = Array.from({ length: 17 }, (_, k) => `L${k}`);
    expect(declaredLevels({ type: 'level', levels }, ctx)).toBeNull();
  });
});
