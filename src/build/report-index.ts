/**
 * Pairs report versions with their snapshots, enforces the pin (a published version whose
 * snapshot changed fails the build), and orders periods newest first. Pure: the pages pass in
 * what the content collections hold.
 */
import type { ReportFrontmatter } from '../contracts/report-frontmatter-schema.ts';
import { lineEndingsFix } from './content-hash.ts';
import type { SnapshotChange } from './snapshot-change.ts';

export interface ReportVersionInput {
  /** Collection id, e.g. "2026-Q3/v1". */
  id: string;
  data: ReportFrontmatter;
  /** Snapshot hash of the frozen figures next to the MDX, when the version has them. */
  frozenHash?: string;
  /** Which files of its snapshot changed since the frozen figures were computed. */
  snapshotChange?: SnapshotChange;
}

export interface SnapshotRef {
  id: string;
  start: string;
  hash: string;
}

export interface ReportVersion {
  id: string;
  /** Period slug used in URLs: the snapshot id. */
  period: string;
  version: number;
  data: ReportFrontmatter;
  /** Render from the frozen figures (published with a frozen file) rather than the live data. */
  frozen: boolean;
}

export interface ReportPeriod {
  /** Snapshot id. */
  period: string;
  start: string;
  /** Versions that are built, oldest first. */
  versions: ReportVersion[];
  /** The version shown by default: the newest built one. */
  latest: ReportVersion;
}

export interface ReportIndex {
  /** Newest period first. */
  periods: ReportPeriod[];
  /** Problems that must fail the build (tampered published snapshot, unknown snapshot, …). */
  errors: string[];
  warnings: string[];
}

/**
 * How to publish a correction of a period, as every message that asks for one says it.
 * @param next the version number the correction gets
 */
export function correctionAdvice(snapshot: string, next: number, reportsDir = 'reports'): string {
  return `publish a correction as a new version: run \`npm run new-report -- ${snapshot}\` (it writes ${reportsDir}/${snapshot}/v${next}.mdx pinned to the snapshot's current data), explain the change in its changeNote, then \`npm run publish-report -- ${snapshot}\``;
}

/**
 * What to do with a draft whose snapshot changed since it was drafted, as the build and
 * publish-report both say it: new-report re-pins it (only its snapshotHash changes).
 */
export function repinAdvice(snapshot: string): string {
  return `run \`npm run new-report -- ${snapshot}\` to re-pin the draft to the current data (its text is kept), re-read it against the new figures, then publish it`;
}

/**
 * @param includeDrafts build draft versions too (dev server or explicit flag)
 * @param folders the data and reports folders, as messages name them (REVIEW_DATA_DIR, …)
 */
export function buildReportIndex(
  reports: readonly ReportVersionInput[],
  snapshots: readonly SnapshotRef[],
  includeDrafts: boolean,
  folders: { data: string; reports: string } = { data: 'data', reports: 'reports' },
): ReportIndex {
  const errors: string[] = [];
  const warnings: string[] = [];
  const byId = new Map(snapshots.map((s) => [s.id, s]));
  const groups = new Map<string, ReportVersion[]>();
  const seen = new Map<string, string>();
  // Published versions whose snapshot changed: allowed only when superseded and frozen.
  const published: Array<{ report: ReportVersionInput; snapshotHash: string; file: string }> = [];
  for (const report of reports) {
    const { data } = report;
    const snapshot = byId.get(data.snapshot);
    const file = `${folders.reports}/${report.id}.mdx`;
    if (!snapshot) {
      errors.push(
        `${file}: cites snapshot "${data.snapshot}", which is not under ${folders.data}/ — fix "snapshot" in the frontmatter or add the snapshot folder`,
      );
      continue;
    }
    const key = `${data.snapshot}#${data.version}`;
    if (seen.has(key)) {
      errors.push(
        `${file}: version ${data.version} of ${data.snapshot} is also declared by ${folders.reports}/${seen.get(key)}.mdx — give each version its own number`,
      );
      continue;
    }
    seen.set(key, report.id);
    if (
      data.status === 'published' &&
      report.frozenHash !== undefined &&
      report.frozenHash !== data.snapshotHash
    ) {
      errors.push(
        `${folders.reports}/${report.id}.figures.json: frozen figures were computed from ${report.frozenHash}, but ${file} pins ${data.snapshotHash} — restore the file from version control; frozen figures are written by \`npm run publish-report\` only`,
      );
      continue;
    }
    if (snapshot.hash !== data.snapshotHash) {
      if (data.status === 'draft') {
        warnings.push(
          `${file}: draft pins ${data.snapshotHash} but ${folders.data}/${data.snapshot} hashes to ${snapshot.hash} — ${repinAdvice(data.snapshot)}`,
        );
      } else {
        published.push({ report, snapshotHash: snapshot.hash, file });
      }
    }
    if (data.status === 'draft' && !includeDrafts) continue;
    const version: ReportVersion = {
      id: report.id,
      period: data.snapshot,
      version: data.version,
      data,
      frozen: data.status === 'published' && report.frozenHash !== undefined,
    };
    const list = groups.get(data.snapshot) ?? [];
    list.push(version);
    groups.set(data.snapshot, list);
  }
  for (const { report, snapshotHash, file } of published) {
    const { data } = report;
    const newer = (groups.get(data.snapshot) ?? []).filter(
      (v) => v.version > data.version && v.data.snapshotHash === snapshotHash,
    );
    if (newer.length > 0 && report.frozenHash !== undefined) continue;
    const change = report.snapshotChange;
    const what = change?.description ? ` (${change.description})` : '';
    const fix = change?.lineEndingsOnly
      ? lineEndingsFix(change.lineEndings)
      : `Published reports are immutable: ${correctionAdvice(data.snapshot, data.version + 1, folders.reports)}; or restore the snapshot's original files`;
    errors.push(
      newer.length > 0
        ? `${file}: superseded by a newer version, but it has no frozen figures (${folders.reports}/${report.id}.figures.json) to render from — restore the snapshot or the frozen file from version control`
        : `${file}: published version ${data.version} of ${data.snapshot} pins snapshot hash ${data.snapshotHash}, but ${folders.data}/${data.snapshot} now hashes to ${snapshotHash}${what}. ${fix}.`,
    );
    const list = groups.get(data.snapshot);
    if (list)
      groups.set(
        data.snapshot,
        list.filter((v) => v.id !== report.id),
      );
  }
  const periods: ReportPeriod[] = [...groups.entries()]
    .filter(([, versions]) => versions.length > 0)
    .map(([period, versions]) => {
      versions.sort((a, b) => a.version - b.version);
      return { period, start: byId.get(period)!.start, versions, latest: versions.at(-1)! };
    });
  periods.sort((a, b) => b.start.localeCompare(a.start));
  return { periods, errors, warnings };
}
