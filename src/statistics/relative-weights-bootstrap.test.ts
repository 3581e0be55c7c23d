import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORACLE_DIR } from '../../test/oracles.ts';
import { quantileInterval, quantileOfCounts } from './quantile-interval.ts';
import {
  relativeWeightsBootstrap,
  relativeWeightsDraws,
  type RelativeWeightsDraws,
} from './relative-weights-bootstrap.ts';
import { johnsonWeights } from './relative-weights.ts';

interface Summary {
  mean: number;
  mean_mc_se: number;
  sd: number;
  sd_mc_se: number;
  p025: number;
  p025_mc_se: number;
  p975: number;
  p975_mc_se: number;
}
/** numpy row-wise bootstrap: see test/fixtures/oracles/relative-weights-bootstrap.py. */
const oracle = JSON.parse(readFileSync(`${ORACLE_DIR}relative-weights-bootstrap.json`, 'utf8')) as {
  cases: Array<{
    name: string;
    n: number;
    matrix: number[][];
    replicates: number;
    weights: Summary[];
    r2: Summary;
  }>;
};
const fiveDrivers = new Matrix(oracle.cases[0]!.matrix);

/** The same statistics as the numpy script, with their Monte-Carlo standard errors. */
function summary(draws: Float64Array): Summary {
  const b = draws.length;
  const mean = draws.reduce((s, v) => s + v, 0) / b;
  const sd = Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (b - 1));
  const m4 = draws.reduce((s, v) => s + (v - mean) ** 4, 0) / b;
  const counts = { values: draws, counts: new Float64Array(b).fill(1) };
  const p025 = quantileInterval(counts, 0.025);
  const p975 = quantileInterval(counts, 0.975);
  return {
    mean,
    mean_mc_se: sd / Math.sqrt(b),
    sd,
    sd_mc_se: Math.sqrt((m4 - sd ** 4) / (4 * sd * sd * b)),
    p025: p025.value,
    p025_mc_se: p025.se,
    p975: p975.value,
    p975_mc_se: p975.se,
  };
}

const seriesOf = (draws: RelativeWeightsDraws) => [...draws.weights, draws.r2];

describe('relativeWeightsBootstrap', () => {
  /**
   * The two bootstraps agree in distribution only (Wishart draws here, normal rows there), so
   * each statistic must agree within 4.5 combined Monte-Carlo standard errors,
   * 4.5·√(se_ts² + se_numpy²): the mean's sd/√B, the sd's delta-method SE and a percentile's
   * order-statistic SE (quantileInterval). 4,000 replicates here against numpy's 40,000 make
   * the bound 5–6% of the bootstrap SE for the sd itself and 7–31% of one SE for the 2.5 and
   * 97.5 percentiles (tail order statistics are noisy). Over 40 other seeds the 1,920 scaled
   * differences had mean square 1.03 (1 if the two agree in distribution); over the 24
   * checks of a case a correct bootstrap would fail for about 1 seed in 6,000.
   */
  it.each(oracle.cases)(
    'relativeWeightsDraws($name, n = $n) agrees with numpy’s row bootstrap within Monte-Carlo error',
    ({ n, matrix, weights, r2 }) => {
      const draws = relativeWeightsDraws(new Matrix(matrix), n, { replicates: 4000, seed: 7 });
      seriesOf(draws).forEach((series, j) => {
        const ts = summary(series);
        const ref = j < weights.length ? weights[j]! : r2;
        for (const key of ['mean', 'sd', 'p025', 'p975'] as const) {
          const se = key === 'mean' ? 'mean_mc_se' : key === 'sd' ? 'sd_mc_se' : `${key}_mc_se`;
          const tolerance = 4.5 * Math.hypot(ts[se as keyof Summary], ref[se as keyof Summary]);
          expect(Math.abs(ts[key] - ref[key]), `${j} ${key}`).toBeLessThan(tolerance);
        }
      });
    },
  );

  it('relativeWeightsBootstrap with the default 500 replicates gives numpy’s SE within Monte-Carlo error', () => {
    const ref = oracle.cases[0]!;
    const result = relativeWeightsBootstrap(fiveDrivers, ref.n);
    const draws = relativeWeightsDraws(fiveDrivers, ref.n);
    [...result.weights, result.r2].forEach((s, j) => {
      const expected = j < ref.weights.length ? ref.weights[j]! : ref.r2;
      const own = summary(seriesOf(draws)[j]!);
      expect(s.se).toBeCloseTo(own.sd, 15);
      expect(Math.abs(s.se - expected.sd)).toBeLessThan(
        4.5 * Math.hypot(own.sd_mc_se, expected.sd_mc_se),
      );
    });
    expect(result.replicates).toBe(500);
  });

  it('relativeWeightsBootstrap: shares of R² are each weight over R², replicate by replicate', () => {
    const result = relativeWeightsBootstrap(fiveDrivers, 300, { replicates: 200, seed: 3 });
    const draws = relativeWeightsDraws(fiveDrivers, 300, { replicates: 200, seed: 3 });
    result.shares.forEach((share, j) => {
      expect(share.estimate).toBeCloseTo(result.weights[j]!.estimate / result.r2.estimate, 12);
      const mean = draws.weights[j]!.reduce((s, w, b) => s + w / draws.r2[b]!, 0) / 200;
      const sd = Math.sqrt(
        draws.weights[j]!.reduce((s, w, b) => s + (w / draws.r2[b]! - mean) ** 2, 0) / 199,
      );
      expect(share.se).toBeCloseTo(sd, 12);
    });
    expect(result.shares.reduce((s, x) => s + x.estimate, 0)).toBeCloseTo(1, 12);
  });

  it('relativeWeightsBootstrap: estimates are johnsonWeights of the matrix, intervals the 2.5/97.5 percentiles', () => {
    const result = relativeWeightsBootstrap(fiveDrivers, 300, { replicates: 200, seed: 3 });
    const draws = relativeWeightsDraws(fiveDrivers, 300, { replicates: 200, seed: 3 });
    const { weights, r2 } = johnsonWeights(fiveDrivers);
    expect(result.weights.map((w) => w.estimate)).toEqual(weights);
    expect(result.r2.estimate).toBe(r2);
    seriesOf(draws).forEach((series, j) => {
      const s = j < weights.length ? result.weights[j]! : result.r2;
      const counts = { values: series, counts: new Float64Array(series.length).fill(1) };
      expect(s.lower).toBe(quantileOfCounts(counts, 0.025));
      expect(s.upper).toBe(quantileOfCounts(counts, 0.975));
    });
  });

  it('relativeWeightsBootstrap is deterministic for a seed and changes with it', () => {
    const run = (seed?: number) => {
      const { weights, r2 } = relativeWeightsBootstrap(fiveDrivers, 120, { replicates: 50, seed });
      return { weights, r2 };
    };
    const a = run(11);
    expect(run(11)).toEqual(a);
    expect(run(12).r2.se).not.toBe(a.r2.se);
    expect(run(undefined)).toEqual(run(1));
    expect(relativeWeightsBootstrap(fiveDrivers, 120, { replicates: 50 }).seed).toBe(1);
  });

  it('relativeWeightsDraws of a covariance matrix are those of its correlation matrix', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 50, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 1, max: 1000 }),
        (sd, seed) => {
          const cov = new Matrix(6, 6);
          for (let i = 0; i < 6; i++) {
            for (let j = 0; j < 6; j++) cov.set(i, j, fiveDrivers.get(i, j) * sd[i]! * sd[j]!);
          }
          const fromCov = relativeWeightsDraws(cov, 80, { replicates: 5, seed });
          const fromCorr = relativeWeightsDraws(fiveDrivers, 80, { replicates: 5, seed });
          seriesOf(fromCov).forEach((series, j) =>
            series.forEach((v, b) => expect(v).toBeCloseTo(seriesOf(fromCorr)[j]![b]!, 9)),
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('relativeWeightsDraws: each replicate’s weights are non-negative and sum to its R² ≤ 1', () => {
    const draws = relativeWeightsDraws(fiveDrivers, 40, { replicates: 300, seed: 5 });
    draws.r2.forEach((r2, b) => {
      const sum = draws.weights.reduce((s, w) => s + w[b]!, 0);
      expect(Math.abs(sum - r2)).toBeLessThan(1e-12);
      expect(r2).toBeLessThanOrEqual(1);
      draws.weights.forEach((w) => expect(w[b]).toBeGreaterThanOrEqual(0));
    });
  });

  it('relativeWeightsBootstrap rejects too few responses, an indefinite matrix, too few replicates', () => {
    expect(() => relativeWeightsBootstrap(fiveDrivers, 6)).toThrow(
      'relativeWeightsBootstrap requires n ≥ 7 (drivers + 2)',
    );
    const indefinite = new Matrix([
      [1, 0.9, 0.1],
      [0.9, 1, 0.9],
      [0.1, 0.9, 1],
    ]);
    expect(() => relativeWeightsBootstrap(indefinite, 50)).toThrow(
      'relativeWeightsBootstrap requires a positive-definite matrix',
    );
    expect(() =>
      relativeWeightsBootstrap(
        new Matrix([
          [1, 0.5],
          [0.4, 1],
        ]),
        50,
      ),
    ).toThrow('relativeWeightsBootstrap requires a symmetric matrix of at least 2 variables');
    expect(() => relativeWeightsDraws(fiveDrivers, 50, { replicates: 1 })).toThrow(
      'relativeWeightsDraws requires at least 2 replicates',
    );
    expect(() => relativeWeightsBootstrap(fiveDrivers, 50, { replicates: 2.5 })).toThrow(
      'relativeWeightsBootstrap requires at least 2 replicates',
    );
  });
});
