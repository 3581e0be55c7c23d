import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReviews } from '../src/build/review-data.ts';
import { comparablePoints, measureRuns, trendsOf } from '../src/figures/trends.ts';
import { buildHeadline } from '../src/views/HeadlineGrid/build-headline.ts';
import { buildSite, type BuildResult } from './build-site.ts';
import { baseManifest, SURVEY_HEADER, writeSnapshot } from './snapshot-builder.ts';

/**
 * Two quarters of 200 responses; the second asks satisfaction on `scale` (its answers the first's
 * times `factor`) with `topBox` boxes. The first quarter's CSAT is 40%, the second's 40% when
 * its top boxes hold the same answers.
 */
function writeTwoQuarters(scale: [number, number], factor: number, topBox?: number): string {
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
  return dataDir;
}

async function twoQuarters(scale: [number, number], factor: number, topBox?: number) {
  const dataDir = writeTwoQuarters(scale, factor, topBox);
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
    // The Trends and group pages keep every period's value; a line starts at each break.
    const csat = review.history.series.csat!;
    expect(csat.breaks).toEqual(['2026-Q2']);
    expect(csat.overall.map((p) => p.snapshot)).toEqual(['2026-Q1', '2026-Q2']);
    expect(comparablePoints(csat.overall, csat.breaks).map((p) => p.snapshot)).toEqual(['2026-Q2']);
    expect(measureRuns(csat.overall, csat.breaks).map((run) => run.map((p) => p.snapshot))).toEqual(
      [['2026-Q1'], ['2026-Q2']],
    );
    expect(review.history.series.nps!.breaks).toEqual([]);
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

describe('measureRuns(points, breaks)', () => {
  const points = ['a', 'b', 'c', 'd', 'e'].map((snapshot) => ({ snapshot }));
  const runs = (breaks: string[]) =>
    measureRuns(points, breaks).map((run) => run.map((p) => p.snapshot).join(''));

  it('cuts a series at each period that measured its metric otherwise', () => {
    expect(runs([])).toEqual(['abcde']);
    expect(runs(['c'])).toEqual(['ab', 'cde']);
    expect(runs(['b', 'e'])).toEqual(['a', 'bcd', 'e']);
    // A break at the first point, or at a period the series lacks, cuts nothing.
    expect(runs(['a', 'z'])).toEqual(['abcde']);
  });

  it('keeps every point, in order: the runs joined are the series', () => {
    for (const breaks of [[], ['b'], ['b', 'd'], ['a', 'c', 'e']])
      expect(runs(breaks).join('')).toBe('abcde');
  });

  it('the comparable points are the last run', () => {
    expect(comparablePoints(points, ['b', 'd']).map((p) => p.snapshot)).toEqual(['d', 'e']);
  });
});

describe('the Trends page of a metric measured otherwise from one period on', () => {
  let build: BuildResult;
  let csat: string;
  let group: string;
  beforeAll(() => {
    const dataDir = writeTwoQuarters([2, 10], 2);
    build = buildSite(dataDir, mkdtempSync(join(tmpdir(), 'review-reports-')), {
      REVIEW_DRAFTS: '1',
    });
    const page = readFileSync(join(build.outDir, 'trends/index.html'), 'utf8');
    csat = /<section id="trend-csat"[^>]*>([\s\S]*?)<\/section>/.exec(page)?.[1] ?? '';
    const [dimension] = readdirSync(join(build.outDir, 'segments'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    group = readFileSync(join(build.outDir, 'segments', dimension!, 'a/index.html'), 'utf8');
  });

  it('draws the line from the new measure and the earlier values in a chart of their own', () => {
    expect(build.code, build.output).toBe(0);
    expect(csat).toContain('data-measured-since');
    expect(csat).toContain('Measured as now since Q2 2026');
    expect(csat).toContain('their values are under it, as then measured.');
    const [current, earlier] = csat.split('<details class="earlier-measure"');
    // Each chart's table lists its periods: the line's has Q2 only, the earlier chart Q1 only.
    const periods = (html: string) =>
      [...html.matchAll(/<th scope="row"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(periods(current!)).toEqual(['Q2 2026']);
    expect(earlier).toContain('data-earlier-measure');
    // Under the label of its own period: satisfaction was asked on 1–5 then.
    expect(earlier).toContain('CSAT, 4–5 of 1–5');
    expect(earlier).toContain('As measured in Q1 2026');
    expect(periods(earlier!)).toEqual(['Q1 2026']);
  });

  it("draws a group's earlier measure apart too, and marks where its table's measure changes", () => {
    // Named in the note: a group page has no heading per metric.
    expect(group).toContain(
      'Customer satisfaction (CSAT, 9–10 of 2–10): measured as now since Q2 2026',
    );
    expect(group).toContain('data-earlier-measure');
    const row = /<tr data-metric="csat">([\s\S]*?)<\/tr>/.exec(group)?.[1] ?? '';
    const cells = [...row.matchAll(/<td([^>]*)>/g)].map((m) =>
      m[1]!.includes('data-measure-starts'),
    );
    expect(cells).toEqual([false, true]);
    expect(/<tr data-metric="nps">([\s\S]*?)<\/tr>/.exec(group)?.[1]).not.toContain(
      'data-measure-starts',
    );
    expect(group).toMatch(/data-measure-changes>[^<]*CSAT, 9–10 of 2–10\): from Q2 2026/);
  });
});
