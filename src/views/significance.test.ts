import { describe, expect, it } from 'vitest';
import { CSAT } from '../../test/metric-infos.ts';
import { buildEstimateCell } from './EstimateCell/build-estimate-cell.ts';
import { readDifference, SIGNIFICANCE_WORDS, testDetail, testLabel } from './significance.ts';

const csat = CSAT;
const change = (delta: number, significant: boolean) => ({
  delta,
  statistic: delta,
  p: significant ? 0.01 : 0.4,
  significant,
  test: 'two-proportion-z' as const,
});

describe('readDifference', () => {
  it('says a real change in words, with its mark and whether it is good news', () => {
    expect(readDifference(csat, { delta: -4.2 }, true)).toEqual({
      words: SIGNIFICANCE_WORDS.drop,
      mark: '▼',
      tone: 'bad',
      indicative: false,
    });
    expect(readDifference({ direction: 'lower-is-better' }, { delta: 3 }, true)).toMatchObject({
      words: SIGNIFICANCE_WORDS.rise,
      mark: '▲',
      tone: 'bad',
    });
    expect(readDifference(csat, { delta: 2 }, true, false, 'gap').words).toBe('a real difference');
  });

  it('gives a change within normal variation no mark, whatever its size', () => {
    expect(readDifference(csat, { delta: -9 }, false, true)).toEqual({
      words: 'within normal variation',
      mark: null,
      tone: 'neutral',
      indicative: false,
    });
  });
});

describe('the estimate cell', () => {
  it('never shows a suppressed value, interval or difference', () => {
    const cell = buildEstimateCell(
      csat,
      { value: null, lower: null, upper: null, n: 16, base: 'suppressed' },
      change(-5, true),
      'en-GB',
    );
    expect(cell).toMatchObject({ value: null, interval: null, change: null, vsRest: null, n: 16 });
  });

  it('carries the indicative caveat with every mark of a small base', () => {
    const vsRest = { ...change(22.7, true), pAdjusted: 0.04, significantAdjusted: true };
    const cell = buildEstimateCell(
      csat,
      { value: 78.6, lower: 66.6, upper: 87.2, n: 61, base: 'indicative' },
      change(15, true),
      'en-GB',
      { vsRest },
    );
    expect(cell.change!.reading).toMatchObject({ mark: '▲', indicative: true });
    expect(cell.vsRest!.reading).toMatchObject({ mark: '▲', indicative: true });
    // On an ok base the figures' flag brings the caveat (the other side of the test was small).
    const flagged = buildEstimateCell(
      csat,
      { value: 70, lower: 65, upper: 75, n: 300, base: 'ok' },
      change(6, true),
      'en-GB',
      { significantButIndicative: true },
    );
    expect(flagged.change!.reading.indicative).toBe(true);
  });

  it('shows the difference from the rest only when it is real', () => {
    const vsRest = { ...change(3, false), pAdjusted: 0.3, significantAdjusted: false };
    const cell = buildEstimateCell(
      csat,
      { value: 70, lower: 65, upper: 75, n: 300, base: 'ok' },
      null,
      'en-GB',
      { vsRest },
    );
    expect(cell.vsRest).toBeNull();
  });
});

describe('test names', () => {
  it('names each test in plain words for the disclosures', () => {
    expect(testLabel('welch-t')).toBe('Welch’s t-test');
    expect(testDetail({ name: 'two-proportion-z', p: 0.0213 })).toBe(
      'Two-proportion z-test, p = 0.021',
    );
    expect(testLabel('Pareto share')).toBe('Pareto share');
  });
});
