import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORACLE_DIR, reference as oracle } from '../../test/oracles.ts';
import { compareEstimates } from './change.ts';
import type { Estimate } from '../contracts/figures-schema.ts';

/** scipy's intervals of differences (test/fixtures/oracles/change-intervals.py). */
const reference = JSON.parse(readFileSync(`${ORACLE_DIR}change-intervals.json`, 'utf8')) as {
  welch: Array<{
    current: { mean: number; se: number; n: number };
    previous: { mean: number; se: number; n: number };
    t: number;
    p: number;
    ci: [number, number];
  }>;
  proportions: Array<{ k1: number; n1: number; k2: number; n2: number; ci: [number, number] }>;
  nps: { delta: number; ci: [number, number] };
};

const nps = oracle.nps_difference;

/** An estimate with what the tests read: value, SE and effective base. */
function estimate(value: number, se: number, n: number): Estimate {
  return { value, lower: null, upper: null, se, n, nEffective: n, missing: 0, base: 'ok' };
}

describe('compareEstimates: the interval of the difference', () => {
  it("equals scipy's Welch interval, and excludes 0 exactly when the test is significant", () => {
    for (const r of reference.welch) {
      const change = compareEstimates(
        estimate(r.current.mean, r.current.se, r.current.n),
        estimate(r.previous.mean, r.previous.se, r.previous.n),
        'mean',
      )!;
      expect(change.statistic).toBeCloseTo(r.t, 9);
      expect(change.p).toBeCloseTo(r.p, 9);
      expect(change.ciLow).toBeCloseTo(r.ci[0], 9);
      expect(change.ciHigh).toBeCloseTo(r.ci[1], 9);
      expect(change.ciLow! > 0 || change.ciHigh! < 0).toBe(change.significant);
    }
  });

  it('equals the unpooled interval of two proportions, in percentage points', () => {
    for (const r of reference.proportions) {
      const change = compareEstimates(
        estimate((100 * r.k1) / r.n1, 1, r.n1),
        estimate((100 * r.k2) / r.n2, 1, r.n2),
        'proportion',
      )!;
      expect(change.ciLow).toBeCloseTo(r.ci[0], 9);
      expect(change.ciHigh).toBeCloseTo(r.ci[1], 9);
    }
  });

  it('equals the z interval of two NPS from their standard errors', () => {
    const { a, b } = nps;
    // Each NPS's SE from its Wald interval: the half-width over scipy's z for 95%.
    const se = (g: typeof a) => (g.wald[1] - g.wald[0]) / (2 * 1.959963984540054);
    const change = compareEstimates(
      estimate(b.nps, se(b), b.n),
      estimate(a.nps, se(a), a.n),
      'nps',
    )!;
    expect(change.delta).toBeCloseTo(reference.nps.delta, 9);
    expect(change.ciLow).toBeCloseTo(reference.nps.ci[0], 9);
    expect(change.ciHigh).toBeCloseTo(reference.nps.ci[1], 9);
    expect(change.ciLow! > 0).toBe(change.significant);
  });
});

describe('compareEstimates without the interval', () => {
  it('gives the same test and no interval', () => {
    const [a, b] = [estimate(5.2, 0.2, 40), estimate(5, 0.2, 55)];
    const { ciLow, ciHigh, ...test } = compareEstimates(a, b, 'mean')!;
    expect([ciLow, ciHigh].every(Number.isFinite)).toBe(true);
    expect(compareEstimates(a, b, 'mean', 0.05, false)).toEqual(test);
  });
});
