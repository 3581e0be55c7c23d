import { describe, expect, it } from 'vitest';
import type { ReviewFigures } from '../contracts/figures-schema.ts';
import { historyOf, REVIEW_TREND_PERIODS, withTrends } from './trends.ts';

/** A period's figures with one metric, nps, at `value` (only what trends read). */
function period(i: number): ReviewFigures {
  const overall = { value: i, lower: i - 1, upper: i + 1, n: 100, base: 'reportable' };
  return {
    id: `p${i}`,
    period: `P${i}`,
    metrics: { nps: { overall, segments: {}, change: null } },
    catalog: { nps: {} },
    segments: {},
    trends: {},
  } as unknown as ReviewFigures;
}

describe('trends', () => {
  const reviews = Array.from({ length: 20 }, (_, i) => period(i));

  it('give a review its metrics over its last periods only, its own the last', () => {
    const latest = withTrends(reviews[19]!, reviews).trends.nps!;
    expect(latest.map((p) => p.period)).toEqual(
      reviews.slice(20 - REVIEW_TREND_PERIODS).map((r) => r.period),
    );
    expect(latest.at(-1)!.value).toBe(19);
    const early = withTrends(reviews[2]!, reviews).trends.nps!;
    expect(early.map((p) => p.period)).toEqual(['P0', 'P1', 'P2']);
  });

  it('keep the whole history for the trends page', () => {
    expect(historyOf(reviews).series.nps!.overall).toHaveLength(20);
  });
});
