/**
 * A questionnaire of its own: fourteen rated items with arbitrary ids and the export's labels,
 * on several scales (one with 0 as "not applicable", one with a top box of 1), a yes/no
 * outcome as the satisfaction item and an effort item on 1–5. The built report must show every
 * item under its label with the mean and top-box share computed here from the CSV.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManifestSchema } from '../src/contracts/manifest-schema.ts';
import { buildSite, ROOT, type BuildResult } from './build-site.ts';

const FIXTURE = join(ROOT, 'test/fixtures/open-questionnaire');
const manifest = ManifestSchema.parse(
  JSON.parse(readFileSync(join(FIXTURE, 'data/air-2026/manifest.json'), 'utf8')),
);
const rows = Papa.parse<Record<string, string>>(
  readFileSync(join(FIXTURE, 'data/air-2026/survey.csv'), 'utf8'),
  { header: true, skipEmptyLines: true },
).data;

/** The answers of an item as numbers: empty cells and "not applicable" codes left out. */
function answers(itemId: string): number[] {
  const item = manifest.items[itemId]!;
  const header = manifest.tables.survey!.columns[itemId] as string;
  return rows
    .map((r) => (r[header] ?? '').trim())
    .filter((v) => v !== '' && !item.notApplicable.includes(v))
    .map(Number);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const share = (xs: number[], from: number) =>
  (100 * xs.filter((x) => x >= from).length) / xs.length;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

let build: BuildResult;
let page: string;

beforeAll(() => {
  build = buildSite(join(FIXTURE, 'data'), join(FIXTURE, 'reports'), { REVIEW_DRAFTS: '1' });
  page = readFileSync(join(build.outDir, 'reports/air-2026/index.html'), 'utf8');
});

describe('a questionnaire of fourteen items of its own', () => {
  it('builds', () => {
    expect(build.code, build.output).toBe(0);
  });

  it('shows every attribute item under its own label with the mean and top-box share of its answers', () => {
    const attributes = Object.entries(manifest.items).filter(([, d]) => d.role === undefined);
    expect(attributes).toHaveLength(14);
    for (const [id, def] of attributes) {
      const row = new RegExp(`<tr[^>]*data-item="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(page)?.[1];
      expect(row, `row of ${id}`).toBeDefined();
      const xs = answers(id);
      const topBox = def.topBox ?? 2;
      expect(text(row!)).toContain(def.label!);
      // The cell's value, as <EstimateCell> writes it first in the cell.
      const value = (cell: string) =>
        new RegExp(`${cell}[^>]*>\\s*<span class="cell-value">([^<]+)<`).exec(row!)![1]!.trim();
      expect(value('data-share')).toBe(`${share(xs, def.scale[1] - topBox + 1).toFixed(1)}%`);
      expect(value('data-mean')).toBe(mean(xs).toFixed(2));
      expect(text(row!)).toContain(String(xs.length)); // n: the answers, N/A codes left out
    }
  });

  it('reads the yes/no satisfaction item as CSAT, a share with its Wilson interval', () => {
    const card = /<article[^>]*data-metric="csat"[^>]*>([\s\S]*?)<\/article>/.exec(page)![1]!;
    const yes = answers('satisfied');
    expect(/data-value[^>]*>\s*([^<]+?)\s*</.exec(card)![1]).toBe(`${share(yes, 1).toFixed(1)}%`);
    expect(text(card)).toContain(`n = ${yes.length}`);
  });

  it('names the effort item’s scale and its “easy” box from its own 1–5 scale', () => {
    const ease = answers('booking_ease');
    const ces = /<article[^>]*data-metric="ces"[^>]*>([\s\S]*?)<\/article>/.exec(page)![1]!;
    expect(text(ces)).toContain('Customer effort (mean, 1–5, higher = easier)');
    expect(/data-value[^>]*>\s*([^<]+?)\s*</.exec(ces)![1]).toBe(mean(ease).toFixed(2));
    const easy = /<article[^>]*data-metric="ces_agree"[^>]*>([\s\S]*?)<\/article>/.exec(page)![1]!;
    expect(text(easy)).toContain('4–5 of 1–5');
    expect(/data-value[^>]*>\s*([^<]+?)\s*</.exec(easy)![1]).toBe(`${share(ease, 4).toFixed(1)}%`);
  });

  it('places each driver, the effort item too, by its own top-box share', () => {
    const json = JSON.parse(
      readFileSync(join(build.outDir, 'reports/air-2026/v1/figures.json'), 'utf8'),
    ) as {
      figures: {
        drivers: { satisfaction: { grid: Array<{ driver: string; performance: number }> } };
      };
    };
    const grid = json.figures.drivers.satisfaction.grid;
    expect(grid.map((g) => g.driver).sort()).toEqual(
      ['booking_ease', 'cleanliness', 'entertainment', 'fare_value', 'onboard', 'seat'].sort(),
    );
    const ease = answers('booking_ease');
    expect(grid.find((g) => g.driver === 'booking_ease')!.performance).toBeCloseTo(
      share(ease, 4),
      9,
    );
    for (const g of grid) {
      const def = manifest.items[g.driver]!;
      if (def.role) continue;
      expect(g.performance, g.driver).toBeCloseTo(
        share(answers(g.driver), def.scale[1] - (def.topBox ?? 2) + 1),
        9,
      );
    }
  });
});
