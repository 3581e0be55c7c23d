/**
 * The Explore pages of the built demo site: what the build publishes (within budget, no row of
 * the data, no cell below the minimum base) and what a reader sees in Chromium — the same
 * figures as the build computed for the same selection, to 1e-9; the selection in the URL;
 * small groups refused; keyboard, screen reader and no-JavaScript use; screenshots.
 */
import { readFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../src/cli/static-server.ts';
import type { ExploreFigures, ExploreSelection } from '../src/figures/explore-figures.ts';
import { decodeExplorePeriod } from '../src/figures/explore-period.ts';
import { surveyCellSize, voiceSize } from '../src/reducing/explore-reducers.ts';
import {
  axeViolations,
  hasChromium,
  launchBrowser,
  NO_CHROMIUM_REASON,
  serious,
} from './browser.ts';
import { buildSite, ROOT, type BuildResult } from './build-site.ts';

/** Four pages loaded, screenshot and checked by axe in Chromium: 10–20 s on 2 cores. */
const FOUR_PAGES_WITH_AXE = 60_000;

interface Reference {
  query: string;
  selection: ExploreSelection;
  figures: ExploreFigures;
}

const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
const LATEST = '2026-Q3';
let build: BuildResult;
beforeAll(() => {
  build = buildSite(join(ROOT, 'data'), join(ROOT, 'reports'));
}, 300_000);

const dist = (path: string) => join(build.outDir, path);
const references = (path: string) =>
  (JSON.parse(readFileSync(dist(path), 'utf8')) as { references: Reference[] }).references;
const periods = () =>
  (
    JSON.parse(
      readFileSync(dist('explore/index.html'), 'utf8').match(
        /id="explore-config"[^>]*>([^<]*)</,
      )![1]!,
    ) as {
      periods: Array<{ id: string }>;
    }
  ).periods.map((p) => p.id);

/** The number at a path of the figures. */
function at(figures: ExploreFigures, path: string): unknown {
  let node: unknown = figures;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}

describe('what the build publishes for Explore', () => {
  it('builds a page, its data and its reference figures for every period', () => {
    expect(build.code, build.output).toBe(0);
    for (const id of periods())
      for (const file of ['index.html', 'states.json', 'reference.json'])
        expect(existsSync(dist(`explore/${id}/${file}`)), `${id}/${file}`).toBe(true);
  });

  it('ships at most 200 KB of gzipped data per review', () => {
    const sizes = periods().map(
      (id) => gzipSync(readFileSync(dist(`explore/${id}/states.json`))).length,
    );
    console.log(
      `Explore data per review, gzipped: ${sizes.map((s) => `${(s / 1024).toFixed(1)} KB`).join(', ')}`,
    );
    for (const size of sizes) expect(size).toBeLessThanOrEqual(200 * 1024);
  });

  it('publishes no cell below the minimum base, and no row, id or unredacted text of the data', () => {
    const survey = Papa.parse<Record<string, string>>(
      readFileSync(join(ROOT, `data/${LATEST}/survey.csv`), 'utf8'),
      { header: true, skipEmptyLines: true },
    ).data;
    for (const id of periods()) {
      const text = readFileSync(dist(`explore/${id}/states.json`), 'utf8');
      const period = decodeExplorePeriod(JSON.parse(text));
      const base = period.minimumBase.suppress;
      for (const { cell } of period.cells)
        expect(surveyCellSize(cell)).toBeGreaterThanOrEqual(base);
      for (const v of period.voice) expect(voiceSize(v.state)).toBeGreaterThanOrEqual(base);
      // Ids of the demo's customers (C000123), responses (R0001234), orders and tickets.
      expect(text).not.toMatch(/"[CROT]\d{6,7}"/);
      expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      if (id !== LATEST) continue;
      // The comments published are the redacted samples only: a handful, not the column.
      const comments = survey.map((r) => r.Comment).filter((c) => c && c.trim() !== '');
      const published = period.voice.flatMap((v) => Object.values(v.state.samples).flat());
      expect(published.length).toBeLessThan(comments.length / 3);
    }
  });
});

describe.skipIf(!hasChromium)(
  `the Explore page in Chromium${hasChromium ? '' : ` (${NO_CHROMIUM_REASON})`}`,
  () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof serveStatic>>;
    beforeAll(async () => {
      expect(build.code, build.output).toBe(0);
      mkdirSync(SCREENSHOTS, { recursive: true });
      server = await serveStatic(build.outDir, '/');
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Waits until the page shows the figures of its latest selection. */
    async function settled(page: Page): Promise<void> {
      await page.waitForFunction(
        () => {
          const results = document.getElementById('explore-results');
          const status = document.getElementById('explore-status');
          return results && !results.hasAttribute('aria-busy') && status?.textContent;
        },
        undefined,
        { timeout: 15_000 },
      );
    }

    /** Every figure the page shows: its path and full-precision value. */
    async function shownFigures(page: Page): Promise<Map<string, number>> {
      const pairs = await page.$$eval('#explore-results [data-figure]', (nodes) =>
        nodes.map((n) => [n.getAttribute('data-figure')!, Number(n.getAttribute('data-value'))]),
      );
      return new Map(pairs as Array<[string, number]>);
    }

    /** Selects through the form as a reader does: clears it, then ticks and chooses. */
    async function select(page: Page, selection: ExploreSelection, range: boolean): Promise<void> {
      await page.getByRole('button', { name: 'Clear the selection' }).click();
      if (range) {
        await page.selectOption('select[name="from-period"]', selection.periods[0]!);
        await page.selectOption('select[name="to-period"]', selection.periods.at(-1)!);
      }
      for (const [dimension, levels] of Object.entries(selection.levels)) {
        const group = page.locator(`fieldset[data-dimension="${dimension}"]`);
        for (const level of levels) await group.getByLabel(level, { exact: true }).check();
      }
      await settled(page);
    }

    function expectSameFigures(shown: Map<string, number>, figures: ExploreFigures): void {
      for (const [path, value] of shown) {
        const expected = at(figures, path);
        expect(typeof expected, path).toBe('number');
        expect(
          Math.abs(value - (expected as number)),
          `${path}: ${value} vs ${expected}`,
        ).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected as number)));
      }
    }

    it.each([
      [`explore/${LATEST}/`, false],
      ['explore/', true],
    ])(
      'on %s, selecting each reference selection through the form shows the build’s figures, and its URL reopens it',
      async (path, range) => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${server.url}${path}`);
        await settled(page);
        let compared = 0;
        for (const reference of references(`${path}reference.json`)) {
          await select(page, reference.selection, range);
          const shown = await shownFigures(page);
          if (reference.figures.status === 'ok') expect(shown.size).toBeGreaterThan(20);
          else expect(shown.size).toBe(0);
          expectSameFigures(shown, reference.figures);
          compared += shown.size;
          // The URL holds the selection: the same query, and opened anew, the same figures.
          expect(new URL(page.url()).search).toBe(reference.query);
          const again = await browser.newPage();
          await again.goto(`${server.url}${path}${reference.query}`);
          await settled(again);
          expect(await shownFigures(again)).toEqual(shown);
          await again.close();
        }
        console.log(`${path}: ${compared} figures compared with the build's`);
        expect(errors).toEqual([]);
        await page.close();
      },
      120_000,
    );

    it('a selection below the minimum base shows the suppression message and no number', async () => {
      const page = await browser.newPage();
      const small = references(`explore/${LATEST}/reference.json`).find(
        (r) => r.figures.status === 'empty',
      )!;
      expect(
        small,
        'the reference selections include a group below the minimum base',
      ).toBeDefined();
      await page.goto(`${server.url}explore/${LATEST}/${small.query}`);
      await settled(page);
      const notice = page.locator('#explore-results [data-suppressed]');
      expect(await notice.textContent()).toMatch(/too few responses/);
      expect(await page.locator('#explore-results [data-figure]').count()).toBe(0);
      expect(await page.locator('#explore-results table').count()).toBe(0);
      await page.close();
    });

    it('a differencing attempt (a group minus one small part of it) never isolates the small part', async () => {
      // Public sector customers in the West: fewer than the minimum base in the raw data.
      const rows = Papa.parse<Record<string, string>>(
        readFileSync(join(ROOT, `data/${LATEST}/survey.csv`), 'utf8'),
        { header: true, skipEmptyLines: true },
      ).data;
      const small = rows.filter(
        (r) => r['Customer group'] === 'Public sector' && r.Region === 'West',
      ).length;
      expect(small).toBeGreaterThan(0);
      expect(small).toBeLessThan(30);
      const page = await browser.newPage();
      const responses = async (query: string) => {
        await page.goto(`${server.url}explore/${LATEST}/${query}`);
        await settled(page);
        const shown = await shownFigures(page);
        return shown.get('responses') ?? 0;
      };
      const whole = await responses('?customer_group=Public+sector');
      const allButWest = await responses(
        '?customer_group=Public+sector&region=North&region=South&region=East',
      );
      const west = await responses('?customer_group=Public+sector&region=West');
      const difference = whole - allButWest;
      expect(difference === 0 || difference >= 30).toBe(true);
      expect(difference).not.toBe(small);
      expect(west === 0 || west >= 30).toBe(true);
      await page.close();
    });

    it('a root cause of the report links to Explore with its group selected', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}reports/${LATEST}/`);
      const link = page.locator('a.finding-explore').first();
      const href = (await link.getAttribute('href'))!;
      expect(href).toMatch(new RegExp(`/explore/${LATEST}/\\?`));
      await link.click();
      await settled(page);
      const [dimension, level] = [...new URL(page.url()).searchParams][0]!;
      expect(
        await page
          .locator(`fieldset[data-dimension="${dimension}"]`)
          .getByLabel(level, { exact: true })
          .isChecked(),
      ).toBe(true);
      expect(await page.locator('#explore-title').textContent()).toContain(level);
      await page.close();
    });

    it('works with the keyboard and announces results in a live region', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${server.url}explore/${LATEST}/`);
      await settled(page);
      expect(await page.locator('#explore-status').getAttribute('role')).toBe('status');
      const before = await page.locator('#explore-status').textContent();
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(
          () => (document.activeElement as HTMLInputElement | null)?.value === 'SMB',
        );
      }
      expect(reached, 'Tab reaches the SMB checkbox').toBe(true);
      await page.keyboard.press('Space');
      await settled(page);
      const after = await page.locator('#explore-status').textContent();
      expect(after).not.toBe(before);
      expect(after).toContain('SMB');
      expect(new URL(page.url()).search).toBe('?customer_group=SMB');
      await page.close();
    });

    it(
      'passes axe in light and dark at 390 px and 1280 px, never scrolls sideways, and is screenshot',
      async () => {
        for (const scheme of ['light', 'dark'] as const) {
          for (const [width, label] of [
            [1280, 'desktop'],
            [390, 'phone'],
          ] as const) {
            const context = await browser.newContext({
              colorScheme: scheme,
              viewport: { width, height: 900 },
            });
            const page = await context.newPage();
            await page.goto(`${server.url}explore/${LATEST}/?customer_group=SMB`);
            await settled(page);
            expect(
              await page.evaluate(() => document.documentElement.scrollWidth),
            ).toBeLessThanOrEqual(width);
            await page.screenshot({
              path: join(SCREENSHOTS, `explore-${label}-${scheme}.png`),
              fullPage: true,
            });
            expect(serious(await axeViolations(page)), `${label} ${scheme}`).toEqual([]);
            await context.close();
          }
        }
      },
      FOUR_PAGES_WITH_AXE,
    );

    it('without JavaScript the page explains itself and links to the group pages', async () => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 390, height: 844 },
      });
      const page = await context.newPage();
      await page.goto(`${server.url}explore/${LATEST}/`);
      expect(await page.locator('.explore-nojs').textContent()).toContain('needs JavaScript');
      expect(await page.locator('form.explore-form').isVisible()).toBe(false);
      const links = await page
        .locator('.explore-nojs a')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
      expect(links.length).toBeGreaterThanOrEqual(8);
      for (const href of links)
        expect(existsSync(dist(`${href.slice(1)}index.html`)), href).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, 'explore-phone-nojs.png'), fullPage: true });
      await context.close();
    });

    it('the page’s own scripts are external modules; its data is JSON, never inline script', () => {
      const html = readFileSync(dist(`explore/${LATEST}/index.html`), 'utf8');
      const part = html.slice(html.indexOf('<div id="explore"'));
      for (const tag of part.match(/<script\b[^>]*>/g) ?? [])
        expect(tag, tag).toMatch(/type="application\/json"|src="/);
    });

    it('on a throttled mid-range phone profile, measures when the figures appear', async () => {
      // Lighthouse's mobile profile: 4× slower CPU, 150 ms round trips, 1.6 Mbit/s down.
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6 * 1024 * 1024) / 8,
        uploadThroughput: (750 * 1024) / 8,
      });
      const bytes: Record<string, number> = {};
      page.on('response', async (response) => {
        const type = response.url().endsWith('.json')
          ? 'json'
          : (response.url().match(/\.(js|css|html)$/)?.[1] ??
            (response.url().endsWith('/') ? 'html' : 'other'));
        const body = await response.body().catch(() => Buffer.alloc(0));
        bytes[type] = (bytes[type] ?? 0) + gzipSync(body).length;
      });
      await page.addInitScript(() => {
        const w = window as unknown as { longTasks: number[] };
        w.longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(`${server.url}explore/${LATEST}/?customer_group=SMB`);
      await settled(page);
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const tasks = (window as unknown as { longTasks: number[] }).longTasks;
        return {
          firstContentfulPaint: paint?.startTime ?? null,
          domContentLoaded: nav.domContentLoadedEventEnd,
          figuresShown: performance.now(),
          totalBlockingTime: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
          longTasks: tasks.length,
        };
      });
      const report = { profile: '4x CPU, 150 ms RTT, 1.6 Mbit/s', timing, gzippedBytes: bytes };
      console.log(`Explore on a throttled phone: ${JSON.stringify(report)}`);
      writeFileSync(
        join(ROOT, 'test-results/explore-performance.json'),
        `${JSON.stringify(report, null, 2)}\n`,
      );
      expect(timing.figuresShown).toBeGreaterThan(0);
      expect(await page.locator('#explore-results [data-figure]').count()).toBeGreaterThan(20);
      await context.close();
    });
  },
);
