import { readFileSync } from 'node:fs';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { ORACLE_DIR } from '../../test/oracles.ts';
import { createSeededRandom } from './seeded-random.ts';
import { wishartSampler } from './wishart.ts';

/** scipy.stats.wishart and chi2: see test/fixtures/oracles/wishart.py. */
const oracle = JSON.parse(readFileSync(`${ORACLE_DIR}wishart.json`, 'utf8')) as {
  cases: Array<{
    name: string;
    scale: number[][];
    df: number;
    mean: number[][];
    var: number[][];
    probs: number[];
    chi2_ppf: number[];
    chi2_pdf: number[];
  }>;
};

describe('wishartSampler', () => {
  /**
   * 20,000 draws with a fixed seed. Tolerance: 4.5 Monte-Carlo standard errors per check —
   * an entry's mean √(var/N) with scipy's variance, its variance √((m₄ − s⁴)/N) with the
   * sample's fourth central moment, a quantile of W_ii/Σ_ii (χ²(df) for every i)
   * √(p(1−p)/N)/f(Q(p)). Over the ~34 checks of a case, a correct sampler would fail for
   * about 1 seed in 4,000; the fixed seed makes the test deterministic.
   */
  it.each(oracle.cases)(
    'wishartSampler($name) has scipy.stats.wishart’s mean and variance of every entry',
    ({ scale, df, mean, var: variance, probs, chi2_ppf, chi2_pdf }) => {
      const k = scale.length;
      const draw = wishartSampler(new Matrix(scale), df);
      const random = createSeededRandom(1933);
      const n = 20_000;
      const draws = Array.from({ length: n }, () => draw(random));
      for (let i = 0; i < k; i++) {
        for (let j = 0; j <= i; j++) {
          const x = draws.map((w) => w[i * k + j]!);
          expect(draws[0]![j * k + i]).toBe(x[0]); // symmetric
          const m = x.reduce((s, v) => s + v, 0) / n;
          const m2 = x.reduce((s, v) => s + (v - m) ** 2, 0) / n;
          const m4 = x.reduce((s, v) => s + (v - m) ** 4, 0) / n;
          expect(Math.abs(m - mean[i]![j]!)).toBeLessThan(4.5 * Math.sqrt(variance[i]![j]! / n));
          expect(Math.abs(m2 - variance[i]![j]!)).toBeLessThan(4.5 * Math.sqrt((m4 - m2 * m2) / n));
        }
      }
      for (const i of [0, k - 1]) {
        const sorted = Float64Array.from(draws, (w) => w[i * k + i]! / scale[i]![i]!).sort();
        probs.forEach((p, t) => {
          const se = Math.sqrt((p * (1 - p)) / n) / chi2_pdf[t]!;
          expect(Math.abs(sorted[Math.floor(p * (n - 1))]! - chi2_ppf[t]!)).toBeLessThan(4.5 * se);
        });
      }
    },
  );

  it('wishartSampler draws are symmetric positive definite and repeat for a seed', () => {
    const draw = wishartSampler(new Matrix(oracle.cases[0]!.scale), 4.5);
    const first = Array.from(
      { length: 200 },
      (
        (r) => () =>
          draw(r)
      )(createSeededRandom(5)),
    );
    const again = Array.from(
      { length: 200 },
      (
        (r) => () =>
          draw(r)
      )(createSeededRandom(5)),
    );
    expect(again).toEqual(first);
    for (const w of first) {
      const m = Matrix.from1DArray(4, 4, w);
      expect(m.isSymmetric()).toBe(true);
      expect(new CholeskyDecomposition(m).isPositiveDefinite()).toBe(true);
    }
  });

  it('wishartSampler rejects df ≤ k − 1, an asymmetric or indefinite scale', () => {
    const identity = Matrix.eye(3);
    expect(() => wishartSampler(identity, 2)).toThrow('wishartSampler requires df > k − 1');
    expect(() =>
      wishartSampler(
        new Matrix([
          [1, 0.5],
          [0.4, 1],
        ]),
        5,
      ),
    ).toThrow('wishartSampler requires a square symmetric scale');
    expect(() =>
      wishartSampler(
        new Matrix([
          [1, 2],
          [2, 1],
        ]),
        5,
      ),
    ).toThrow('wishartSampler requires a positive-definite scale');
  });
});
