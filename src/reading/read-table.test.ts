import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checkRemembers } from '../../test/cell-records.ts';
import { CellMemo } from './read-table.ts';

describe('the memo of repeated cells', () => {
  it('returns what was remembered for exactly these bytes, even when cells collide', () => {
    // Long cells that differ only where the hash does not look, short ones (and the empty
    // one), and dates.
    const pool = [
      ...Array.from({ length: 12 }, (_, i) => `aaa${String.fromCharCode(97 + i)}aaaaaaaaaaaaaaa`),
      ...Array.from({ length: 6 }, (_, i) => 'xyz'.slice(0, i % 4)),
      ...Array.from({ length: 40 }, (_, i) => `2026-0${1 + (i % 9)}-${10 + (i % 19)}`),
      'Public sector',
      'Publik sector',
    ];
    fc.assert(
      // An empty cell is missing in every column: nothing to remember.
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 300 }), (cells) =>
        checkRemembers(new CellMemo(), cells),
      ),
    );
  });
});
