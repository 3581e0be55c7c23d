import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessSnapshot } from '../src/reading/guess-mapping.ts';
import { loadReviews } from '../src/build/review-data.ts';
import { writeReduced } from '../src/build/write-reduced.ts';
import { pseudonymiser } from '../src/reducing/pseudonyms.ts';
import { serveStatic } from '../src/cli/static-server.ts';
import { axeViolations, hasChromium, launchBrowser, serious } from './browser.ts';
import { buildSite, ROOT } from './build-site.ts';
import { reference, type MobiConstruct, type Proportion } from './oracles.ts';
import { SHARED_DATASETS, sharedDataset } from './shared-datasets.ts';

/** The example's items for the reference's construct names. */
const MOBI_ITEMS: Record<MobiConstruct, string> = {
  Image: 'brand',
  Expectation: 'expectations',
  Quality: 'product_quality',
  Value: 'value',
};
/** The examples' manifests name files in the shared datasets folder, outside their snapshots. */
const EXTERNAL = { externalData: [SHARED_DATASETS] };
const olist = sharedDataset('olist-subset', 'olist_order_reviews_dataset.csv');
const mobi = sharedDataset('mobi', 'mobi.csv');
const telco = sharedDataset('telco', 'Telco-Customer-Churn.csv');

/** A test key: the reduced examples' customer ids are pseudonyms of it. */
const KEY = pseudonymiser('a test key, never a real one');

/**
 * An example's reviews from its raw snapshots, or from reduced snapshots written from them
 * (`npm run reduce`): every reference value must come out of both.
 */
async function exampleReviews(name: string, form: 'raw' | 'reduced') {
  const dataDir = join(ROOT, `examples/${name}/data`);
  if (form === 'raw') return loadReviews(dataDir, ROOT, EXTERNAL);
  const reducedDir = join(mkdtempSync(join(tmpdir(), `reduced-${name}-`)), 'data');
  for (const id of readdirSync(dataDir)) {
    const written = await writeReduced({
      dir: join(dataDir, id),
      displayDir: `examples/${name}/data/${id}`,
      out: join(reducedDir, id),
      engine: 'typescript',
      pseudonymiser: KEY,
      ...EXTERNAL,
    });
    expect(written.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  }
  return loadReviews(reducedDir, ROOT, { pseudonymiser: KEY });
}

const FORMS = ['raw', 'reduced'] as const;

function expectProportion(
  actual: {
    k: number;
    n: number;
    value: number | null;
    lower: number | null;
    upper: number | null;
  },
  ref: Proportion,
) {
  expect(actual.k).toBe(ref.k);
  expect(actual.n).toBe(ref.n);
  expect(actual.value! / 100).toBeCloseTo(ref.p, 12);
  expect(actual.lower! / 100).toBeCloseTo(ref.wilson[0], 10);
  expect(actual.upper! / 100).toBeCloseTo(ref.wilson[1], 10);
}

describe.skipIf(!olist.available).each(FORMS)(
  `worked example: Olist from its manifest alone, %s snapshot${olist.reason}`,
  (form) => {
    it('CSAT overall, the mean score, and late vs on-time CSAT match the reference figures', async () => {
      const review = await exampleReviews('olist', form);
      expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
      const snapshot = review.reviews[0]!;
      const csat = snapshot.metrics.csat!.overall;
      expect(csat.n).toBe(reference.olist_subset.reviews);
      expectProportion(
        { ...csat, k: Math.round((csat.value! / 100) * csat.n) },
        reference.olist_subset.csat_all,
      );
      expect(snapshot.metrics.csat_mean!.overall.value).toBeCloseTo(
        reference.olist_subset.mean_score,
        12,
      );
      const links = snapshot.behaviour!.links.lateVsOnTime;
      expectProportion(links.a, reference.olist_subset.csat_late);
      expectProportion(links.b, reference.olist_subset.csat_on_time);
      expect(review.diagnostics.filter((d) => d.id === 'duplicate-id')).toHaveLength(34);
    });
  },
);

describe.skipIf(!mobi.available).each(FORMS)(
  `worked example: mobi (ECSI) from its manifest alone, %s snapshot${mobi.reason}`,
  (form) => {
    it('the construct-score index and the driver weights match the reference figures', async () => {
      const review = await exampleReviews('mobi', form);
      expect(review.diagnostics).toEqual([]);
      const snapshot = review.reviews[0]!;
      expect(snapshot.metrics.index!.overall.n).toBe(250);
      expect(snapshot.metrics.index!.overall.value).toBeCloseTo(
        reference.mobi.satisfaction_index_0_100,
        9,
      );
      const drivers = snapshot.drivers.satisfaction!;
      const ref = reference.mobi.drivers;
      expect(drivers.n).toBe(ref.n);
      expect(drivers.r2).toBeCloseTo(ref.r2, 6);
      for (const [construct, item] of Object.entries(MOBI_ITEMS) as [MobiConstruct, string][]) {
        expect(drivers.pearson[item]).toBeCloseTo(ref.pearson[construct], 6);
        expect(drivers.johnson[item]).toBeCloseTo(ref.johnson[construct], 6);
        expect(drivers.lmg[item]).toBeCloseTo(ref.lmg[construct], 6);
      }
    });
  },
);

describe.skipIf(!telco.available).each(FORMS)(
  `worked example: Telco churn from its manifest alone, %s snapshot${telco.reason}`,
  (form) => {
    it('churn overall and by contract match the reference figures', async () => {
      const review = await exampleReviews('telco', form);
      expect(review.diagnostics).toEqual([]);
      const customers = review.reviews[0]!.customers!;
      expectProportion(customers.churn, reference.telco.churn_all);
      const byContract = customers.bySegment.contract!;
      expect(byContract.map((l) => l.level)).toEqual(
        Object.keys(reference.telco.churn_by_contract),
      );
      for (const level of byContract)
        expectProportion(level.churn, reference.telco.churn_by_contract[level.level]!);
      // Every contract differs from the rest of the base; the higher-churn ones are findings.
      expect(byContract.every((l) => l.pAdjusted! < 0.001)).toBe(true);
      const findings = review.reviews[0]!.findings.map((f) => f.id);
      expect(findings).toEqual([
        'churn:contract=Month-to-month',
        'churn:internet=Fiber optic',
        'churn:payment=Electronic check',
      ]);
    });
  },
);

/** Example → a shared file it needs and text its published page must show. */
const EXAMPLE_SITES: Array<[string, ReturnType<typeof sharedDataset>, string[]]> = [
  ['olist', olist, ['Late deliveries']],
  ['mobi', mobi, ['72.0', 'Perceived quality (mean of PERQ1–7)']],
  ['telco', telco, ['42.7%', 'Month-to-month', 'Churn by contract']],
];

describe.each(EXAMPLE_SITES)('worked example site: %s', (name, dataset, expected) => {
  it.skipIf(!dataset.available)(
    `builds from its manifest and report alone${dataset.reason}`,
    { timeout: 180_000 },
    async () => {
      const build = buildSite(
        join(ROOT, `examples/${name}/data`),
        join(ROOT, `examples/${name}/reports`),
        { REVIEW_EXTERNAL_DATA: SHARED_DATASETS },
      );
      expect(build.output).not.toMatch(/\berror\b/i);
      expect(build.code).toBe(0);
      const page = join(build.outDir, `reports/${name}/index.html`);
      expect(existsSync(page)).toBe(true);
      const html = readFileSync(page, 'utf8');
      for (const text of expected) expect(html).toContain(text);
      // Published, not a draft: the page renders the frozen figures pinned to this data.
      expect(html).not.toContain('>Draft<');
      // The download holds the figures too (for a customer base, churn by level).
      const csv = readFileSync(join(build.outDir, `reports/${name}/v1/figures.csv`), 'utf8');
      expect(csv.trim().split('\n').length).toBeGreaterThan(1);
      if (name === 'telco')
        expect(csv).toContain('customer_churn,Churn (customer base),contract,Month-to-month,42.7');
      if (!hasChromium) return;
      // Looked at as a reader would: light and dark, desktop and phone, screenshots kept.
      const server = await serveStatic(build.outDir);
      const browser = await launchBrowser();
      try {
        for (const [width, scheme] of [
          [1280, 'light'],
          [390, 'dark'],
        ] as const) {
          const context = await browser.newContext({
            viewport: { width, height: 900 },
            colorScheme: scheme,
          });
          const page = await context.newPage();
          await page.goto(`${server.url}reports/${name}/`);
          expect(serious(await axeViolations(page))).toEqual([]);
          // Nothing wider than the screen: tables scroll inside their own region.
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow).toBeLessThanOrEqual(0);
          await page.screenshot({
            path: join(ROOT, `test-results/screenshots/example-${name}-${width}-${scheme}.png`),
            fullPage: true,
          });
          await context.close();
        }
      } finally {
        await browser.close();
        await server.close();
      }
    },
  );
});

describe.skipIf(!telco.available)(
  `new-snapshot's draft of the raw Telco export${telco.reason}`,
  () => {
    it('maps the churn flag, revenue and contract, and gives the reference churn by contract', async () => {
      const text = readFileSync(telco.path, 'utf8');
      const { manifest } = guessSnapshot(
        [{ name: 'Telco-Customer-Churn.csv', text, encoding: 'utf-8' }],
        { id: 'draft' },
      );
      const dataDir = mkdtempSync(join(tmpdir(), 'telco-draft-'));
      mkdirSync(join(dataDir, 'draft'));
      copyFileSync(telco.path, join(dataDir, 'draft/Telco-Customer-Churn.csv'));
      writeFileSync(join(dataDir, 'draft/manifest.json'), JSON.stringify(manifest));
      const review = await loadReviews(dataDir, dataDir);
      expect(review.diagnostics).toEqual([]);
      const byContract = review.reviews[0]!.customers!.bySegment.contract!;
      for (const level of byContract)
        expectProportion(level.churn, reference.telco.churn_by_contract[level.level]!);
    });
  },
);
