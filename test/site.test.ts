import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  hasChromium,
  launchBrowser,
  NO_CHROMIUM_REASON,
  serious,
} from './browser.ts';
import { serveStatic } from '../src/cli/static-server.ts';
import { publishedVersionPages } from '../src/cli/pdf.ts';
import { newReport, publishReport } from '../src/cli/report-workflow.ts';
import { nodeEffects } from '../src/cli/cli-support.ts';
import { finishDraft } from '../src/cli/finish-draft.ts';
import { loadReviews } from '../src/build/review-data.ts';
import type { ReviewFigures } from '../src/contracts/figures-schema.ts';
import { REGISTRY } from '../src/metrics/registry/index.ts';
import {
  buildSite,
  copyFixtureSite,
  corruptRecommendCell,
  FIXTURE_SITE,
  listTree,
  ROOT,
  routesOf,
  type BuildResult,
} from './build-site.ts';

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
    // The sentence over them reads as words: the count, the noun and what follows, each spaced.
    const summary = /<section class="warnings"[^>]*>[\s\S]*?<p>([\s\S]*?)<\/p>/.exec(html)![1]!;
    const n = warnings.length;
    expect(text(summary).trim()).toMatch(
      new RegExp(`^${n} data warnings? for this snapshot, by kind\\.`),
    );
  });

  it('a segment under the minimum base is suppressed, not shown', () => {
    const html = readFileSync(join(build.outDir, 'reports/2026-Q2/index.html'), 'utf8');
    const row = /<tr data-level="Gamma">[\s\S]*?<\/tr>/.exec(html)![0];
    expect(text(row)).toContain('too few');
    expect(row).not.toMatch(/data-base="ok"/);
    // Its group page draws no point, line or band of a suppressed figure, and writes no value.
    const group = readFileSync(join(build.outDir, 'segments/group/gamma/index.html'), 'utf8');
    expect(group).toContain('data-trend');
    expect(group).not.toMatch(/class="(point|line|band)\b/);
    const json = JSON.parse(
      readFileSync(join(build.outDir, 'reports/2026-Q2/v1/figures.json'), 'utf8'),
    ) as FiguresJson;
    expect(json.figures.metrics.nps!.segments.group!.Gamma!.value).toBeNull();
  });
});

/** A test that builds the fixture site three times (6–8 s each on 2 cores, more when busy). */
const THREE_BUILDS = 90_000;

describe('deterministic output', () => {
  it('a rebuild of the same inputs reads no snapshot, renders no page of a period and gives a byte-identical tree', () => {
    const again = buildSite(join(FIXTURE_SITE, 'data'), join(FIXTURE_SITE, 'reports'), {
      SITE_BASE: BASE,
      ASTRO_CACHE_DIR: build.cacheDir,
    });
    expect(again.code, again.output).toBe(0);
    const summary = /snapshots: .*/;
    expect(summary.exec(build.output)?.[0]).toMatch(
      /^snapshots: 2 \(0 from cache, 2 parsed\) in \d+\.\d s$/,
    );
    expect(summary.exec(again.output)?.[0]).toMatch(
      /^snapshots: 2 \(2 from cache, 0 parsed\) in \d+\.\d s$/,
    );
    // The content store refers to each entry's file; it holds no figures (collection-schemas.ts).
    const store = readFileSync(join(build.cacheDir, 'data-store.json'), 'utf8');
    expect(store).toContain('"sha256"');
    expect(store).not.toContain('"figures"');
    expect(store).not.toContain('"explore":');
    // Every page and download of a period is copied from the first build, none rendered again.
    const routes = routesOf(again.output);
    expect(routes.restored).toContain('/reports/2026-Q2/index.html');
    expect(
      routes.rendered.filter((path) => /^\/(reports|explore|segments)\/[^/]+\//.test(path)),
    ).toEqual([]);
    expect(sameTree(build.outDir, again.outDir)).toEqual([]);
  });

  it(
    'a report edited after a build renders its period again, copies the others, and gives a fresh build’s site',
    () => {
      const { dataDir, reportsDir } = copyFixtureSite();
      const cache = join(dataDir, '../cache');
      const env = { SITE_BASE: BASE, ASTRO_CACHE_DIR: cache };
      expect(buildSite(dataDir, reportsDir, env).code).toBe(0);
      const sentence = 'A sentence the analyst added after the first build.';
      appendFileSync(join(reportsDir, '2026-Q2/v1.mdx'), `\n${sentence}\n`);
      const again = buildSite(dataDir, reportsDir, env);
      expect(again.code, again.output).toBe(0);
      const routes = routesOf(again.output);
      expect(routes.rendered).toEqual(
        expect.arrayContaining(['/reports/2026-Q2/index.html', '/reports/2026-Q2/v1/index.html']),
      );
      // The earlier period's pages show its own report and the later one's title: unchanged.
      expect(routes.restored).toEqual(
        expect.arrayContaining([
          '/reports/2026-Q1/index.html',
          '/reports/2026-Q1/v1/index.html',
          '/reports/2026-Q1/v1/figures.json',
        ]),
      );
      expect(readFileSync(join(again.outDir, 'reports/2026-Q2/index.html'), 'utf8')).toContain(
        sentence,
      );
      const fresh = buildSite(dataDir, reportsDir, { SITE_BASE: BASE });
      expect(fresh.code, fresh.output).toBe(0);
      expect(sameTree(fresh.outDir, again.outDir)).toEqual([]);
    },
    THREE_BUILDS,
  );

  it(
    'a quarter added to a built site reads only it and gives the site a fresh build gives',
    () => {
      const { dataDir, reportsDir } = copyFixtureSite();
      const env = { SITE_BASE: BASE, ASTRO_CACHE_DIR: join(dataDir, '../cache') };
      const aside = join(dataDir, '../aside');
      mkdirSync(aside);
      renameSync(join(dataDir, '2026-Q2'), join(aside, 'data'));
      renameSync(join(reportsDir, '2026-Q2'), join(aside, 'reports'));
      expect(buildSite(dataDir, reportsDir, env).code).toBe(0);
      renameSync(join(aside, 'data'), join(dataDir, '2026-Q2'));
      renameSync(join(aside, 'reports'), join(reportsDir, '2026-Q2'));
      const added = buildSite(dataDir, reportsDir, env);
      expect(added.code, added.output).toBe(0);
      expect(/snapshots: .*/.exec(added.output)?.[0]).toMatch(
        /^snapshots: 2 \(1 from cache, 1 parsed\)/,
      );
      expect(routesOf(added.output).rendered).toContain('/reports/2026-Q2/index.html');
      // Against a fresh build of the same folders: the data's folder names are on some pages.
      const fresh = buildSite(dataDir, reportsDir, { SITE_BASE: BASE });
      expect(fresh.code, fresh.output).toBe(0);
      expect(sameTree(fresh.outDir, added.outDir)).toEqual([]);
    },
    THREE_BUILDS,
  );
});

/** The files that differ between two site folders (or are in only one), by path. */
function sameTree(a: string, b: string): string[] {
  const files = [...new Set([...listTree(a), ...listTree(b)])];
  return files.filter(
    (file) =>
      !existsSync(join(a, file)) ||
      !existsSync(join(b, file)) ||
      !readFileSync(join(a, file)).equals(readFileSync(join(b, file))),
  );
}

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

/**
 * The demo data with its latest quarter scaffolded as a draft by new-report: the realistic site
 * (eight periods, drill-downs, actions) the reader checks below run on. Built once.
 */
let demoBuild: Promise<BuildResult> | null = null;
function demoSite(): Promise<BuildResult> {
  demoBuild ??= (async () => {
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
    return buildSite(join(work, 'data'), join(work, 'reports'), {
      REVIEW_DRAFTS: '1',
      REVIEW_BOARD_PACKS: 'yes',
    });
  })();
  return demoBuild;
}

/** Visible text of a page without its disclosures, code and scripts: what a reader reads first. */
function readerText(html: string): string {
  return text(
    html
      .replace(/<details[\s\S]*?<\/details>/g, ' ')
      .replace(/<(script|style|code|title)[\s\S]*?<\/\1>/g, ' ')
      .replace(/<head>[\s\S]*?<\/head>/, ' '),
  );
}

describe('the demo site', { timeout: 120_000 }, () => {
  let demo: BuildResult;
  beforeAll(async () => {
    demo = await demoSite();
  });
  const page = (path: string) => readFileSync(join(demo.outDir, path, 'index.html'), 'utf8');

  it('a scaffolded draft of the latest demo quarter builds without edits and shows every section, the planted decline and last quarter’s actions', () => {
    expect(demo.code, demo.output).toBe(0);
    const html = page('reports/2026-Q3');
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
    // The contents link every section.
    const contents = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)![0];
    const ids = [...html.matchAll(/<h2 id="([^"]*)">/g)].map((m) => `#${m[1]}`);
    expect([...contents.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(ids);
    // The planted SMB decline (NPS, service quality, …) is one finding, shown by its largest
    // change, with the drill-down that says why; its test sits in the disclosure, in words.
    const decline =
      /<li[^>]*data-finding="decline:[a-z_]+:customer_group=SMB"[\s\S]*?<\/details>/.exec(html);
    expect(decline, 'the planted SMB decline is a root-cause finding').not.toBeNull();
    expect(text(decline![0])).toMatch(
      /Two-proportion z-test, p &lt; 0\.001; adjusted for the groups compared, p &lt; 0\.001 \(Holm/,
    );
    expect(
      html.match(/<li[^>]*data-finding="(decline|gap):[a-z_]+:customer_group=SMB"/g),
    ).toHaveLength(1);
    expect(html).toContain('<h4>Why SMB (Customer group) fell</h4>');
    // Each headline card says its status against target, and its change in words.
    expect(html).toMatch(/data-target-status="missed"[^>]*>\s*Target 35\.0: missed by 30\.4 pts/);
    expect(html).toMatch(/data-target-status="met"[^>]*>\s*Target 70\.0: met/);
    const csatCard = /<article[^>]*data-metric="csat"[\s\S]*?<\/article>/.exec(html)![0];
    expect(text(csatCard)).toMatch(
      /A real drop : −4\.2 pp since Q2 2026 \(95% CI −\d\.\d pp to −\d\.\d pp\)/,
    );
    const followUp = [
      ...html.matchAll(
        /<tr data-action="(A-2026-0[345])" data-outcome="[a-z]+">[\s\S]*?<td[^>]*data-after>([^<]*)<\/td>/g,
      ),
    ];
    expect(followUp.map((m) => m[1])).toEqual(['A-2026-03', 'A-2026-04', 'A-2026-05']);
    for (const m of followUp) expect(m[2]).toMatch(/\d/);
    expect(html).toContain('badge draft');
  });

  it('reviews link to the previous and next review', () => {
    const q3 = page('reports/2026-Q3');
    const q2 = page('reports/2026-Q2');
    expect(q3).toMatch(/<a href="\/reports\/2026-Q2\/" rel="prev">/);
    expect(q3).not.toMatch(/rel="next"/);
    expect(q2).toMatch(/<a href="\/reports\/2026-Q1\/" rel="prev">/);
    expect(q2).toMatch(/<a href="\/reports\/2026-Q3\/" rel="next"/);
  });

  it('no page speaks jargon outside its disclosures and the methodology: no test ids, no finding ids', () => {
    const pages = listTree(demo.outDir).filter(
      (f) => f.endsWith('index.html') && !f.startsWith('methodology/'),
    );
    expect(pages.length).toBeGreaterThan(20);
    for (const file of pages) {
      const body = readerText(readFileSync(join(demo.outDir, file), 'utf8'));
      expect(body, file).not.toMatch(
        /welch-t|two-proportion-z|nps-z|ratio-z|poisson-z|rate-z|quantile-z|bootstrap-z/,
      );
      expect(body, file).not.toMatch(
        /\b(decline|improvement|gap|driver|complaint|theme|operational|churn):[A-Za-z_]/,
      );
      expect(body, file).not.toMatch(/customer_group|=SMB\b/);
    }
  });

  it('no page gives two elements one id (labels, captions and anchors point at one thing)', () => {
    const pages = listTree(demo.outDir).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(20);
    for (const file of pages) {
      const ids = [
        ...readFileSync(join(demo.outDir, file), 'utf8').matchAll(/\sid="([^"]*)"/g),
      ].map((m) => m[1]);
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(repeated, file).toEqual([]);
    }
  });

  it('every significance mark on an indicative figure carries its caveat', () => {
    const html = page('reports/2026-Q3');
    const cells = [...html.matchAll(/<td[^>]*data-base="indicative"[^>]*>([\s\S]*?)<\/td>/g)];
    const marked = cells.filter((m) => /class="difference[^"]*\breal\b/.test(m[1]!));
    expect(marked.length, 'the demo has a real difference on an indicative base').toBeGreaterThan(
      0,
    );
    for (const m of marked) {
      const marks = m[1]!.match(/class="difference[^"]*\breal\b/g)!.length;
      expect(m[1]!.match(/class="caveat"/g)?.length ?? 0, m[1]).toBe(marks);
    }
  });

  it('drivers within their uncertainty are shown as borderline, and an untested theme shows no test', () => {
    const html = page('reports/2026-Q3');
    const json = JSON.parse(
      readFileSync(join(demo.outDir, 'reports/2026-Q3/v1/figures.json'), 'utf8'),
    ) as FiguresJson;
    const drivers = /<div class="drivers" data-outcome="satisfaction">[\s\S]*?<\/table>/.exec(
      html,
    )![0];
    const borderline = json.figures.drivers.satisfaction!.grid.filter((g) => g.borderline);
    expect(
      [...drivers.matchAll(/<tr data-driver="([^"]+)" data-borderline/g)].map((m) => m[1]).sort(),
    ).toEqual(borderline.map((g) => g.driver).sort());
    const untested = json.figures.voice.themes.filter((t) => !t.tested && t.mentions > 0);
    expect(untested.length).toBeGreaterThan(0);
    const cells = [...html.matchAll(/<td[^>]*data-tested="false"[^>]*>([\s\S]*?)<\/td>/g)];
    expect(cells).toHaveLength(untested.length);
    for (const m of cells) {
      expect(text(m[1]!)).toContain('not tested');
      expect(m[1]).not.toMatch(/class="mark"|p [=<]/);
    }
    // Quotes carry their language: Japanese by its kana, Spanish by its words; none unsure.
    const quotes = [
      ...html.matchAll(/<blockquote(?: lang="([a-z]+)")?[^>]*>([^<]*)<\/blockquote>/g),
    ];
    const langs = new Set(quotes.map((m) => m[1]));
    expect(langs).toContain('ja');
    expect(langs).toContain('es');
    for (const [, lang, quote] of quotes)
      if (/[\u3040-\u30ff]/.test(quote!)) expect(lang).toBe('ja');
  });
});

describe('building bad data', { timeout: 120_000 }, () => {
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
    // Published as drafted, the change note is still the placeholder: refused; written, accepted.
    expect(() => publishReport(review, '2026-Q1', site.reportsDir, fx)).toThrow(/change note/);
    writeFileSync(draft, finishDraft(readFileSync(draft, 'utf8')));
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
    // The superseded version says so first, and points to the latest.
    const v1 = readFileSync(join(result.outDir, 'reports/2026-Q1/v1/index.html'), 'utf8');
    const banner = /<p class="superseded-banner"[^>]*>[\s\S]*?<\/p>/.exec(v1)?.[0] ?? '';
    expect(v1.indexOf(banner)).toBeLessThan(v1.indexOf('<h1'));
    expect(banner).toContain('href="/reports/2026-Q1/"');
    expect(latest).not.toContain('superseded-banner');
    expect(latest).toContain('What changed in the headline figures between versions');
    const npsRow = /<tr data-metric="nps">([\s\S]*?)<\/tr>/.exec(
      latest.slice(latest.indexOf('version-diff')),
    )![1]!;
    expect(text(npsRow)).toContain(oneDecimal(oldJson.figures.metrics.nps!.overall.value!));
    expect(text(npsRow)).toContain(oneDecimal(newJson.figures.metrics.nps!.overall.value!));
  });

  it('a corrupted cell fails the build with file, row and column, and writes no pages', () => {
    const site = copyFixtureSite();
    corruptRecommendCell(site.dataDir);
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
    // Which file of the snapshot changed, from the file hashes frozen at publication.
    expect(result.output).toMatch(/2026-Q1\/survey\.csv changed[;)]/);
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
      expect(errors).toEqual([]);
      await page.close();
    });

    it('search finds a report by a word of its text', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}search/`);
      const input = page.locator('#search input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill('Fixture');
      const result = page.locator('.pagefind-ui__result-link').first();
      await result.waitFor({ timeout: 10_000 });
      // A review's current page, at its address (Pagefind is handed the pages, not the folder).
      expect(await result.getAttribute('href')).toMatch(/^\/reviews\/reports\/2026-Q[12]\/$/);
      // The address follows the search, and opening it shows the same results.
      await page.waitForURL(/\?q=Fixture$/);
      const again = await browser.newPage();
      await again.goto(`${server.url}search/?q=Fixture`);
      const shown = again.locator('.pagefind-ui__result-link').first();
      await shown.waitFor({ timeout: 10_000 });
      expect(await again.locator('#search input').inputValue()).toBe('Fixture');
      expect(await shown.getAttribute('href')).toBe(await result.getAttribute('href'));
      await again.close();
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

    it('a published quote stays as published, as text, and its script tag never runs', async () => {
      const page = await browser.newPage();
      let alerted = false;
      page.on('dialog', async (dialog) => {
        alerted = true;
        await dialog.dismiss();
      });
      await page.goto(`${server.url}reports/2026-Q2/`);
      const quotes = await page.locator('.verbatims blockquote').allTextContents();
      expect(quotes).toContain('Late delivery');
      // Published before quotes were chosen by sentiment: the page quotes what it quoted.
      expect(quotes.some((q) => q.includes('Website checkout failed'))).toBe(true);
      expect(alerted).toBe(false);
      await page.close();
    });

    it('the voice of the customer shows one group’s quotes at a time, and every group’s without JavaScript', async () => {
      const listed = (page: Page) =>
        page
          .locator('[data-voice-group]')
          .evaluateAll((lists) =>
            lists
              .filter((l) => (l as HTMLElement).offsetParent !== null)
              .map((l) => (l as HTMLElement).dataset.voiceGroup),
          );
      const page = await browser.newPage();
      await page.goto(`${server.url}reports/2026-Q2/`);
      const menu = page.getByLabel('Show comments from');
      expect(await menu.isVisible()).toBe(true);
      expect(await listed(page)).toEqual(['all']);
      await menu.selectOption('group=Beta');
      expect(await listed(page)).toEqual(['group=Beta']);
      const beta = page.locator('[data-voice-group="group=Beta"]');
      expect(await beta.locator('h3').textContent()).toBe('Comments from Beta (Customer group)');
      expect(await beta.locator('blockquote').allTextContents()).toEqual([
        'Great service, fast',
        'Late delivery',
      ]);
      await menu.selectOption('group=Gamma');
      expect(
        await page.locator('[data-voice-group="group=Gamma"] .meta').first().textContent(),
      ).toMatch(/^Too few comments from this group to quote/);
      await page.close();

      const context = await browser.newContext({ javaScriptEnabled: false });
      const still = await context.newPage();
      await still.goto(`${server.url}reports/2026-Q2/`);
      expect(await still.getByLabel('Show comments from').isVisible()).toBe(false);
      expect(await listed(still)).toEqual(['all', 'group=Alpha', 'group=Beta', 'group=Gamma']);
      expect(await still.locator('[data-voice-group] h3').allTextContents()).toEqual([
        'Comments from all customers',
        'Comments from Alpha (Customer group)',
        'Comments from Beta (Customer group)',
        'Comments from Gamma (Customer group)',
      ]);
      await context.close();
    });

    it('without JavaScript the trend is drawn, with its table and summary', async () => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 390, height: 844 },
      });
      const page = await context.newPage();
      await page.goto(`${server.url}reports/2026-Q2/`);
      const rows = page.locator('figure[data-trend] table tbody tr');
      expect(await rows.count()).toBe(2);
      // What a screen reader announces for the table.
      expect(await page.locator('figure[data-trend] table caption').textContent()).toBe(
        'Net Promoter Score by period',
      );
      expect(await page.locator('figure[data-trend] figcaption').textContent()).toContain(
        'Net Promoter Score went from',
      );
      // The phone's layout of the chart shows, the wide one does not.
      expect(await page.locator('figure[data-trend] svg[data-layout="narrow"]').isVisible()).toBe(
        true,
      );
      expect(await page.locator('figure[data-trend] svg[data-layout="wide"]').isVisible()).toBe(
        false,
      );
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
      // Built without board packs, the pages link none.
      expect(
        readFileSync(join(build.outDir, 'reports/2026-Q2/v1/index.html'), 'utf8'),
      ).not.toContain('data-board-pack');
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
        const pdf = join(build.outDir, 'reports', period, 'v1', 'board-pack.pdf');
        expect(existsSync(pdf), pdf).toBe(true);
        const text = (await pdfPages(pdf))[0]!;
        const json = JSON.parse(
          readFileSync(join(build.outDir, `reports/${period}/v1/figures.json`), 'utf8'),
        ) as FiguresJson;
        expect(text).toContain(`Fixture review, ${period.slice(5)} 2026`);
        expect(text).toContain('Net Promoter Score');
        expect(text).toContain(oneDecimal(json.figures.metrics.nps!.overall.value!));
      }
    });
  },
);

/** Every kind of page, on the demo site. */
const PAGE_TYPES: Array<[name: string, path: string]> = [
  ['home', ''],
  ['archive', 'reports/'],
  ['report', 'reports/2026-Q3/'],
  ['version', 'reports/2026-Q2/v1/'],
  ['trends', 'trends/'],
  ['groups', 'segments/'],
  ['group', 'segments/customer_group/smb/'],
  ['methodology', 'methodology/'],
  ['data', 'data/'],
  ['search', 'search/'],
];

describe.skipIf(!hasChromium)(
  `the demo site as a reader sees it${hasChromium ? '' : ` (${NO_CHROMIUM_REASON})`}`,
  () => {
    let demo: BuildResult;
    let browser: Browser;
    let server: Awaited<ReturnType<typeof serveStatic>>;
    beforeAll(async () => {
      demo = await demoSite();
      expect(demo.code, demo.output).toBe(0);
      mkdirSync(SCREENSHOTS, { recursive: true });
      server = await serveStatic(demo.outDir, '/');
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it.each(PAGE_TYPES)(
      'the %s page at 390 and 1280 px, light and dark: no sideways scroll, every chart’s latest period in view, no serious axe violation',
      async (name, path) => {
        for (const colorScheme of ['light', 'dark'] as const) {
          for (const width of [390, 1280]) {
            const where = `${name} at ${width} px, ${colorScheme}`;
            const context = await browser.newContext({
              viewport: { width, height: 900 },
              colorScheme,
            });
            const page = await context.newPage();
            await page.goto(`${server.url}${path}`);
            if (name === 'search') {
              // The search UI with results is part of the page a reader checks.
              const input = page.locator('#search input');
              await input.waitFor({ timeout: 10_000 });
              await input.fill('delivery');
              await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 10_000 });
            }
            const sideways = await page.evaluate(() => ({
              scroll: document.documentElement.scrollWidth,
              width: window.innerWidth,
            }));
            expect(sideways.scroll, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(
              sideways.width,
            );
            // The chart a reader sees (the wide or the narrow layout) writes the latest period
            // of its table, and it is inside the window.
            const charts = await page.$$eval('figure[data-trend]', (figures) =>
              figures.map((figure) => {
                const svg = [...figure.querySelectorAll('svg')].find(
                  (s) => getComputedStyle(s).display !== 'none',
                );
                const label = svg?.querySelector('text[data-last]');
                const box = label?.getBoundingClientRect();
                return {
                  latest: figure.querySelector('tbody tr:last-child th')?.textContent?.trim(),
                  shown: label?.textContent?.trim(),
                  left: box?.left ?? -1,
                  right: box?.right ?? Infinity,
                };
              }),
            );
            if (['report', 'version', 'trends', 'group'].includes(name))
              expect(charts.length, where).toBeGreaterThan(0);
            for (const chart of charts) {
              expect(chart.shown, where).toBe(chart.latest);
              expect(chart.left, where).toBeGreaterThanOrEqual(0);
              expect(chart.right, where).toBeLessThanOrEqual(sideways.width);
            }
            const violations = await axeViolations(page);
            await page.screenshot({
              path: join(SCREENSHOTS, `${name}-${width}-${colorScheme}.png`),
              fullPage: true,
            });
            expect(serious(violations), where).toEqual([]);
            await context.close();
          }
        }
      },
      // Four loads, four axe runs and four full-page screenshots of a long page.
      120_000,
    );

    it('a published version links its board pack, and the PDF shows the latest period on every trend chart page, on A4 and on Letter', async () => {
      const html = readFileSync(join(demo.outDir, 'reports/2026-Q2/index.html'), 'utf8');
      const link = /<a href="([^"]*)" data-board-pack>/.exec(html)?.[1];
      expect(link).toBe('/reports/2026-Q2/v1/board-pack.pdf');
      // The draft links none: only a published version is printed.
      expect(readFileSync(join(demo.outDir, 'reports/2026-Q3/index.html'), 'utf8')).not.toContain(
        'data-board-pack',
      );
      const json = JSON.parse(
        readFileSync(join(demo.outDir, 'reports/2026-Q2/v1/figures.json'), 'utf8'),
      ) as FiguresJson;
      const periods = json.figures.trends.nps!.map((p) => p.period);
      const [first, latest] = [periods[0]!, periods.at(-1)!];
      // The build printed every published version's pack on A4; `pdf` prints it again on Letter.
      const published = publishedVersionPages(demo.outDir);
      expect(published.length).toBeGreaterThan(5);
      expect(demo.output).toContain(
        `board packs: ${published.length} (A4; 0 kept from an earlier build, ${published.length} printed)`,
      );
      for (const { period, version } of published)
        expect(existsSync(join(demo.outDir, 'reports', period, version, 'board-pack.pdf'))).toBe(
          true,
        );
      for (const format of ['A4', 'Letter']) {
        if (format === 'Letter') {
          const run = spawnSync(
            join(ROOT, 'node_modules/.bin/node'),
            ['src/cli/pdf.ts', '--dist', demo.outDir, '--period', '2026-Q2', '--format', format],
            { cwd: ROOT, encoding: 'utf8' },
          );
          expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
        }
        const response = await fetch(`${server.url}${link!.slice(1)}`);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        const pages = await pdfPageItems(join(demo.outDir, link!));
        // Tables are folded away in print, so a period stands alone as a text only as a label
        // of a chart's axis. Every chart writes the first and the latest period there: a page
        // where the latest appears fewer times than the first has a chart cut short.
        const labels = (items: string[], label: string) => items.filter((t) => t === label).length;
        const charts = (html.match(/<figure[^>]*data-trend/g) ?? []).length;
        expect(charts).toBeGreaterThan(0);
        const axes = pages.reduce((sum, items) => sum + labels(items, first), 0);
        expect(axes, `${format}: every trend chart is printed`).toBe(charts);
        for (const items of pages.filter((p) => labels(p, first) > 0)) {
          expect(labels(items, latest), `${format}: ${items.join(' ').slice(0, 160)}`).toBe(
            labels(items, first),
          );
        }
        // The running header names the review and its version on every page.
        for (const items of pages) expect(items.join(' '), format).toContain('Q2 2026 (v1)');
      }
    }, 60_000);
  },
);

/**
 * The text items of each page of a PDF, only those that lie within the page: text a chart drew
 * past the paper's edge is in the file but not on the page, and must not count.
 */
async function pdfPageItems(path: string): Promise<string[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)) }).promise;
  const pages: string[][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    pages.push(
      content.items.flatMap((item) => {
        if (!('str' in item) || item.str.trim() === '') return [];
        const [x, y] = [item.transform[4] as number, item.transform[5] as number];
        const inside = x >= x0 && x + item.width <= x1 + 0.5 && y >= y0 && y <= y1;
        return inside ? [item.str.trim()] : [];
      }),
    );
  }
  await doc.destroy();
  return pages;
}

/** The text of each page of a PDF, as one string. */
async function pdfPages(path: string): Promise<string[]> {
  return (await pdfPageItems(path)).map((items) => items.join(' ').replace(/\s+/g, ' '));
}
