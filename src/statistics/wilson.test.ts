import { describe, expect, it } from 'vitest';
import { reference } from '../../test/oracles.ts';
import { compareEstimates } from '../metrics/change.ts';
import { twoProportionTest } from './two-proportion-test.ts';
import { addToHistogram, createHistogram } from '../reducing/histogram.ts';
import { topBox } from '../metrics/top-box.ts';
import { wilson } from './wilson.ts';

describe('wilson', () => {
  it.each(reference.wilson_examples)(
    'wilson($k, $n) matches statsmodels',
    ({ k, n, wilson: ref }) => {
      const [lower, upper] = wilson(k, n);
      expect(lower).toBeCloseTo(ref[0], 10);
      expect(upper).toBeCloseTo(ref[1], 10);
    },
  );

  it('wilson(k, 0) throws', () => {
    expect(() => wilson(0, 0)).toThrow('wilson requires n > 0');
  });
});

describe('topBox', () => {
  it('topBox(histogram) gives the top-2-box share in % with the Wilson interval', () => {
    const ref = reference.wilson_examples.find((w) => w.n === 600)!;
    const h = createHistogram(1, 5);
    for (let i = 0; i < ref.n; i++) addToHistogram(h, i < ref.k ? (i % 2 ? 4 : 5) : (i % 3) + 1);
    const e = topBox(h);
    expect(e.value).toBeCloseTo(100 * ref.p, 10);
    expect(e.lower).toBeCloseTo(100 * ref.wilson[0], 8);
    expect(e.upper).toBeCloseTo(100 * ref.wilson[1], 8);
  });

  it('topBox uses the top points of any declared scale (5–7 of 1–7 with boxes = 3)', () => {
    const h = createHistogram(1, 7);
    for (const v of [1, 4, 5, 6, 7]) addToHistogram(h, v);
    expect(topBox(h, 3, { suppress: 0, flag: 0 }).value).toBeCloseTo(60, 12);
  });
});

describe('twoProportionTest', () => {
  it('twoProportionTest reproduces the pooled z-test reference', () => {
    const { k1, n1, k2, n2, z, p_two_sided } = reference.two_proportion_z;
    const r = twoProportionTest(k1, n1, k2, n2);
    expect(r.z).toBeCloseTo(z, 9);
    expect(r.p).toBeCloseTo(p_two_sided, 9);
  });

  it('compareEstimates(proportion) runs the same test on percentage estimates', () => {
    const { k1, n1, k2, n2, z, p_two_sided } = reference.two_proportion_z;
    const est = (k: number, n: number) => ({
      value: (100 * k) / n,
      lower: null,
      upper: null,
      se: 1,
      n,
      nEffective: n,
      missing: 0,
      base: 'ok' as const,
    });
    const change = compareEstimates(est(k1, n1), est(k2, n2), 'proportion')!;
    expect(change.statistic).toBeCloseTo(z, 9);
    expect(change.p).toBeCloseTo(p_two_sided, 9);
  });
});
