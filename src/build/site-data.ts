/**
 * Reads the content collections once per build and pairs reports with their figures: a draft
 * renders from the live figures of its snapshot, a published version from its frozen file only.
 * Any problem a reader must not see (a tampered published snapshot, a report citing a missing
 * snapshot, missing or invalid frozen figures) throws here, which fails the build before
 * anything is published.
 */
import { getCollection } from 'astro:content';
import { join, resolve } from 'node:path';
import { actionsAsOf } from '../figures/action-figures.ts';
import type { HistoryFigures, ReviewFigures } from '../contracts/figures-schema.ts';
import { siteSettings } from '../site-settings.ts';
import { frozenPath, readFrozen } from './frozen-figures.ts';
import {
  buildReportIndex,
  type ReportIndex,
  type ReportPeriod,
  type ReportVersion,
} from './report-index.ts';

export interface SiteData {
  /** Live figures of every snapshot, oldest first. */
  reviews: ReviewFigures[];
  history: HistoryFigures;
  index: ReportIndex;
  /** Report id → figures frozen at publication. */
  frozen: Map<string, ReviewFigures>;
}

let cached: Promise<SiteData> | null = null;

async function load(): Promise<SiteData> {
  const entries = await getCollection('reviews');
  const reviews: ReviewFigures[] = [];
  let history: HistoryFigures | null = null;
  for (const entry of entries) {
    if (entry.data.kind === 'review') reviews.push(entry.data.figures);
    else history = entry.data.history;
  }
  reviews.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  const reports = await getCollection('reports');
  const frozen = new Map<string, ReviewFigures>();
  const errors: string[] = [];
  const reportsDir = resolve(siteSettings.reportsDir);
  for (const r of reports) {
    if (r.data.status !== 'published') continue;
    const file = frozenPath(r.id);
    const read = readFrozen(join(reportsDir, file), `${siteSettings.reportsDir}/${file}`);
    if (read.ok) frozen.set(r.id, read.figures);
    else errors.push(`${read.message} — ${read.hint}`);
  }
  const index = buildReportIndex(
    reports.map((r) => ({ id: r.id, data: r.data, frozenHash: frozen.get(r.id)?.hash })),
    reviews.map((s) => ({ id: s.id, start: s.start, hash: s.hash })),
    siteSettings.includeDrafts,
  );
  for (const warning of index.warnings) console.warn(`[reports] ${warning}`);
  errors.push(...index.errors);
  if (errors.length > 0 || !history) {
    throw new Error(
      `Report check failed; nothing was built.\n${(history ? errors : [...errors, 'the data loader stored no history']).map((e) => `error ${e}`).join('\n')}`,
    );
  }
  return { reviews, history, index, frozen };
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
 * overdue actions judged at the draft's date (its publication date to be).
 */
export function versionFigures(site: SiteData, version: ReportVersion): ReviewFigures {
  return (
    site.frozen.get(version.id) ??
    actionsAsOf(liveFigures(site, version.period), version.data.date.toISOString().slice(0, 10))
  );
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
