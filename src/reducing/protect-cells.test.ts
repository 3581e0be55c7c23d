import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  protectCells,
  protectCellsKeepingMost,
  type LevelledCell,
  type ProtectedCell,
} from './protect-cells.ts';

/** A stand-in state: the input cells it holds and two bases (responses, one item's answers). */
interface State {
  members: number[];
  responses: number;
  answers: number;
}
const merge = (a: State, b: State): State => ({
  members: [...a.members, ...b.members],
  responses: a.responses + b.responses,
  answers: a.answers + b.answers,
});
/** The smallest non-zero base, as the survey cells' size is. */
const size = (s: State) => Math.min(...[s.responses, s.answers].filter((b) => b > 0), Infinity);
const THRESHOLD = 30;
const LEVELS = [
  ['A', 'B', 'C', 'D'],
  ['N', 'S', 'E'],
  ['late', 'on time'],
];

/** Distinct cells over three dimensions (a level may be missing), with random sizes. */
const cellsArb: fc.Arbitrary<Array<LevelledCell<State>>> = fc
  .uniqueArray(
    fc.tuple(...LEVELS.map((levels) => fc.option(fc.constantFrom(...levels), { nil: undefined }))),
    { selector: (levels) => levels.map((l) => l ?? '-').join('|'), maxLength: 40 },
  )
  .chain((keys) =>
    fc.tuple(
      fc.constant(keys),
      fc.array(
        fc.tuple(fc.integer({ min: 1, max: 90 }), fc.double({ min: 0, max: 1, noNaN: true })),
        {
          minLength: keys.length,
          maxLength: keys.length,
        },
      ),
    ),
  )
  .map(([keys, sizes]) =>
    keys.map((levels, i) => {
      const [responses, answered] = sizes[i]!;
      return {
        levels,
        state: { members: [i], responses, answers: Math.floor(responses * answered) },
      };
    }),
  );

/**
 * Cells written out, each its own input member in order, of `responses` responses of which
 * `answers` answered the item (all of them unless told).
 */
function fixedCells(
  ...cells: Array<[levels: string[], responses: number, answers?: number]>
): LevelledCell<State>[] {
  return cells.map(([levels, responses, answers = responses], i) => ({
    levels,
    state: { members: [i], responses, answers },
  }));
}

/** The cells of a table of groups (A, B, …) by regions (N, S, …), `responses[g][r]` in each. */
function groupsByRegions(responses: number[][]): LevelledCell<State>[] {
  return fixedCells(
    ...responses.flatMap((row, g) =>
      row.map((n, r): [string[], number] => [[LEVELS[0]![g]!, LEVELS[1]![r]!], n]),
    ),
  );
}

const total = (cells: ReadonlyArray<{ state: State }>) =>
  size(cells.map((c) => c.state).reduce(merge, { members: [], responses: 0, answers: 0 }));

/** The cells a selection pools: every filtered dimension's level among the chosen ones. */
function pool(cells: readonly ProtectedCell<State>[], selection: Array<string[] | null>): number[] {
  return cells
    .filter((c) =>
      selection.every(
        (chosen, d) =>
          chosen === null || (c.levels[d] !== undefined && chosen.includes(c.levels[d]!)),
      ),
    )
    .flatMap((c) => c.state.members);
}

const selectionArb = fc.tuple(
  ...LEVELS.map((levels) => fc.option(fc.subarray(levels, { minLength: 1 }), { nil: null })),
);

const RULES = [
  ['protectCells', protectCells],
  ['protectCellsKeepingMost', protectCellsKeepingMost],
] as const;

describe.each(RULES)('%s', (_, protect) => {
  it('publishes only cells of at least the threshold, and loses no respondent', () => {
    fc.assert(
      fc.property(cellsArb, (cells) => {
        const out = protect(cells, { threshold: THRESHOLD, size, merge });
        for (const cell of out) expect(size(cell.state)).toBeGreaterThanOrEqual(THRESHOLD);
        const published = out.flatMap((c) => c.state.members).sort((a, b) => a - b);
        if (cells.length > 0 && total(cells) >= THRESHOLD)
          expect(published).toEqual(cells.map((_, i) => i));
        else expect(out).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a published level is every member’s level; a level it does not show is hidden or absent', () => {
    fc.assert(
      fc.property(cellsArb, (cells) => {
        for (const cell of protect(cells, { threshold: THRESHOLD, size, merge })) {
          cell.levels.forEach((level, d) => {
            const own = cell.state.members.map((i) => cells[i]!.levels[d]);
            if (level !== undefined) expect(own.every((l) => l === level)).toBe(true);
            else if (!cell.hidden[d]) expect(own.every((l) => l === undefined)).toBe(true);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('two selections never differ by fewer respondents than the threshold (differencing)', () => {
    fc.assert(
      fc.property(cellsArb, selectionArb, selectionArb, (cells, a, b) => {
        const out = protect(cells, { threshold: THRESHOLD, size, merge });
        const inB = new Set(pool(out, b));
        const onlyA = pool(out, a).filter((i) => !inB.has(i));
        if (onlyA.length > 0) {
          const difference = onlyA.map((i) => cells[i]!.state).reduce(merge);
          expect(size(difference)).toBeGreaterThanOrEqual(THRESHOLD);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('for every level, the respondents whose level is hidden are none or at least the threshold', () => {
    fc.assert(
      fc.property(cellsArb, (cells) => {
        const out = protect(cells, { threshold: THRESHOLD, size, merge });
        LEVELS.forEach((levels, d) => {
          for (const level of levels) {
            const all = cells.filter((c) => c.levels[d] === level);
            if (all.length === 0 || total(all) < THRESHOLD) continue; // the report shows none
            const shown = new Set(
              pool(
                out,
                LEVELS.map((_, e) => (e === d ? [level] : null)),
              ),
            );
            const hidden = all.filter((c) => !shown.has(c.state.members[0]!));
            if (hidden.length > 0) expect(total(hidden)).toBeGreaterThanOrEqual(THRESHOLD);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('cells at or above the threshold stay as they are when no small cell needs them', () => {
    const cells = groupsByRegions([
      [40, 50],
      [60, 35],
    ]);
    const out = protect(cells, { threshold: THRESHOLD, size, merge });
    expect(out.map((c) => c.levels)).toEqual(cells.map((c) => c.levels));
    expect(out.every((c) => c.hidden.every((h) => !h))).toBe(true);
  });

  it('a small cell loses its least important level first, joining its siblings', () => {
    const cells = groupsByRegions([
      [10, 25],
      [200, 100],
    ]);
    const out = protect(cells, { threshold: THRESHOLD, size, merge });
    // A keeps its group; its region is hidden. Then N and S each have a small hidden part
    // (10, 25), so a cell keeping each region hides it too: B's smallest, S (100)…
    expect(out.find((c) => c.levels[0] === 'A')).toMatchObject({
      levels: ['A', undefined],
      hidden: [false, true],
    });
    for (const cell of out) expect(size(cell.state)).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('an item answered by few in a large cell makes the cell small too', () => {
    const cells = fixedCells([['A'], 100, 12], [['B'], 100]);
    const out = protect(cells, { threshold: THRESHOLD, size, merge });
    expect(out).toHaveLength(1);
    expect(out[0]!.hidden).toEqual([true]);
  });
});

describe('protectCellsKeepingMost', () => {
  const lost = (out: ProtectedCell<State>[]) =>
    out.reduce((sum, c) => sum + size(c.state) * c.hidden.filter(Boolean).length, 0);
  const ORDERS = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ];

  /** Levels of the inputs that no published cell keeps. */
  const unselectable = (cells: LevelledCell<State>[], out: ProtectedCell<State>[]) =>
    LEVELS.flatMap((levels, d) =>
      levels.filter(
        (l) => cells.some((c) => c.levels[d] === l) && !out.some((c) => c.levels[d] === l),
      ),
    ).length;

  it('leaves fewest levels unselectable, then hides least, of all orders; ties keep their own', () => {
    fc.assert(
      fc.property(cellsArb, (cells) => {
        const score = (out: ProtectedCell<State>[]) => [unselectable(cells, out), lost(out)];
        const best = score(protectCellsKeepingMost(cells, { threshold: THRESHOLD, size, merge }));
        const each = ORDERS.map((priority) =>
          score(protectCells(cells, { threshold: THRESHOLD, size, merge, priority })),
        );
        for (const other of each)
          expect(best[0]! < other[0]! || (best[0] === other[0] && best[1]! <= other[1]!)).toBe(
            true,
          );
        if (
          each.every((o) => o[0]! > each[0]![0]! || (o[0] === each[0]![0] && o[1]! >= each[0]![1]!))
        )
          expect(protectCellsKeepingMost(cells, { threshold: THRESHOLD, size, merge })).toEqual(
            protectCells(cells, { threshold: THRESHOLD, size, merge }),
          );
      }),
      { numRuns: 150 },
    );
  });
});
