import { describe, expect, it } from 'vitest';
import type { ReviewFigures } from '../contracts/figures-schema.ts';
import { historyOf, measureBreaks, REVIEW_TREND_PERIODS, trendsOf, withTrends } from './trends.ts';

/**
 * A period's figures with one metric, the mean of the effort item, at `value`, asked on `scale`
 * (null: not asked that period). Only what trends read.
 */
function period(i: number, scale: [number, number] | null = [1, 7]): ReviewFigures {
  const overall = { value: i, lower: i - 1, upper: i + 1, n: 100, base: 'reportable' };
  const item = { id: 'effort', label: 'Effort', scale, topBox: 2, role: 'effort', component: null };
  return {
    id: `p${i}`,
    period: `P${i}`,
    metrics: scale ? { ces: { overall, segments: {}, change: null } } : {},
    catalog: scale ? { ces: { entry: 'ces', item: 'effort', kind: 'mean' } } : {},
    questionnaire: { items: scale ? [item] : [], indexItems: [], drivers: [] },
    currency: null,
    segments: {},
    trends: {},
  } as unknown as ReviewFigures;
}

describe('trends', () => {
  const reviews = Array.from({ length: 20 }, (_, i) => period(i));

  it('give a review its metrics over its last periods only, its own the last', () => {
    const latest = withTrends(reviews[19]!, reviews).trends.ces!;
    expect(latest.map((p) => p.period)).toEqual(
      reviews.slice(20 - REVIEW_TREND_PERIODS).map((r) => r.period),
    );
    expect(latest.at(-1)!.value).toBe(19);
    const early = withTrends(reviews[2]!, reviews).trends.ces!;
    expect(early.map((p) => p.period)).toEqual(['P0', 'P1', 'P2']);
  });

  it('keep the whole history for the trends page', () => {
    expect(historyOf(reviews).series.ces!.overall).toHaveLength(20);
  });

  it('start a new series where a metric is measured otherwise than when it was last measured', () => {
    // Asked on 1–7, not asked for a period, asked again on 1–5: the gap does not hide the change.
    const gap = [period(0), period(1), period(2, null), period(3, [1, 5]), period(4, [1, 5])];
    expect(measureBreaks(gap)('ces')).toEqual(['p3']);
    expect(historyOf(gap).series.ces!.breaks).toEqual(['p3']);
    expect(trendsOf(gap, ['ces']).ces!.map((p) => p.snapshot)).toEqual(['p3', 'p4']);
    // Asked again on the same scale, the series goes on across the gap.
    const same = [period(0), period(1, null), period(2)];
    expect(measureBreaks(same)('ces')).toEqual([]);
    expect(trendsOf(same, ['ces']).ces!.map((p) => p.snapshot)).toEqual(['p0', 'p1', 'p2']);
    // Periods next to each other break where the scale changes.
    expect(measureBreaks([period(0), period(1, [0, 10])])('ces')).toEqual(['p1']);
  });
});
