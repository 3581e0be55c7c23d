import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withRecord } from '../../../test/cell-records.ts';
import { fastPlan, parseCell, readFast } from './by-kind.ts';
import { SLOW, type CellContext } from './cell.ts';
import { declaredLevels } from './level.ts';

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

  it('leave segments with many levels to the memo', () => {
    const levels = Array.from({ length: 17 }, (_, k) => `L${k}`);
    expect(declaredLevels({ type: 'level', levels }, ctx)).toBeNull();
  });
});
