import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORACLE_DIR } from '../../test/oracles.ts';
import { normalCdf } from './normal.ts';
import { createSeededRandom, seedState, xoshiro128, type SeededRandom } from './seeded-random.ts';

/** Python re-implementation and scipy.stats: see test/fixtures/oracles/seeded-random.py. */
const oracle = JSON.parse(readFileSync(`${ORACLE_DIR}seeded-random.json`, 'utf8')) as {
  xoshiro_1234: number[];
  seed_states: Record<string, number[]>;
  seed42_uint32: number[];
  seed42_uniform: number[];
  seed2024_normal: number[];
  seed99_gamma: Array<{ shape: number; value: number }>;
  distributions: Array<{
    name: 'normal' | 'gamma' | 'chiSquare';
    param: number | null;
    mean: number;
    var: number;
    probs: number[];
    ppf: number[];
    pdf: number[];
  }>;
};

const take = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('xoshiro128', () => {
  it('xoshiro128([1, 2, 3, 4]) gives the C reference’s first outputs', () => {
    const next = xoshiro128([1, 2, 3, 4]);
    expect(take(8, next)).toEqual(oracle.xoshiro_1234);
  });

  it('xoshiro128 rejects an all-zero or malformed state', () => {
    const message = 'xoshiro128 requires a state of four 32-bit words, not all 0';
    expect(() => xoshiro128([0, 0, 0, 0])).toThrow(message);
    expect(() => xoshiro128([1, 2, 3])).toThrow(message);
    expect(() => xoshiro128([1, 2, 3, 2 ** 32])).toThrow(message);
  });
});

describe('seedState', () => {
  it.each(Object.entries(oracle.seed_states))(
    'seedState(%s) matches the Python SplitMix32',
    (seed, state) => {
      expect(seedState(Number(seed))).toEqual(state);
    },
  );
});

describe('createSeededRandom', () => {
  it('createSeededRandom(42) gives the Python re-implementation’s outputs and uniforms', () => {
    expect(take(8, createSeededRandom(42).uint32)).toEqual(oracle.seed42_uint32);
    expect(take(6, createSeededRandom(42).uniform)).toEqual(oracle.seed42_uniform);
  });

  it('createSeededRandom(2024).normal() and (99).gamma() match the Python re-implementation', () => {
    const normal = createSeededRandom(2024);
    take(6, normal.normal).forEach((z, i) => expect(z).toBeCloseTo(oracle.seed2024_normal[i]!, 12));
    const gamma = createSeededRandom(99);
    for (const { shape, value } of oracle.seed99_gamma) {
      expect(gamma.gamma(shape)).toBeCloseTo(value, 12);
    }
  });

  it('createSeededRandom: the same seed repeats its stream, generators share no state', () => {
    const a = createSeededRandom(7);
    const b = createSeededRandom(7);
    const c = createSeededRandom(8);
    const fromA = take(50, () => a.normal() + a.gamma(0.7));
    createSeededRandom(7).uniform(); // a third generator of the same seed changes nothing
    const fromB = take(50, () => b.normal() + b.gamma(0.7));
    expect(fromB).toEqual(fromA);
    expect(take(50, () => c.normal() + c.gamma(0.7))).not.toEqual(fromA);
  });

  /**
   * 100,000 draws per distribution with a fixed seed. Tolerance: 4.5 Monte-Carlo standard
   * errors for each check — mean √(σ²/N), variance √((m₄ − s⁴)/N) with the sample's fourth
   * central moment, quantile √(p(1−p)/N)/f(Q(p)) with scipy's density. Over the ~60 checks a
   * correct generator would fail for fewer than 1 seed in 1,000; the fixed seed makes the
   * test deterministic.
   */
  it.each(oracle.distributions)(
    'createSeededRandom: $name($param) draws have scipy’s mean, variance and quantiles',
    ({ name, param, mean, var: variance, probs, ppf, pdf }) => {
      const random: SeededRandom = createSeededRandom(20_240_611);
      const draw =
        name === 'normal'
          ? random.normal
          : name === 'gamma'
            ? () => random.gamma(param!)
            : () => random.chiSquare(param!);
      const n = 100_000;
      const x = Float64Array.from({ length: n }, draw);
      const m = x.reduce((s, v) => s + v, 0) / n;
      let m2 = 0;
      let m4 = 0;
      for (const v of x) {
        m2 += (v - m) ** 2;
        m4 += (v - m) ** 4;
      }
      m2 /= n;
      m4 /= n;
      expect(Math.abs(m - mean)).toBeLessThan(4.5 * Math.sqrt(variance / n));
      expect(Math.abs(m2 - variance)).toBeLessThan(4.5 * Math.sqrt((m4 - m2 * m2) / n));
      x.sort();
      probs.forEach((p, i) => {
        const empirical = x[Math.floor(p * (n - 1))]!;
        const se = Math.sqrt((p * (1 - p)) / n) / pdf[i]!;
        expect(Math.abs(empirical - ppf[i]!)).toBeLessThan(4.5 * se);
      });
    },
  );

  /**
   * Kolmogorov–Smirnov distance of 100,000 uniforms and of 100,000 normals from their CDFs,
   * below 1.95/√N (the 0.001 critical value), and the lag-1 correlation of consecutive draws
   * (which would show a Box–Muller pair reused) below 4.5/√N.
   */
  it.each([
    ['uniform', (r: SeededRandom) => r.uniform(), (x: number) => Math.min(1, Math.max(0, x))],
    ['normal', (r: SeededRandom) => r.normal(), normalCdf],
  ] as const)(
    'createSeededRandom: %s draws follow their CDF and are serially uncorrelated',
    (_, draw, cdf) => {
      const random = createSeededRandom(31_337);
      const n = 100_000;
      const x = Float64Array.from({ length: n }, () => draw(random));
      const mean = x.reduce((s, v) => s + v, 0) / n;
      let lagged = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        squares += (x[i]! - mean) ** 2;
        if (i > 0) lagged += (x[i]! - mean) * (x[i - 1]! - mean);
      }
      expect(Math.abs(lagged / squares)).toBeLessThan(4.5 / Math.sqrt(n));
      const sorted = Float64Array.from(x).sort();
      let distance = 0;
      sorted.forEach((v, i) => {
        const f = cdf(v);
        distance = Math.max(distance, (i + 1) / n - f, f - i / n);
      });
      expect(distance).toBeLessThan(1.95 / Math.sqrt(n));
    },
  );

  it('createSeededRandom: uniforms lie in [0, 1)', () => {
    const random = createSeededRandom(3);
    expect(take(100_000, random.uniform).every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('createSeededRandom rejects a fractional seed, and its gamma a shape ≤ 0', () => {
    expect(() => createSeededRandom(0.5)).toThrow('createSeededRandom requires an integer seed');
    expect(() => createSeededRandom(1).gamma(0)).toThrow('gamma requires shape > 0');
    expect(() => createSeededRandom(1).chiSquare(-1)).toThrow('chiSquare requires df > 0');
  });
});
