/**
 * Pairs report versions with their snapshots, enforces the pin (a published version whose
 * snapshot changed fails the build), and orders periods newest first. Pure: the pages pass in
 * what the content collections hold.
 */
import type { ReportFrontmatter } from '../schemas/report-frontmatter-schema.ts';

export interface ReportVersionInput {
  /** Collection id, e.g. "2026-Q3/v1". */
  id: string;
  data: ReportFrontmatter;
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
 * @param includeDrafts build draft versions too (dev server or explicit flag)
 */
export function buildReportIndex(
  reports: readonly ReportVersionInput[],
  snapshots: readonly SnapshotRef[],
  includeDrafts: boolean,
): ReportIndex {
  const errors: string[] = [];
  const warnings: string[] = [];
  const byId = new Map(snapshots.map((s) => [s.id, s]));
  const groups = new Map<string, ReportVersion[]>();
  const seen = new Map<string, string>();
  for (const report of reports) {
    const { data } = report;
    const snapshot = byId.get(data.snapshot);
    const file = `reports/${report.id}.mdx`;
    if (!snapshot) {
      errors.push(
        `${file}: cites snapshot "${data.snapshot}", which is not under data/ — fix "snapshot" in the frontmatter or add the snapshot folder`,
      );
      continue;
    }
    const key = `${data.snapshot}#${data.version}`;
    if (seen.has(key)) {
      errors.push(
        `${file}: version ${data.version} of ${data.snapshot} is also declared by reports/${seen.get(key)}.mdx — give each version its own number`,
      );
      continue;
    }
    seen.set(key, report.id);
    if (snapshot.hash !== data.snapshotHash) {
      if (data.status === 'published') {
        errors.push(
          `${file}: published version ${data.version} of ${data.snapshot} pins snapshot hash ${data.snapshotHash}, but data/${data.snapshot} now hashes to ${snapshot.hash}. ` +
            `Published reports are immutable: restore the snapshot's original files, or publish a correction as a new version — ` +
            `copy this file to reports/${data.snapshot}/v${data.version + 1}.mdx with version: ${data.version + 1}, snapshotHash: "${snapshot.hash}", a changeNote saying what changed, and keep the data of version ${data.version} under a new snapshot id if it must stay readable.`,
        );
        continue;
      }
      warnings.push(
        `${file}: draft pins ${data.snapshotHash} but data/${data.snapshot} hashes to ${snapshot.hash} — update snapshotHash before publishing`,
      );
    }
    if (data.status === 'draft' && !includeDrafts) continue;
    const version: ReportVersion = {
      id: report.id,
      period: data.snapshot,
      version: data.version,
      data,
    };
    const list = groups.get(data.snapshot) ?? [];
    list.push(version);
    groups.set(data.snapshot, list);
  }
  const periods: ReportPeriod[] = [...groups.entries()].map(([period, versions]) => {
    versions.sort((a, b) => a.version - b.version);
    return { period, start: byId.get(period)!.start, versions, latest: versions.at(-1)! };
  });
  periods.sort((a, b) => b.start.localeCompare(a.start));
  return { periods, errors, warnings };
}
