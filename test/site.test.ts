import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  hasChromium,
  launchBrowser,
  NO_CHROMIUM_REASON,
  serious,
} from './browser.ts';
import { serveStatic } from '../src/cli/static-server.ts';
import { newReport, publishReport } from '../src/cli/report-workflow.ts';
import { nodeEffects } from '../src/cli/cli-support.ts';
import { loadReviews } from '../src/build/review-data.ts';
import type { ReviewFigures } from '../src/contracts/figures-schema.ts';
import { REGISTRY } from '../src/metrics/registry/index.ts';
import { buildSite, copyFixtureSite, FIXTURE_SITE, ROOT, type BuildResult } from './build-site.ts';

/** The figures download of a report version (the figures its page shows). */
interface FiguresJson {
  figures: ReviewFigures;
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

// The page writes negatives with a typographic minus and "to" between negative bounds.
const oneDecimal = (x: number, unit = '') => `${x.toFixed(1).replace('-', '\u2212')}${unit}`;
const interval = (lower: number, upper: number, unit = '') =>
  `${oneDecimal(lower)}${lower < 0 || upper < 0 ? ' to ' : '–'}${oneDecimal(upper)}${unit}`;

// One build shared by every test in this file, hosted under a sub-path to prove `base` works.
const BASE = '/reviews/';
let build: BuildResult;
beforeAll(() => {
  build = buildSite(join(FIXTURE_SITE, 'data'), join(FIXTURE_SITE, 'reports'), { SITE_BASE: BASE });
});

describe('the built fixture site', () => {
  it('the methodology page defines every entry of the metric registry', () => {
    const html = readFileSync(join(build.outDir, 'methodology/index.html'), 'utf8');
    const listed = [...html.matchAll(/data-entry="([^"]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual(REGISTRY.map((e) => e.id));
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
        const e = json.figures.metrics[metric]!.overall;
        const card = headlineCard(html, metric);
        expect(card.value).toBe(oneDecimal(e.value!, unit));
        expect(card.interval).toBe(interval(e.lower!, e.upper!, unit));
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
      json.figures.metrics.nps!.overall.value!,
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

  it('no personal data reaches dist/, and a comment with markup is escaped, never executed', () => {
    const files = listTree(build.outDir).filter((f) => /\.(html|json|csv|js)$/.test(f));
    for (const file of files) {
      const content = readFileSync(join(build.outDir, file), 'utf8');
      expect(content, file).not.toContain('jane.doe@example.com');
      expect(content, file).not.toContain('7946 0958');
      // Downloads are data (the text is the customer's words); pages must never carry it as markup.
      if (/\.(html|js)$/.test(file))
        expect(content, file).not.toContain('<script>alert(1)</script>');
    }
    const html = readFileSync(join(build.outDir, 'reports/2026-Q2/index.html'), 'utf8');
    expect(html).toContain(
      'Website checkout failed: write to [email] or call [phone] &lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });

  it("the report's methodology section shows every data warning of its figures, by kind, as text", () => {
    const html = readFileSync(join(build.outDir, 'reports/2026-Q2/index.html'), 'utf8');
    const json = JSON.parse(
      readFileSync(join(build.outDir, 'reports/2026-Q2/v1/figures.json'), 'utf8'),
    ) as FiguresJson;
    const warnings = json.figures.warnings;
    expect(warnings.length).toBeGreaterThan(0);
    const decode = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&amp;/g, '&');
    const items = [...html.matchAll(/<li data-warning="([^"]+)"[^>]*>([\s\S]*?)<\/li>/g)].map(
      (m) => [m[1], decode(text(m[2]!).trim())],
    );
    // Each warning of the figures (fewer than the cap per kind here) is a line of its kind.
    expect(items).toHaveLength(warnings.length);
    for (const w of warnings)
      expect(items.some(([id, line]) => id === w.id && line!.includes(w.message))).toBe(true);
    for (const id of new Set(warnings.map((w) => w.id))) {
      const count = warnings.filter((w) => w.id === id).length;
      const heading = new RegExp(`data-warning-kind="${id}"[^>]*>\\s*<h4[^>]*>([^<]*)<`).exec(html);
      expect(heading?.[1]?.trim()).toMatch(new RegExp(`\\(${count}\\)$`));
    }
  });

  it('a segment under the minimum base is suppressed, not shown', () => {
    const html = readFileSync(join(build.outDir, 'reports/2026-Q2/index.html'), 'utf8');
    const row = /<tr data-level="Gamma">[\s\S]*?<\/tr>/.exec(html)![0];
    expect(text(row)).toContain('too few');
    expect(row).not.toMatch(/data-base="ok"/);
  });
});

describe('deterministic output', () => {
  it('two builds of the same inputs give byte-identical trees', () => {
    const again = buildSite(join(FIXTURE_SITE, 'data'), join(FIXTURE_SITE, 'reports'), {
      SITE_BASE: BASE,
    });
    expect(again.code, again.output).toBe(0);
    const first = listTree(build.outDir);
    expect(listTree(again.outDir)).toEqual(first);
    const different = first.filter(
      (file) =>
        !readFileSync(join(build.outDir, file)).equals(readFileSync(join(again.outDir, file))),
    );
    expect(different).toEqual([]);
  });
});

describe('page weight', () => {
  it('a report page loads at most 150 KB of compressed JavaScript and CSS', () => {
    const html = readFileSync(join(build.outDir, 'reports/2026-Q2/index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    const files = new Set<string>(assets.map((a) => join(build.outDir, a.replace(BASE, ''))));
    // Chart code is split into chunks imported by the entry script: count those too.
    for (const file of [...files]) {
      if (!file.endsWith('.js')) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(
        /from\s*"\.\/([^"]+\.js)"|import\("\.\/([^"]+\.js)"\)/g,
      )) {
        files.add(join(build.outDir, '_astro', (m[1] ?? m[2])!));
      }
    }
    const gzipped = [...files].reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);
    expect(gzipped).toBeLessThanOrEqual(150 * 1024);
  });
});

describe('the demo site', () => {
  it('a scaffolded draft of the latest demo quarter builds without edits and shows every section, the planted decline and last quarter’s actions', async () => {
    const work = mkdtempSync(join(tmpdir(), 'demo-site-'));
    cpSync(join(ROOT, 'data'), join(work, 'data'), { recursive: true });
    cpSync(join(ROOT, 'reports'), join(work, 'reports'), { recursive: true });
    rmSync(join(work, 'reports/2026-Q3'), { recursive: true });
    const review = await loadReviews(join(work, 'data'), work);
    newReport(review, '2026-Q3', join(work, 'reports'), {
      ...nodeEffects,
      today: () => '2026-10-20',
      out: () => {},
    });
    const result = buildSite(join(work, 'data'), join(work, 'reports'), { REVIEW_DRAFTS: '1' });
    expect(result.code, result.output).toBe(0);
    const html = readFileSync(join(result.outDir, 'reports/2026-Q3/index.html'), 'utf8');
    const sections = [...html.matchAll(/<h2 id="[^"]*">([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(sections).toEqual([
      'Executive summary',
      'Scorecard by customer group',
      'Quality components',
      'Trends',
      'Drivers of satisfaction',
      'Voice of the customer',
      'Competitor comparison and brand',
      'Behaviour and value',
      'Service and complaints',
      'Root causes',
      'Improvement actions',
      'Methodology',
    ]);
    const decline = /<li data-finding="decline:nps:customer_group=SMB"[\s\S]*?<\/li>/.exec(html);
    expect(decline, 'the planted SMB decline is a root-cause finding').not.toBeNull();
    expect(text(decline![0])).toMatch(
      /nps-z, statistic −?-?\d+\.\d+, p = 0\.\d+, adjusted p = 0\.0\d+ \(Holm/,
    );
    const followUp = [
      ...html.matchAll(/<tr data-action="(A-2026-0[345])">[\s\S]*?<td data-after>([^<]*)<\/td>/g),
    ];
    expect(followUp.map((m) => m[1])).toEqual(['A-2026-03', 'A-2026-04', 'A-2026-05']);
    for (const m of followUp) expect(m[2]).toMatch(/\d/);
    expect(html).toContain('badge draft');
  });
});

describe('building bad data', () => {
  it('a correction published as a new version builds, and the site keeps both versions', async () => {
    const site = copyFixtureSite();
    const file = join(site.dataDir, '2026-Q1/survey.csv');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/,10,Very satisfied/, ',3,Very satisfied'),
    );
    expect(buildSite(site.dataDir, site.reportsDir).code).not.toBe(0);
    const review = await loadReviews(site.dataDir, site.dataDir);
    const fx = { ...nodeEffects, today: () => '2026-05-01', out: () => {} };
    const draft = newReport(review, '2026-Q1', site.reportsDir, fx);
    expect(draft).toMatch(/2026-Q1\/v2\.mdx$/);
    publishReport(review, '2026-Q1', site.reportsDir, fx);
    const result = buildSite(site.dataDir, site.reportsDir);
    expect(result.code, result.output).toBe(0);
    const archive = readFileSync(join(result.outDir, 'reports/index.html'), 'utf8');
    expect(archive).toContain('reports/2026-Q1/v1/');
    expect(archive).toContain('reports/2026-Q1/v2/');
    const oldJson = JSON.parse(
      readFileSync(join(result.outDir, 'reports/2026-Q1/v1/figures.json'), 'utf8'),
    ) as FiguresJson;
    const newJson = JSON.parse(
      readFileSync(join(result.outDir, 'reports/2026-Q1/v2/figures.json'), 'utf8'),
    ) as FiguresJson;
    const frozen = JSON.parse(
      readFileSync(join(FIXTURE_SITE, 'reports/2026-Q1/v1.figures.json'), 'utf8'),
    ) as ReviewFigures;
    expect(oldJson.figures).toEqual(frozen);
    expect(newJson.figures.metrics.nps!.overall.value).toBeLessThan(
      oldJson.figures.metrics.nps!.overall.value!,
    );
    const latest = readFileSync(join(result.outDir, 'reports/2026-Q1/index.html'), 'utf8');
    expect(latest).toContain('data-version="2"');
    expect(latest).toContain('What changed in the headline figures between versions');
    const npsRow = /<tr data-metric="nps">([\s\S]*?)<\/tr>/.exec(
      latest.slice(latest.indexOf('version-diff')),
    )![1]!;
    expect(text(npsRow)).toContain(oneDecimal(oldJson.figures.metrics.nps!.overall.value!));
    expect(text(npsRow)).toContain(oneDecimal(newJson.figures.metrics.nps!.overall.value!));
  });

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

const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

describe.skipIf(!hasChromium)(
  `the built site in Chromium${hasChromium ? '' : ` (${NO_CHROMIUM_REASON})`}`,
  () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof serveStatic>>;
    beforeAll(async () => {
      expect(build.code, build.output).toBe(0);
      mkdirSync(SCREENSHOTS, { recursive: true });
      server = await serveStatic(build.outDir, BASE);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('a reader goes from the home page to the latest report and sees the figures of its JSON', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('response', (r) => {
        if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(server.url);
      await Promise.all([
        page.waitForURL(/reports\/2026-Q2\/$/, { timeout: 5000 }),
        page.getByRole('link', { name: 'Read the full review' }).click({ timeout: 5000 }),
      ]);
      const json = JSON.parse(
        readFileSync(join(build.outDir, 'reports/2026-Q2/v1/figures.json'), 'utf8'),
      ) as FiguresJson;
      const nps = json.figures.metrics.nps!.overall;
      const shown = await page
        .locator('article[data-metric="nps"] [data-value]')
        .textContent({ timeout: 5000 });
      expect(shown?.trim()).toBe(oneDecimal(nps.value!));
      await page
        .locator('figure[data-trend][data-drawn="true"]')
        .first()
        .waitFor({ timeout: 5000 });
      await page.screenshot({ path: join(SCREENSHOTS, 'report-desktop.png'), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });

    it('the report page passes axe in the dark theme too', async () => {
      const context = await browser.newContext({
        colorScheme: 'dark',
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      await page.goto(`${server.url}reports/2026-Q2/`);
      const violations = await axeViolations(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'report-dark.png'), fullPage: true });
      expect(serious(violations)).toEqual([]);
      await context.close();
    });

    it('search finds a report by a word of its text', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}search/`);
      const input = page.locator('#search input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill('Fixture');
      const result = page.locator('.pagefind-ui__result-link').first();
      await result.waitFor({ timeout: 10_000 });
      expect(await result.getAttribute('href')).toMatch(/reports\/2026-Q[12]\//);
      await page.screenshot({ path: join(SCREENSHOTS, 'search-results.png'), fullPage: true });
      await page.close();
    });

    it('the trends, group, methodology and data pages show their content', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}trends/`);
      expect(await page.locator('figure[data-trend]').count()).toBeGreaterThanOrEqual(3);
      await page.goto(`${server.url}segments/group/beta/`);
      expect(await page.locator('h1').textContent()).toBe('Beta');
      expect(await page.locator('tr[data-metric="nps"] td').count()).toBe(2);
      await page.goto(`${server.url}methodology/`);
      expect(await page.locator('#metric-nps').textContent()).toContain('Net Promoter Score');
      await page.goto(`${server.url}data/`);
      const csv = await page.locator('a[href$="all-periods.csv"]').getAttribute('href');
      expect(csv).toBe(`${BASE}data/all-periods.csv`);
      await page.close();
    });

    it('a comment containing a script tag renders as text', async () => {
      const page = await browser.newPage();
      let alerted = false;
      page.on('dialog', async (dialog) => {
        alerted = true;
        await dialog.dismiss();
      });
      await page.goto(`${server.url}reports/2026-Q2/`);
      const quotes = await page.locator('.verbatims blockquote').allTextContents();
      expect(
        quotes.some((q) => q.includes('<script>alert(1)</script>') && q.includes('[email]')),
      ).toBe(true);
      expect(alerted).toBe(false);
      await page.close();
    });

    it('without JavaScript the trend reads as a table and a summary', async () => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 390, height: 844 },
      });
      const page = await context.newPage();
      await page.goto(`${server.url}reports/2026-Q2/`);
      const rows = page.locator('figure[data-trend] table tbody tr');
      expect(await rows.count()).toBe(2);
      expect(await page.locator('figure[data-trend] figcaption').textContent()).toContain(
        'Net Promoter Score went from',
      );
      expect(await page.locator('.chart-box').first().isVisible()).toBe(false);
      await page.screenshot({ path: join(SCREENSHOTS, 'report-phone-nojs.png'), fullPage: true });
      await context.close();
    });

    it('keyboard focus starts at the skip link and reaches the report links in order', async () => {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        'Skip to content',
      );
      const order: string[] = [];
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        order.push((await page.evaluate(() => document.activeElement?.textContent?.trim())) ?? '');
      }
      expect(order.slice(0, 3)).toEqual([
        'Customer satisfaction reviews',
        'Latest review',
        'All reviews',
      ]);
      await page.close();
    });

    it('npm run pdf writes a PDF per published version whose first page shows the title and headline figures', async () => {
      const run = spawnSync(
        join(ROOT, 'node_modules/.bin/node'),
        ['src/cli/pdf.ts', '--dist', build.outDir, '--base', BASE],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
      for (const period of ['2026-Q1', '2026-Q2']) {
        const pdf = join(build.outDir, 'pdf', `${period}-v1.pdf`);
        expect(existsSync(pdf), pdf).toBe(true);
        const text = await firstPageText(pdf);
        const json = JSON.parse(
          readFileSync(join(build.outDir, `reports/${period}/v1/figures.json`), 'utf8'),
        ) as FiguresJson;
        expect(text).toContain(`Fixture review, ${period.slice(5)} 2026`);
        expect(text).toContain('Net Promoter Score');
        expect(text).toContain(oneDecimal(json.figures.metrics.nps!.overall.value!));
      }
    });

    it.each([
      ['home', ''],
      ['archive', 'reports/'],
      ['report', 'reports/2026-Q2/'],
      ['version', 'reports/2026-Q1/v1/'],
      ['trends', 'trends/'],
      ['groups', 'segments/'],
      ['group', 'segments/group/beta/'],
      ['methodology', 'methodology/'],
      ['data', 'data/'],
      ['search', 'search/'],
    ])('axe finds no serious or critical violations on the %s page', async (name, path) => {
      for (const [width, label] of [
        [1280, 'desktop'],
        [390, 'phone'],
      ] as const) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.goto(`${server.url}${path}`);
        const violations = await axeViolations(page);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
        expect(serious(violations)).toEqual([]);
        await page.close();
      }
    });
  },
);

async function firstPageText(path: string): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)) }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
  await doc.destroy();
  return text.replace(/\s+/g, ' ');
}

function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listTree(dir, path) : [path];
    })
    .sort();
}
