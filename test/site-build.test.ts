import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, copyFixtureSite, FIXTURE_SITE, type BuildResult } from './build-site.ts';

interface FiguresJson {
  snapshot: {
    metrics: Record<
      string,
      { overall: { value: number | null; lower: number | null; upper: number | null } }
    >;
  };
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

/** The headline card of a metric: its value and interval as the reader sees them. */
function headlineCard(html: string, metric: string): { value: string; interval: string } {
  const card = new RegExp(`<article[^>]*data-metric="${metric}"[\\s\\S]*?</article>`).exec(html);
  if (!card) throw new Error(`no headline card for ${metric}`);
  const value = /data-value[^>]*>([^<]*)</.exec(card[0])?.[1]?.trim() ?? '';
  const interval = /data-interval[^>]*>([^<]*)</.exec(card[0])?.[1]?.trim() ?? '';
  return { value, interval };
}

const oneDecimal = (x: number, unit = '') => `${x.toFixed(1)}${unit}`;

describe('the built fixture site', () => {
  let build: BuildResult;
  beforeAll(() => {
    build = buildSite(join(FIXTURE_SITE, 'data'), join(FIXTURE_SITE, 'reports'));
  });

  it('builds with exit code 0 and writes the home page and one page per report', () => {
    expect(build.code, build.output).toBe(0);
    for (const page of [
      'index.html',
      'reports/index.html',
      'reports/2026-Q1/index.html',
      'reports/2026-Q2/index.html',
      'reports/2026-Q2/v1/index.html',
    ]) {
      expect(existsSync(join(build.outDir, page)), page).toBe(true);
    }
  });

  it('each report page shows NPS, CSAT and the index with intervals matching its figures JSON', () => {
    for (const period of ['2026-Q1', '2026-Q2']) {
      const html = readFileSync(join(build.outDir, `reports/${period}/index.html`), 'utf8');
      const json = JSON.parse(
        readFileSync(join(build.outDir, `reports/${period}/v1/figures.json`), 'utf8'),
      ) as FiguresJson;
      for (const [metric, unit] of [
        ['nps', ''],
        ['csat', '%'],
        ['index', ''],
      ] as const) {
        const e = json.snapshot.metrics[metric]!.overall;
        const card = headlineCard(html, metric);
        expect(card.value).toBe(oneDecimal(e.value!, unit));
        expect(card.interval).toBe(`${e.lower!.toFixed(1)}–${e.upper!.toFixed(1)}${unit}`);
      }
    }
  });

  it('the CSV download holds the same overall NPS as the JSON', () => {
    const csv = readFileSync(join(build.outDir, 'reports/2026-Q2/v1/figures.csv'), 'utf8').split(
      '\n',
    );
    const header = csv[0]!.split(',');
    const row = csv.find((line) => line.startsWith('nps,'))!.split(',');
    const json = JSON.parse(
      readFileSync(join(build.outDir, 'reports/2026-Q2/v1/figures.json'), 'utf8'),
    ) as FiguresJson;
    expect(Number(row[header.indexOf('value')])).toBeCloseTo(
      json.snapshot.metrics.nps!.overall.value!,
      9,
    );
  });

  it('the home page lists the reviews newest first and shows the latest headline', () => {
    const html = readFileSync(join(build.outDir, 'index.html'), 'utf8');
    const body = text(html);
    expect(body.indexOf('Fixture review, Q2 2026')).toBeLessThan(
      body.lastIndexOf('Fixture review, Q1 2026'),
    );
    expect(html).toContain('data-metric="nps"');
  });

  it('a segment under the minimum base is suppressed, not shown', () => {
    const html = readFileSync(join(build.outDir, 'reports/2026-Q2/index.html'), 'utf8');
    const row = /<tr data-level="Gamma">[\s\S]*?<\/tr>/.exec(html)![0];
    expect(text(row)).toContain('too few');
    expect(row).not.toMatch(/data-base="ok"/);
  });
});

describe('building bad data', () => {
  it('a corrupted cell fails the build with file, row and column, and writes no pages', () => {
    const site = copyFixtureSite();
    const file = join(site.dataDir, '2026-Q2/survey.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const cells = lines[5]!.split(',');
    cells[4] = '42';
    lines[5] = cells.join(',');
    writeFileSync(file, lines.join('\n'));
    const result = buildSite(site.dataDir, site.reportsDir);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/2026-Q2\/survey\.csv:6:Recommend \(0-10\)/);
    expect(result.output).toContain('out-of-scale');
    expect(existsSync(join(result.outDir, 'index.html'))).toBe(false);
  });

  it('changing a snapshot that a published report pins fails the build and says how to publish a new version', () => {
    const site = copyFixtureSite();
    const file = join(site.dataDir, '2026-Q1/survey.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Late delivery', 'Late deliverz'));
    const result = buildSite(site.dataDir, site.reportsDir);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('reports/2026-Q1/v1.mdx');
    expect(result.output).toContain('new version');
    expect(existsSync(join(result.outDir, 'index.html'))).toBe(false);
  });
});
