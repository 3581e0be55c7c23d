import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORACLE_DIR } from '../../test/oracles.ts';
import {
  addRatioPair,
  createRatioSums,
  mergeRatioSums,
  ratioEstimate,
  type RatioSums,
} from './ratio-estimate.ts';

/** numpy reference over the raw clusters: see test/fixtures/oracles/ratio-estimate.py. */
const oracle = JSON.parse(readFileSync(`${ORACLE_DIR}ratio-estimate.json`, 'utf8')) as {
  cases: Array<{
    name: string;
    x: number[];
    y: number[];
    n: number;
    ratio: number;
    se: number;
    scipy_sem?: number;
  }>;
};

const sumsOf = (pairs: ReadonlyArray<readonly [number, number]>): RatioSums =>
  pairs.reduce((s, [x, y]) => addRatioPair(s, x, y), createRatioSums());

const relative = (actual: number, expected: number) => Math.abs(actual / expected - 1);

const pairsArb = fc.array(
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0, max: 500, noNaN: true })),
  { minLength: 2, maxLength: 60 },
);

describe('ratioEstimate', () => {
  it.each(oracle.cases)(
    'ratioEstimate($name) matches numpy over the raw clusters to 1e-9 (relative)',
    ({ x, y, n, ratio, se }) => {
      const r = ratioEstimate(sumsOf(x.map((xi, i) => [xi, y[i]!] as const)));
      expect(r.n).toBe(n);
      expect(relative(r.ratio, ratio)).toBeLessThan(1e-9);
      expect(relative(r.se, se)).toBeLessThan(1e-9);
    },
  );

  it('ratioEstimate over clusters of size 1 is the mean with scipy.stats.sem', () => {
    const c = oracle.cases.find((k) => k.scipy_sem !== undefined)!;
    const r = ratioEstimate(sumsOf(c.y.map((y) => [1, y] as const)));
    expect(relative(r.se, c.scipy_sem!)).toBeLessThan(1e-9);
  });

  it('ratioEstimate scales with y and inversely with x, SE included', () => {
    fc.assert(
      fc.property(pairsArb, fc.double({ min: 0.01, max: 100, noNaN: true }), (pairs, c) => {
        const base = ratioEstimate(sumsOf(pairs));
        const scaledY = ratioEstimate(sumsOf(pairs.map(([x, y]) => [x, c * y] as const)));
        const scaledX = ratioEstimate(sumsOf(pairs.map(([x, y]) => [c * x, y] as const)));
        const tol = 1e-7 * (base.ratio + 1);
        expect(scaledY.ratio).toBeCloseTo(c * base.ratio, 6);
        expect(Math.abs(scaledY.se - c * base.se)).toBeLessThan(c * tol);
        expect(Math.abs(scaledX.se - base.se / c)).toBeLessThan(tol / c);
      }),
    );
  });

  it('ratioEstimate: SE is 0 when every cluster has the same ratio', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0.01, max: 200, noNaN: true }),
        (xs, r) => ratioEstimate(sumsOf(xs.map((x) => [x, r * x] as const))).se < 1e-6 * r,
      ),
    );
  });

  it('ratioEstimate rejects fewer than 2 clusters and Σx = 0', () => {
    expect(() => ratioEstimate(sumsOf([[1, 3]]))).toThrow('ratioEstimate requires n ≥ 2');
    expect(() =>
      ratioEstimate(
        sumsOf([
          [1, 3],
          [-1, 2],
        ]),
      ),
    ).toThrow('ratioEstimate requires Σx ≠ 0');
  });
});

describe('ratio sums', () => {
  it('mergeRatioSums of a split equals addRatioPair over all clusters, in any order', () => {
    fc.assert(
      fc.property(pairsArb, fc.nat(), (pairs, cut) => {
        const at = cut % pairs.length;
        const one = sumsOf(pairs);
        const merged = mergeRatioSums(sumsOf(pairs.slice(at)), sumsOf(pairs.slice(0, at)));
        expect(merged.n).toBe(one.n);
        for (const key of ['sumX', 'sumY', 'sumXX', 'sumYY', 'sumXY'] as const) {
          expect(Math.abs(merged[key] - one[key])).toBeLessThanOrEqual(1e-12 * Math.abs(one[key]));
        }
        expect(mergeRatioSums(createRatioSums(), one)).toEqual(one);
      }),
    );
  });

  it('addRatioPair leaves its input unchanged and rejects non-finite totals', () => {
    const state = createRatioSums();
    const next = addRatioPair(state, 2, 90);
    expect(state).toEqual(createRatioSums());
    expect(next).toEqual({ n: 1, sumX: 2, sumY: 90, sumXX: 4, sumYY: 8100, sumXY: 180 });
    expect(() => addRatioPair(state, NaN, 1)).toThrow('addRatioPair requires finite x and y');
  });
});
