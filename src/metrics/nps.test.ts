import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reference } from '../../test/oracles.ts';
import { compareEstimates } from './change.ts';
import { addToHistogram, createHistogram } from '../reducing/histogram.ts';
import { nps, npsFromCounts } from './nps.ts';

const noBase = { suppress: 0, flag: 0 };

function histogramOf(scores: number[]) {
  const h = createHistogram(0, 10);
  for (const s of scores) addToHistogram(h, s);
  return h;
}

describe('nps', () => {
  it('nps(histogram) reproduces the scipy reference value and both intervals', () => {
    const ref = reference.nps_small;
    const r = npsFromCounts(ref);
    expect(r.nps).toBeCloseTo(ref.nps, 9);
    expect(r.wald[0]).toBeCloseTo(ref.wald[0], 9);
    expect(r.wald[1]).toBeCloseTo(ref.wald[1], 9);
    expect(r.adjustedWald[0]).toBeCloseTo(ref.adjusted_wald[0], 9);
    expect(r.adjustedWald[1]).toBeCloseTo(ref.adjusted_wald[1], 9);
    const e = nps(histogramOf(ref.scores), noBase);
    expect(e.value).toBeCloseTo(ref.nps, 9);
    expect(e.lower).toBeCloseTo(ref.adjusted_wald[0], 9);
    expect(e.upper).toBeCloseTo(ref.adjusted_wald[1], 9);
    expect(e.n).toBe(ref.n);
  });

  it('npsFromCounts reproduces the two-group references', () => {
    for (const ref of [reference.nps_difference.a, reference.nps_difference.b]) {
      const r = npsFromCounts(ref);
      expect(r.nps).toBeCloseTo(ref.nps, 9);
      expect(r.adjustedWald[0]).toBeCloseTo(ref.adjusted_wald[0], 9);
      expect(r.adjustedWald[1]).toBeCloseTo(ref.adjusted_wald[1], 9);
      expect(r.wald[0]).toBeCloseTo(ref.wald[0], 9);
    }
  });

  it('compareEstimates(nps) reproduces the NPS-difference z-test', () => {
    const { a, b, z, p_two_sided } = reference.nps_difference;
    const toEstimate = (c: typeof a) => {
      const r = npsFromCounts(c);
      return {
        value: r.nps,
        lower: null,
        upper: null,
        se: r.se,
        n: c.n,
        nEffective: c.n,
        missing: 0,
        base: 'ok' as const,
      };
    };
    const change = compareEstimates(toEstimate(b), toEstimate(a), 'nps')!;
    expect(change.statistic).toBeCloseTo(z, 9);
    expect(change.p).toBeCloseTo(p_two_sided, 9);
    expect(change.significant).toBe(true);
  });

  it('nps(histogram) ignores missing answers and counts them', () => {
    const h = histogramOf([10, 9, 0]);
    addToHistogram(h, undefined);
    const e = nps(h, noBase);
    expect(e.n).toBe(3);
    expect(e.missing).toBe(1);
    expect(e.value).toBeCloseTo((100 * (2 - 1)) / 3, 12);
  });

  it('nps(histogram) suppresses a base under 30 and flags one under 100', () => {
    expect(nps(histogramOf(Array(29).fill(9))).value).toBeNull();
    expect(nps(histogramOf(Array(29).fill(9))).base).toBe('suppressed');
    expect(nps(histogramOf(Array(30).fill(9))).base).toBe('indicative');
    expect(nps(histogramOf(Array(100).fill(9))).base).toBe('ok');
  });

  it('npsFromCounts throws on an empty sample', () => {
    expect(() => npsFromCounts({ promoters: 0, passives: 0, detractors: 0 })).toThrow(
      'nps requires at least one response',
    );
  });

  it('the adjusted-Wald interval always contains the adjusted point and stays in [-100, 100]', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), (p, q, d) => {
        fc.pre(p + q + d > 0);
        const r = npsFromCounts({ promoters: p, passives: q, detractors: d });
        const adjusted = (100 * (p + 0.75 - (d + 0.75))) / (p + q + d + 3);
        return (
          r.adjustedWald[0] <= adjusted + 1e-9 &&
          adjusted <= r.adjustedWald[1] + 1e-9 &&
          r.adjustedWald[0] >= -100 &&
          r.adjustedWald[1] <= 100
        );
      }),
    );
  });
});
