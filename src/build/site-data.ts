/**
 * Reads the content collections once per build and cross-checks reports against snapshots.
 * Any problem a reader must not see (a tampered published snapshot, a report citing a missing
 * snapshot) throws here, which fails the build before anything is published.
 */
import { getCollection } from 'astro:content';
import type { Diagnostic } from '../reading/diagnostics.ts';
import { findingsFor } from '../figures/findings.ts';
import type { Action } from '../contracts/action-schema.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { frozenPath, type FrozenReview } from './frozen-review.ts';
import type { ReportPeriod, ReportVersion } from './report-index.ts';
import type { VersionFigures } from '../views/version-diff.ts';
import type { MetricChange, SnapshotFigures } from '../figures/snapshot-figures.ts';
import { siteSettings } from '../site-settings.ts';
import { buildReportIndex, type ReportIndex } from './report-index.ts';
import type { ReviewContext } from '../views/review-context.ts';

export interface SiteData {
  /** Oldest first. */
  snapshots: SnapshotFigures[];
  changes: Record<string, Record<string, MetricChange> | null>;
  /** Snapshot id → the loader's warnings for it (shown in the methodology). */
  warnings: Record<string, Diagnostic[]>;
  index: ReportIndex;
  actions: Action[];
  /** Report id → figures frozen at publication. */
  frozen: Map<string, FrozenReview>;
}

let cached: Promise<SiteData> | null = null;

async function load(): Promise<SiteData> {
  const entries = await getCollection('snapshots');
  const snapshots = entries
    .map((e) => e.data.figures as unknown as SnapshotFigures)
    .sort((a, b) => a.start.localeCompare(b.start));
  const changes: SiteData['changes'] = {};
  const warnings: SiteData['warnings'] = {};
  for (const e of entries) {
    changes[e.id] = e.data.changes as unknown as Record<string, MetricChange> | null;
    warnings[e.id] = e.data.diagnostics as unknown as Diagnostic[];
  }
  const reports = await getCollection('reports');
  const actions = (await getCollection('actions'))
    .map((a) => a.data)
    .sort((a, b) => a.id.localeCompare(b.id));
  const frozen = new Map<string, FrozenReview>();
  for (const r of reports) {
    const path = join(resolve(siteSettings.reportsDir), frozenPath(r.id));
    if (existsSync(path)) frozen.set(r.id, JSON.parse(readFileSync(path, 'utf8')) as FrozenReview);
  }
  const index = buildReportIndex(
    reports.map((r) => ({ id: r.id, data: r.data, frozenHash: frozen.get(r.id)?.snapshotHash })),
    snapshots.map((s) => ({ id: s.id, start: s.start, hash: s.hash })),
    siteSettings.includeDrafts,
  );
  for (const warning of index.warnings) console.warn(`[reports] ${warning}`);
  if (index.errors.length > 0) {
    throw new Error(
      `Report check failed; nothing was built.\n${index.errors.map((e) => `error ${e}`).join('\n')}`,
    );
  }
  return { snapshots, changes, warnings, index, actions, frozen };
}

/** The site's data, loaded once per build. */
export function getSiteData(): Promise<SiteData> {
  cached ??= load();
  return cached;
}

/** The component context of one snapshot. */
export function reviewContext(site: SiteData, snapshotId: string): ReviewContext {
  const position = site.snapshots.findIndex((s) => s.id === snapshotId);
  if (position < 0) throw new Error(`no snapshot "${snapshotId}"`);
  return contextOf(site, site.changes[snapshotId] ?? null, site.snapshots.slice(0, position + 1));
}

/** The context a report version renders from: its frozen figures when published, else live data. */
export function versionContext(site: SiteData, version: ReportVersion): ReviewContext {
  const frozen = version.frozen ? site.frozen.get(version.id) : undefined;
  if (!frozen) return reviewContext(site, version.period);
  return contextOf(site, frozen.changes, frozen.history);
}

/** A context from a history ending with the report's own snapshot. */
function contextOf(
  site: SiteData,
  changes: Record<string, MetricChange> | null,
  history: SnapshotFigures[],
): ReviewContext {
  const figures = history.at(-1)!;
  const previous = history.length > 1 ? history.at(-2)!.period : null;
  return {
    figures,
    changes,
    history,
    locale: siteSettings.locale,
    findings: findingsFor(figures, changes, previous),
    actions: site.actions,
  };
}

/** Every built version of a period with the figures it renders from, oldest first. */
export function periodVersions(site: SiteData, period: ReportPeriod): VersionFigures[] {
  return period.versions.map((v) => ({
    version: v.version,
    figures: versionContext(site, v).figures,
    changeNote: v.data.changeNote,
  }));
}
