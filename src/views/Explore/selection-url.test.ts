import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exploreSelectionOf,
  levelsQuery,
  readSelection,
  writeSelection,
  type SelectionSpace,
} from './selection-url.ts';

const space: SelectionSpace = {
  periods: ['2026-Q1', '2026-Q2', '2026-Q3'],
  dimensions: [
    { id: 'customer_group', levels: ['Consumer', 'SMB', 'Public sector'] },
    { id: 'region', levels: ['North', 'South'] },
    { id: 'late-delivery', levels: ['Had a late delivery', 'Deliveries on time'] },
  ],
  from: '2026-Q3',
  to: '2026-Q3',
};

const selectionArb = fc.record({
  range: fc.tuple(fc.nat(2), fc.nat(2)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
  levels: fc.tuple(...space.dimensions.map((d) => fc.subarray([...d.levels]))),
});

describe('the selection in the URL', () => {
  it('reading a written selection gives it back, and writing it again the same text', () => {
    fc.assert(
      fc.property(selectionArb, ({ range, levels }) => {
        const chosen: Record<string, string[]> = {};
        space.dimensions.forEach((d, i) => {
          const l = levels[i]!;
          if (l.length > 0 && l.length < d.levels.length) chosen[d.id] = l;
        });
        const selection = {
          from: space.periods[range[0]!]!,
          to: space.periods[range[1]!]!,
          levels: chosen,
        };
        const query = writeSelection(selection, space);
        const read = readSelection(query, space);
        expect(read.ignored).toEqual([]);
        expect(read.selection).toEqual(selection);
        expect(writeSelection(read.selection, space)).toBe(query);
      }),
    );
  });

  it('writes levels in declared order, spaces as "+", and leaves "every level" out', () => {
    const query = writeSelection(
      {
        from: '2026-Q1',
        to: '2026-Q3',
        levels: { customer_group: ['Public sector', 'Consumer'], region: ['South', 'North'] },
      },
      space,
    );
    expect(query).toBe('?from-period=2026-Q1&customer_group=Consumer&customer_group=Public+sector');
  });

  it('ignores what the page does not offer, and says so', () => {
    const read = readSelection(
      '?region=Mars&customer_group=SMB&colour=red&to-period=1999-Q1',
      space,
    );
    expect(read.selection).toEqual({
      from: '2026-Q3',
      to: '2026-Q3',
      levels: { customer_group: ['SMB'] },
    });
    expect(read.ignored.sort()).toEqual(['colour=red', 'region=Mars', 'to-period=1999-Q1']);
  });

  it('a reversed range is read in time order, and becomes the periods it spans', () => {
    const { selection } = readSelection('?from-period=2026-Q3&to-period=2026-Q1', space);
    expect(exploreSelectionOf(selection, space).periods).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
  });

  it('a link to a group reads back as that group', () => {
    const link = levelsQuery({ 'late-delivery': ['Had a late delivery'] });
    expect(readSelection(link, space).selection.levels).toEqual({
      'late-delivery': ['Had a late delivery'],
    });
  });
});
