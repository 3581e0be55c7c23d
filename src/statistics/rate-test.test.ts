import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORACLE_DIR } from '../../test/oracles.ts';
import { countChangeTest, rateDifferenceTest } from './rate-test.ts';

/** scipy reference: see test/fixtures/oracles/rate-test.py. */
const oracle = JSON.parse(readFileSync(`${ORACLE_DIR}rate-test.json`, 'utf8')) as {
  rates: Array<{
    k1: number;
    n1: number;
    k2: number;
    n2: number;
    rate1: number;
    rate2: number;
    p: number;
  }>;
  counts: Array<{ c1: number; c2: number; difference: number; z: number; p: number }>;
};

const relative = (actual: number, expected: number) => Math.abs(actual / expected - 1);

/** Binomial pmf from Pascal's triangle (exact enough for k ≤ 60), a check written apart. */
function pascalPmf(trials: number, pi: number): number[] {
  let row = [1];
  for (let t = 1; t <= trials; t++) row = [1, ...row.slice(1).map((c, i) => c + row[i]!), 1];
  return row.map((c, j) => c * pi ** j * (1 - pi) ** (trials - j));
}

describe('rateDifferenceTest', () => {
  it.each(oracle.rates)(
    'rateDifferenceTest($k1, $n1, $k2, $n2) matches scipy.stats.binomtest to 1e-9 (relative)',
    ({ k1, n1, k2, n2, rate1, rate2, p }) => {
      const r = rateDifferenceTest(k1, n1, k2, n2);
      expect(r.rate1).toBe(rate1);
      expect(r.rate2).toBe(rate2);
      expect(r.difference).toBe(rate1 - rate2);
      expect(relative(r.p, p)).toBeLessThan(1e-9);
    },
  );

  it('rateDifferenceTest(0, n1, 0, n2) has p = 1: no events, no evidence', () => {
    expect(rateDifferenceTest(0, 500, 0, 600).p).toBe(1);
  });

  it('rateDifferenceTest sums the outcomes no likelier than k1, as Pascal’s triangle gives them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        (k1, k2, ratio) => {
          fc.pre(k1 + k2 > 0);
          const pi = ratio / (ratio + 1);
          const pmf = pascalPmf(k1 + k2, pi);
          const expected = pmf.filter((q) => q <= pmf[k1]! * (1 + 1e-7)).reduce((s, q) => s + q, 0);
          expect(rateDifferenceTest(k1, ratio, k2, 1).p).toBeCloseTo(Math.min(1, expected), 12);
        },
      ),
    );
  });

  it('rateDifferenceTest holds its level: P(p ≤ α) ≤ α under equal rates, for every total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        (trials, ratio, alpha) => {
          const pmf = pascalPmf(trials, ratio / (ratio + 1));
          let size = 0;
          for (let k1 = 0; k1 <= trials; k1++) {
            if (rateDifferenceTest(k1, ratio, trials - k1, 1).p <= alpha) size += pmf[k1]!;
          }
          return size <= alpha * (1 + 1e-9);
        },
      ),
    );
  });

  it('rateDifferenceTest is symmetric in its groups and scale-free in the exposure', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (k1, k2, n1, n2) => {
          const p = rateDifferenceTest(k1, n1, k2, n2).p;
          // Below ~1e-300 p is subnormal or 0 (1076 events against none): compare absolutely.
          const same = (q: number) => Math.abs(q - p) <= Math.max(1e-9 * Math.max(q, p), 1e-300);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(same(rateDifferenceTest(k2, n2, k1, n1).p)).toBe(true);
          expect(same(rateDifferenceTest(k1, n1 / 1000, k2, n2 / 1000).p)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rateDifferenceTest rejects fractional counts and zero exposure', () => {
    expect(() => rateDifferenceTest(1.5, 10, 2, 10)).toThrow(
      'rateDifferenceTest requires whole counts k ≥ 0',
    );
    expect(() => rateDifferenceTest(1, 10, 2, 0)).toThrow(
      'rateDifferenceTest requires exposure n > 0',
    );
  });
});

describe('countChangeTest', () => {
  it.each(oracle.counts)(
    'countChangeTest($c1, $c2) matches the scipy normal test',
    ({ c1, c2, difference, z, p }) => {
      const r = countChangeTest(c1, c2);
      expect(r.difference).toBe(difference);
      expect(r.z).toBeCloseTo(z, 9);
      expect(relative(r.p, p)).toBeLessThan(1e-9);
    },
  );

  it('countChangeTest(c2, c1) negates the difference and z and keeps p', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (c1, c2) => {
        fc.pre(c1 + c2 > 0);
        const a = countChangeTest(c1, c2);
        const b = countChangeTest(c2, c1);
        return a.z === -b.z && a.p === b.p && a.difference === -b.difference;
      }),
    );
  });

  it('countChangeTest rejects negative counts and two zeros', () => {
    expect(() => countChangeTest(-1, 3)).toThrow('countChangeTest requires counts ≥ 0');
    expect(() => countChangeTest(0, 0)).toThrow('countChangeTest requires c1 + c2 > 0');
  });
});
