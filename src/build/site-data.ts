/**
 * Reads the content collections once per build and pairs reports with their figures: a draft
 * renders from the live figures of its snapshot, a published version from its frozen file only.
 * Any problem a reader must not see (a tampered published snapshot, a report citing a missing
 * snapshot, frozen figures missing, edited or invalid) throws here, which fails the build before
 * anything is published.
 */
import { getCollection } from 'astro:content';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExplorePeriodFile } from '../contracts/explore-schema.ts';
import { actionsAsOf } from '../figures/action-figures.ts';
import { historyOf, withTrends } from '../figures/trends.ts';
import type { HistoryFigures, MetricInfo, ReviewFigures } from '../contracts/figures-schema.ts';
import { siteSettings } from '../site-settings.ts';
import { DataValidationError } from './data-validation-error.ts';
import { readEntryFile } from './entry-files.ts';
import { frozenPath, readFrozen, type ValidatedFigures } from './frozen-figures.ts';
import { unknownMetricReferences } from './metric-references.ts';
import { snapshotChange } from './snapshot-change.ts';
import {
  astroCacheDir,
  cacheKey,
  cachedBytes,
  codeVersion,
  dataCacheOf,
  readKept,
  siteCodeVersion,
  snapshotCacheDir,
  textDigest,
  writeKept,
} from './snapshot-cache.ts';
import {
  buildReportIndex,
  correctionAdvice,
  type ReportIndex,
  type ReportPeriod,
  type ReportVersion,
} from './report-index.ts';

export interface SiteData {
  /** Live figures of every snapshot, oldest first. */
  reviews: ReviewFigures[];
  /** The Explore data of every snapshot, oldest first. */
  explore: ExplorePeriodFile[];
  history: HistoryFigures;
  index: ReportIndex;
  /** Report id → figures frozen at publication. */
  frozen: Map<string, ReviewFigures>;
  /**
   * The digest of every review's stored text, in no particular order: what names the live
   * figures of all periods (a page made from all of them is kept under these).
   */
  reviewDigests: string[];
  /** What the pages are kept under between builds; null when the project's `src/` cannot be read. */
  pageKeys: PageKeys | null;
}

/**
 * The keys of the pages for Astro's incremental build (`experimental.incrementalBuild` in
 * astro.config.mjs): a page whose key and module graph are those of the last build is copied
 * from it instead of rendered again. A key must change with everything the page shows.
 */
interface PageKeys {
  /** The site's code (every file of `src/`, the lockfile, Node) and its settings. */
  code: string;
  /** That and every entry of both collections: a page made from all periods is kept under it. */
  all: string;
  /** Report id → the digest of its file (frontmatter and text). */
  reports: Map<string, string>;
}

let cached: Promise<SiteData> | null = null;

async function load(): Promise<SiteData> {
  const entries = await getCollection('reviews');
  const reviews: ReviewFigures[] = [];
  const explore: ExplorePeriodFile[] = [];
  const reviewDigests: string[] = [];
  for (const { data: ref } of entries) {
    const entry = readEntryFile(ref);
    if (entry.kind === 'review') {
      reviews.push(entry.figures);
      reviewDigests.push(ref.sha256);
    } else explore.push(entry.explore);
  }
  reviewDigests.sort();
  const byStart = (a: { start: string; id: string }, b: { start: string; id: string }) =>
    a.start.localeCompare(b.start) || a.id.localeCompare(b.id);
  reviews.sort(byStart);
  explore.sort(byStart);
  // Made here rather than stored: the stored reviews hold every figure of it, and storing it too
  // cost each build its serialising, bundling and parsing again (3.8 MB at 40 quarters).
  const history = historyOf(reviews);
  const reports = await getCollection('reports');
  const frozen = new Map<string, ReviewFigures>();
  const errors: string[] = [];
  const { reportsDir, dataDir } = siteSettings;
  const newest = new Map<string, number>();
  const validated = validatedFrozen();
  for (const { data } of reports)
    newest.set(data.snapshot, Math.max(newest.get(data.snapshot) ?? 0, data.version));
  for (const r of reports) {
    if (r.data.status !== 'published') continue;
    const file = frozenPath(r.id);
    const read = readFrozen({
      path: resolve(reportsDir, file),
      display: `${reportsDir}/${file}`,
      mdx: `${reportsDir}/${r.id}.mdx`,
      recorded: r.data.figuresHash,
      correction: correctionAdvice(r.data.snapshot, newest.get(r.data.snapshot)! + 1, reportsDir),
      validated,
    });
    if (read.ok) frozen.set(r.id, read.figures);
    else errors.push(`${read.problem} — ${read.fix}`);
  }
  const live = new Map(reviews.map((s) => [s.id, s]));
  /** Which files of a published version's snapshot changed since its figures were frozen. */
  const changeOf = (id: string, snapshot: string) => {
    const published = frozen.get(id);
    const now = live.get(snapshot);
    if (!published || !now || published.hash === now.hash) return undefined;
    return snapshotChange(published.files, now.files, `${dataDir}/${snapshot}`, (name) =>
      readFileSync(resolve(dataDir, snapshot, name)),
    );
  };
  const index = buildReportIndex(
    reports.map((r) => ({
      id: r.id,
      data: r.data,
      frozenHash: frozen.get(r.id)?.hash,
      snapshotChange: changeOf(r.id, r.data.snapshot),
    })),
    reviews.map((s) => ({ id: s.id, start: s.start, hash: s.hash })),
    siteSettings.includeDrafts,
    { data: dataDir, reports: reportsDir },
  );
  for (const warning of index.warnings) console.warn(`[reports] ${warning}`);
  errors.push(...index.errors);
  for (const r of reports) {
    const published = frozen.get(r.id);
    const figures = published ?? (siteSettings.includeDrafts ? live.get(r.data.snapshot) : null);
    if (!figures || r.body === undefined) continue;
    const file = `${reportsDir}/${r.id}.mdx`;
    const ids = Object.keys(figures.catalog);
    errors.push(...unknownMetricReferences(file, r.body, ids, published !== undefined));
  }
  if (errors.length > 0) {
    throw new DataValidationError(
      `Report check failed; nothing was built.\n${errors.map((e) => `error ${e}`).join('\n')}`,
    );
  }
  const pageKeys = keysOf(
    entries.map((e) => e.data.sha256),
    reports.map((r) => [r.id, String(r.digest ?? '')] as const),
  );
  return { reviews, explore, history, index, frozen, reviewDigests, pageKeys };
}

/** The pages' keys, from the digests of the reviews' stored entries and of the reports. */
function keysOf(
  entryDigests: readonly string[],
  reportDigests: ReadonlyArray<readonly [string, string]>,
): PageKeys | null {
  const cache = siteCache();
  // A report without a digest could change unseen: nothing is kept then.
  if (cache === null || reportDigests.some(([, digest]) => digest === '')) return null;
  const code = cacheKey(siteCodeVersion(cache.src, cache.code), JSON.stringify(siteSettings));
  const all = cacheKey(
    code,
    ...[...entryDigests].sort(),
    ...reportDigests.map(([id, digest]) => `${id} ${digest}`).sort(),
  );
  return { code, all, reports: new Map(reportDigests) };
}

/**
 * The key of a page made from every period (trends, groups, Explore, drafts): any change of data,
 * report, code or setting renders it again. Undefined renders it every time.
 */
export function sitePageKey(site: SiteData): string | undefined {
  return site.pageKeys?.all;
}

/**
 * The key of a report period's pages and downloads (every version's). When all its versions are
 * published, they render from their frozen figures, their reports and the titles of the periods
 * before and after it only: the pages are kept while those are unchanged, so adding a quarter
 * renders again only the period that was the latest (its link to the next). A draft follows
 * every period's data (its trends, its actions) and has the site's key.
 */
export function periodPageKey(site: SiteData, period: ReportPeriod): string | undefined {
  const keys = site.pageKeys;
  if (keys === null || !period.versions.every((v) => v.frozen)) return sitePageKey(site);
  return cacheKey(
    keys.code,
    JSON.stringify(period),
    JSON.stringify(neighbours(site, period)),
    ...period.versions.map((v) => keys.reports.get(v.id) ?? keys.all),
  );
}

/** The site's data, loaded once per build. */
export function getSiteData(): Promise<SiteData> {
  cached ??= load();
  return cached;
}

/** The live figures of a snapshot. */
export function liveFigures(site: SiteData, snapshotId: string): ReviewFigures {
  const figures = site.reviews.find((r) => r.id === snapshotId);
  if (!figures) throw new Error(`no snapshot "${snapshotId}"`);
  return figures;
}

/**
 * The figures a report version renders from: its frozen figures when published, else live, with
 * every metric's trend up to its period and overdue actions judged at the draft's date (its
 * publication date to be).
 */
export function versionFigures(site: SiteData, version: ReportVersion): ReviewFigures {
  const frozen = site.frozen.get(version.id);
  if (frozen) return frozen;
  const live = withTrends(liveFigures(site, version.period), site.reviews);
  return actionsAsOf(live, version.data.date.toISOString().slice(0, 10));
}

/**
 * How a period defined a metric and in which currency it wrote money: what a chart of an earlier
 * measure of metric `id` is labelled with (the Trends and group pages).
 */
export function definedIn(
  site: SiteData,
  id: string,
): (snapshot: string) => { info: MetricInfo | undefined; currency: string | null } {
  return (snapshot) => ({
    info: site.reviews.find((r) => r.id === snapshot)?.catalog[id],
    currency: currencyIn(site, snapshot),
  });
}

/** The currency a period wrote money in (its manifest's; null when it declares none). */
export function currencyIn(site: SiteData, snapshot: string): string | null {
  return site.reviews.find((r) => r.id === snapshot)?.currency ?? null;
}

/** Every built version of a period with the figures it renders from, oldest first. */
export function periodVersions(
  site: SiteData,
  period: ReportPeriod,
): Array<{ version: number; figures: ReviewFigures; changeNote?: string }> {
  return period.versions.map((v) => ({
    version: v.version,
    figures: versionFigures(site, v),
    changeNote: v.data.changeNote,
  }));
}

/** The reviews of the periods before and after a period (by start date), for its page's links. */
export function neighbours(
  site: SiteData,
  period: ReportPeriod,
): {
  previous: { period: string; title: string } | null;
  next: { period: string; title: string } | null;
} {
  // The index lists periods newest first.
  const i = site.index.periods.findIndex((p) => p.period === period.period);
  const ref = (p: ReportPeriod | undefined) =>
    p ? { period: p.period, title: p.latest.data.title } : null;
  return {
    previous: ref(site.index.periods[i + 1]),
    next: i > 0 ? ref(site.index.periods[i - 1]) : null,
  };
}

let pageCache: { src: string; code: string; dir: string } | null | undefined;

/**
 * The version of the figures' code and this site's folder in the snapshot cache, or null when
 * the project's `src/` cannot be read (then nothing is kept); found once a build. Pages render
 * from a bundle, not from `src/`, so the code is read from the project's `src/` (the build's
 * working folder).
 */
function siteCache(): { src: string; code: string; dir: string } | null {
  if (pageCache !== undefined) return pageCache;
  const cwd = process.cwd();
  const src = resolve(cwd, 'src');
  try {
    // Beside the site's snapshots: another site built from this checkout has its own.
    const dir = dataCacheOf(snapshotCacheDir(astroCacheDir(cwd)), cwd, siteSettings.dataDir);
    pageCache = { src, code: codeVersion(src), dir };
  } catch {
    pageCache = null;
  }
  return pageCache;
}

const viewDigests = new Map<string, string>();

/** The digest of a source file's text, read once per build (many pages name the same files). */
function viewDigest(file: string): string {
  let digest = viewDigests.get(file);
  if (digest === undefined)
    viewDigests.set(file, (digest = textDigest(readFileSync(file, 'utf8'))));
  return digest;
}

/**
 * A page's text (as its UTF-8 bytes) computed from the site's data, kept between builds in the
 * snapshot cache under a key of `parts` (what it is computed from: the periods' hashes, its
 * range), the version of the figures' code and the source of `views` files it also depends on;
 * without the project's `src/`, the text is computed every time.
 * @param views source files under `src/` outside the figures' code that shape the text
 */
export function cachedPageBytes(
  name: string,
  parts: readonly string[],
  views: readonly string[],
  compute: () => string,
): Uint8Array<ArrayBuffer> {
  const cache = siteCache();
  if (cache === null) return Buffer.from(compute(), 'utf8');
  const sources = views.map((file) => viewDigest(join(cache.src, file)));
  const key = cacheKey(cache.code, ...sources, ...parts);
  return cachedBytes(join(cache.dir, 'pages'), name, key, compute);
}

/**
 * Frozen figures as this code validated them, kept by the hash of their file (what
 * `readFrozen` checks the file against first): each a file named by that hash and the code's
 * version, holding the schema's output.
 */
function validatedFrozen(): ValidatedFigures | undefined {
  const cache = siteCache();
  if (cache === null) return undefined;
  const dir = join(cache.dir, 'frozen');
  const name = (hash: string) => `frozen-${cacheKey(hash).slice(0, 32)}`;
  const key = (hash: string) => cacheKey(cache.code, hash).slice(0, 32);
  return {
    get: (hash) => {
      const kept = readKept(dir, name(hash), key(hash));
      try {
        return kept && (JSON.parse(kept.toString('utf8')) as ReviewFigures);
      } catch {
        return undefined;
      }
    },
    set: (hash, figures) => writeKept(dir, name(hash), key(hash), JSON.stringify(figures)),
  };
}

/**
 * A published version's download (figures JSON or CSV), kept between builds: it is a function of
 * its frozen figures and the code that writes it. A draft's is computed every time.
 * @param views the source files under `src/` that write it
 */
export function versionDownload(
  name: string,
  version: ReportVersion,
  views: readonly string[],
  compute: () => string,
): Uint8Array<ArrayBuffer> {
  const frozenHash = version.frozen ? version.data.figuresHash : undefined;
  if (!frozenHash) return Buffer.from(compute(), 'utf8');
  const id = `${name}-${version.period}-v${version.version}`;
  return cachedPageBytes(id, [frozenHash, JSON.stringify(version)], views, compute);
}
