import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORACLE_DIR } from '../../test/oracles.ts';
import { zForConfidence } from './normal.ts';
import { quantileInterval, quantileOfCounts, type QuantileInterval } from './quantile-interval.ts';

interface Result extends Omit<QuantileInterval, 'n'> {
  q: number;
  confidence: number;
  n: number;
}
interface Case {
  name: string;
  values: number[];
  counts: number[];
  results: Result[];
}
/** numpy/scipy reference: see test/fixtures/oracles/quantiles.py. */
const oracle = JSON.parse(readFileSync(`${ORACLE_DIR}quantiles.json`, 'utf8')) as {
  cases: Case[];
  fractional: Case[];
  differences: Array<{
    a: { value: number; se: number };
    b: { value: number; se: number };
    delta: number;
    z: number;
    p: number;
  }>;
};

const rows = (cases: Case[]) =>
  cases.flatMap((c) => c.results.map((r) => ({ ...r, name: c.name, histogram: c })));

/** Type 7 on an explicitly sorted sample, written out separately from the module. */
function typeSevenOfSample(sample: number[], q: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length
    ? sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!)
    : sorted[lo]!;
}

const histogramArb = fc
  .array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 12 })), {
    minLength: 1,
    maxLength: 15,
  })
  .filter((pairs) => pairs.reduce((s, [, c]) => s + c, 0) >= 1)
  .map((pairs) => ({ values: pairs.map(([v]) => v / 4), counts: pairs.map(([, c]) => c) }));

/** A quantile's level q, anywhere in [0, 1]. */
const qArb = fc.double({ min: 0, max: 1, noNaN: true });

/** A confidence level from 50% to 99.9%. */
const confidenceArb = fc.double({ min: 0.5, max: 0.999, noNaN: true });

describe('quantileOfCounts', () => {
  it.each(rows(oracle.cases))(
    'quantileOfCounts($name, $q) matches numpy.quantile of the expanded sample',
    ({ histogram, q, value }) => {
      expect(quantileOfCounts(histogram, q)).toBeCloseTo(value, 9);
    },
  );

  it.each(rows(oracle.fractional))(
    'quantileOfCounts($name, $q) with fractional counts follows the documented convention',
    ({ histogram, q, value }) => {
      expect(quantileOfCounts(histogram, q)).toBeCloseTo(value, 9);
    },
  );

  it('quantileOfCounts of whole counts is type 7 of the expanded sample, from a Map or arrays', () => {
    fc.assert(
      fc.property(histogramArb, qArb, (h, q) => {
        const sample = h.values.flatMap((v, i) => Array<number>(h.counts[i]!).fill(v));
        const map = new Map<number, number>();
        h.values.forEach((v, i) => map.set(v, (map.get(v) ?? 0) + h.counts[i]!));
        const expected = typeSevenOfSample(sample, q);
        expect(quantileOfCounts(h, q)).toBeCloseTo(expected, 12);
        expect(quantileOfCounts(map, q)).toBe(quantileOfCounts(h, q));
      }),
    );
  });

  it('quantileOfCounts is non-decreasing in q and stays within [min, max]', () => {
    fc.assert(
      fc.property(histogramArb, qArb, qArb, (h, q1, q2) => {
        const present = h.values.filter((_, i) => h.counts[i]! > 0);
        const [lo, hi] = [Math.min(q1, q2), Math.max(q1, q2)];
        const a = quantileOfCounts(h, lo);
        const b = quantileOfCounts(h, hi);
        return a <= b + 1e-12 && a >= Math.min(...present) && b <= Math.max(...present);
      }),
    );
  });

  it('quantileOfCounts rejects empty histograms, bad counts and q outside [0, 1]', () => {
    expect(() => quantileOfCounts(new Map([[1, 0.5]]), 0.5)).toThrow(
      'quantileOfCounts requires n ≥ 1',
    );
    expect(() => quantileOfCounts(new Map([[1, 3]]), 1.5)).toThrow(
      'quantileOfCounts requires 0 ≤ q ≤ 1',
    );
    expect(() => quantileOfCounts(new Map([[1, -1]]), 0.5)).toThrow(
      'quantileOfCounts requires finite counts ≥ 0',
    );
    expect(() => quantileOfCounts({ values: [1, 2], counts: [1] }, 0.5)).toThrow(
      'quantileOfCounts requires values and counts of the same length',
    );
  });
});

describe('quantileInterval', () => {
  it.each(rows([...oracle.cases, ...oracle.fractional]))(
    'quantileInterval($name, $q, $confidence) matches the order statistics numpy sorts',
    ({ histogram, q, confidence, n, value, lower, upper, se, lowerRank, upperRank }) => {
      const r = quantileInterval(histogram, q, confidence);
      expect(r.n).toBe(n);
      expect([r.lowerRank, r.upperRank]).toEqual([lowerRank, upperRank]);
      expect([r.lower, r.upper]).toEqual([lower, upper]);
      expect(r.value).toBeCloseTo(value, 9);
      expect(r.se).toBeCloseTo(se, 9);
    },
  );

  it('quantileInterval widens with the confidence and keeps lower ≤ upper', () => {
    fc.assert(
      fc.property(histogramArb, qArb, confidenceArb, confidenceArb, (h, q, c1, c2) => {
        const narrow = quantileInterval(h, q, Math.min(c1, c2));
        const wide = quantileInterval(h, q, Math.max(c1, c2));
        return (
          narrow.lower <= narrow.upper &&
          narrow.se >= 0 &&
          wide.lower <= narrow.lower &&
          wide.upper >= narrow.upper
        );
      }),
    );
  });

  it('quantileInterval contains quantileOfCounts whenever z√(nq(1−q)) ≥ 1 − q', () => {
    fc.assert(
      fc.property(histogramArb, qArb, fc.constantFrom(0.8, 0.9, 0.95, 0.99), (h, q, confidence) => {
        const r = quantileInterval(h, q, confidence);
        fc.pre(zForConfidence(confidence) * Math.sqrt(r.n * q * (1 - q)) >= 1 - q);
        return r.lower <= r.value + 1e-12 && r.value <= r.upper + 1e-12;
      }),
    );
  });

  it('quantileInterval rejects an empty histogram', () => {
    expect(() => quantileInterval(new Map(), 0.5)).toThrow('quantileInterval requires n ≥ 1');
  });
});
