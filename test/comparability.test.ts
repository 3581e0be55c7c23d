import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReviews } from '../src/build/review-data.ts';
import { comparablePoints, trendsOf } from '../src/figures/trends.ts';
import { buildHeadline } from '../src/views/HeadlineGrid/build-headline.ts';
import { baseManifest, SURVEY_HEADER, writeSnapshot } from './snapshot-builder.ts';

/**
 * Two quarters of 200 responses; the second asks satisfaction on `scale` (its answers the first's
 * times `factor`) with `topBox` boxes. The first quarter's CSAT is 40%, the second's 40% when
 * its top boxes hold the same answers.
 */
async function twoQuarters(scale: [number, number], factor: number, topBox?: number) {
  const rows = (quarter: string, f: number) =>
    Array.from(
      { length: 200 },
      (_, i) =>
        `${quarter}-${i},${quarter === 'Q1' ? '2026-02-01' : '2026-05-01'},${i % 2 ? 'A' : 'B'},${i % 11},${((i % 5) + 1) * f},ok`,
    );
  const first = baseManifest('2026-Q1');
  const { dataDir } = writeSnapshot(
    {
      'survey.csv': [SURVEY_HEADER, ...rows('Q1', 1)].join('\n'),
    },
    first,
  );
  const second = baseManifest('2026-Q2');
  Object.assign(second, { period: 'Q2 2026', start: '2026-04-01', end: '2026-06-30' });
  (second.items as Record<string, Record<string, unknown>>).satisfaction = {
    scale,
    ...(topBox === undefined ? {} : { topBox }),
  };
  const dir = join(dataDir, '2026-Q2');
  mkdirSync(dir);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(second));
  writeFileSync(join(dir, 'survey.csv'), [SURVEY_HEADER, ...rows('Q2', factor)].join('\n'));
  return loadReviews(dataDir, dataDir);
}

describe('a change is measured only between periods that measure a metric alike', () => {
  it('the satisfaction question asked on another scale: no CSAT change, and a warning says so', async () => {
    const review = await twoQuarters([2, 10], 2);
    expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const q2 = review.reviews[1]!;
    expect(q2.metrics.csat!.overall.value).not.toBeNull();
    expect(q2.metrics.csat!.change).toBeNull();
    expect(q2.metrics.csat_mean!.change).toBeNull();
    expect(Object.values(q2.metrics.csat!.segments.group!).map((g) => g.change)).toEqual([
      null,
      null,
    ]);
    // The recommend question did not change: its change is measured.
    expect(q2.metrics.nps!.change).not.toBeNull();
    const warned = review.diagnostics.filter((d) => d.id === 'metric-redefined');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.file).toContain('2026-Q2/manifest.json');
    expect(warned[0]!.value).toContain('csat');
    expect(warned[0]!.message).toContain('satisfaction on 2–10');
    // Nothing is found in a change that was not measured.
    expect(q2.findings.some((f) => JSON.stringify(f).includes('"csat"'))).toBe(false);
    // The reader is told, and the trend starts where the measure does.
    const [card] = buildHeadline(q2, ['csat'], 'en-GB');
    expect(card!.change).toBeNull();
    expect(card!.notCompared).toBe(
      'Not compared with Q1 2026: measured otherwise then (another scale, top box or currency)',
    );
    expect(card!.sentence).toContain('not compared with Q1 2026');
    const trends = trendsOf(review.reviews, ['csat', 'nps']);
    expect(trends.csat!.map((p) => p.snapshot)).toEqual(['2026-Q2']);
    expect(trends.nps!.map((p) => p.snapshot)).toEqual(['2026-Q1', '2026-Q2']);
    // The Trends and group pages keep every period's value; their lines start at `since`.
    const csat = review.history.series.csat!;
    expect(csat.since).toBe('2026-Q2');
    expect(csat.overall.map((p) => p.snapshot)).toEqual(['2026-Q1', '2026-Q2']);
    expect(comparablePoints(csat.overall, csat.since).map((p) => p.snapshot)).toEqual(['2026-Q2']);
    expect(review.history.series.nps!.since).toBeNull();
  });

  it('another top box changes the share, not the mean', async () => {
    const review = await twoQuarters([1, 5], 1, 1);
    const q2 = review.reviews[1]!;
    expect(q2.metrics.csat!.change).toBeNull();
    expect(q2.metrics.csat_mean!.change).not.toBeNull();
  });

  it('the same questionnaire: every change is measured, and nothing is said', async () => {
    const review = await twoQuarters([1, 5], 1);
    const q2 = review.reviews[1]!;
    expect(q2.metrics.csat!.change).not.toBeNull();
    expect(q2.metrics.csat!.change!.delta).toBeCloseTo(0, 9);
    expect(q2.metrics.csat!.redefined).toBeUndefined();
    expect(buildHeadline(q2, ['csat'], 'en-GB')[0]!.notCompared).toBeNull();
    expect(review.diagnostics.filter((d) => d.id === 'metric-redefined')).toEqual([]);
  });
});
