import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORACLE_DIR, reference } from '../../test/oracles.ts';
import { kishEffectiveN, rake, type WeightingCell } from './raking.ts';

function readCsv(name: string): string[][] {
  return readFileSync(`${ORACLE_DIR}weighting/${name}`, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(',').map((c) => c.replace(/^"|"$/g, '')));
}

const responses = readCsv('responses.csv').slice(1);
const population = readCsv('population.csv').slice(1);
const expected = Object.fromEntries(
  readCsv('expected.csv')
    .slice(1)
    .map(([name, mean, se, nEff]) => [
      name!,
      { mean: Number(mean), se: Number(se), nEff: Number(nEff) },
    ]),
);

function targetsFor(dimensions: string[]) {
  const targets: Record<string, Record<string, number>> = {};
  for (const [dimension, level, count] of population) {
    if (!dimensions.includes(dimension!)) continue;
    (targets[dimension!] ??= {})[level!] = Number(count);
  }
  return targets;
}

/** Responses grouped into segment × region cells with their top-2-box counts. */
function cellsOf() {
  const cells = new Map<string, WeightingCell & { top2: number }>();
  for (const [, segment, region, satisfaction] of responses) {
    const key = `${segment}|${region}`;
    const cell = cells.get(key) ?? { levels: { segment, region }, n: 0, top2: 0 };
    cell.n += 1;
    if (Number(satisfaction) >= 4) cell.top2 += 1;
    cells.set(key, cell);
  }
  return [...cells.values()];
}

function weightedShare(cells: ReturnType<typeof cellsOf>, weights: number[]) {
  const top = cells.reduce((s, c, i) => s + c.top2 * weights[i]!, 0);
  const all = cells.reduce((s, c, i) => s + c.n * weights[i]!, 0);
  return top / all;
}

describe('rake', () => {
  // The SE from n_eff, sqrt(p(1-p)/n_eff), is a conservative stand-in for R's linearisation SE
  // (1.1% above it for post-stratification), so it is held within 1.5% rather than to the digit.
  it.each([
    {
      weighting: 'post-stratification on segment',
      rFunction: 'postStratify',
      dimensions: ['segment'],
      expectedRow: 'poststratified_segment',
    },
    {
      weighting: 'raking on segment and region',
      rFunction: 'rake',
      dimensions: ['segment', 'region'],
      expectedRow: 'raked_segment_region',
    },
  ])('$weighting reproduces R survey::$rFunction', ({ dimensions, expectedRow }) => {
    const cells = cellsOf();
    const result = rake(cells, targetsFor(dimensions));
    expect(result.converged).toBe(true);
    const p = weightedShare(cells, result.weights);
    const nEff = kishEffectiveN(
      result.weights,
      cells.map((c) => c.n),
    );
    const r = expected[expectedRow]!;
    expect(p).toBeCloseTo(r.mean, 9);
    expect(nEff).toBeCloseTo(r.nEff, 6);
    const se = Math.sqrt((p * (1 - p)) / nEff);
    expect(Math.abs(se - r.se) / r.se).toBeLessThan(0.015);
  });

  it('kishEffectiveN reproduces the numpy reference', () => {
    expect(kishEffectiveN(reference.kish_neff.weights)).toBeCloseTo(reference.kish_neff.n_eff, 12);
  });

  it('weights reproduce every population margin (property)', () => {
    const levels = { a: ['x', 'y', 'z'], b: ['p', 'q'] };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.integer({ min: 10, max: 1000 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: 0.1, max: 0.9, noNaN: true }), { minLength: 1, maxLength: 1 }),
        (counts, aTargets, [share]) => {
          const cells: WeightingCell[] = levels.a.flatMap((a, i) =>
            levels.b.map((b, j) => ({ levels: { a, b }, n: counts[i * 2 + j]! })),
          );
          const total = aTargets.reduce((x, y) => x + y, 0);
          const targets = {
            a: Object.fromEntries(levels.a.map((l, i) => [l, aTargets[i]!])),
            b: { p: total * share!, q: total * (1 - share!) },
          };
          const { weights, converged } = rake(cells, targets, {
            maxIterations: 1000,
            tolerance: 1e-9,
          });
          if (!converged) return false;
          for (const [dimension, goals] of Object.entries(targets)) {
            for (const [level, goal] of Object.entries(goals)) {
              const sum = cells.reduce(
                (s, c, i) => s + (c.levels[dimension] === level ? c.n * weights[i]! : 0),
                0,
              );
              if (Math.abs(sum - goal) / goal > 1e-6) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a population level without responses is reported and dropped, not divided by zero', () => {
    const result = rake([{ levels: { seg: 'A' }, n: 10 }], { seg: { A: 100, B: 50 } });
    expect(result.emptyLevels).toEqual([{ dimension: 'seg', level: 'B' }]);
    expect(result.weights[0]).toBeCloseTo(10, 12);
  });

  it('a responding level without a population count throws', () => {
    expect(() => rake([{ levels: { seg: 'C' }, n: 10 }], { seg: { A: 100 } })).toThrow(
      'rake requires population counts for level C of seg',
    );
  });
});
