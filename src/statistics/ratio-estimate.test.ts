import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORACLE_DIR } from '../../test/oracles.ts';
import { ratioEstimate, type RatioSums } from './ratio-estimate.ts';

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
  pairs.reduce(
    (s, [x, y]) => ({
      n: s.n + 1,
      sumX: s.sumX + x,
      sumY: s.sumY + y,
      sumXX: s.sumXX + x * x,
      sumYY: s.sumYY + y * y,
      sumXY: s.sumXY + x * y,
    }),
    { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 },
  );

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
