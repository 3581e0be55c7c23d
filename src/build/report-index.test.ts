import { describe, expect, it } from 'vitest';
import type { ReportFrontmatter } from '../contracts/report-frontmatter-schema.ts';
import { buildReportIndex, type ReportVersionInput } from './report-index.ts';

const H1 = `sha256:${'1'.repeat(64)}`;
const H2 = `sha256:${'2'.repeat(64)}`;

function version(
  snapshot: string,
  n: number,
  hash: string,
  status: 'draft' | 'published',
  frozenHash?: string,
): ReportVersionInput {
  const data: ReportFrontmatter = {
    title: `${snapshot} v${n}`,
    snapshot,
    snapshotHash: hash,
    version: n,
    status,
    date: new Date('2026-10-01'),
    authors: [],
    summary: 's',
  };
  return { id: `${snapshot}/v${n}`, data, frozenHash };
}

/** A published version as publish-report leaves it: frozen figures computed from the hash it pins. */
const published = (snapshot: string, n: number, hash: string) =>
  version(snapshot, n, hash, 'published', hash);

const snapshots = [
  { id: '2026-Q2', start: '2026-04-01', hash: H1 },
  { id: '2026-Q3', start: '2026-07-01', hash: H1 },
];

/** The index a production build makes of `reports`: over these snapshots, drafts left out. */
const indexOf = (reports: readonly ReportVersionInput[]) =>
  buildReportIndex(reports, snapshots, false);

describe('buildReportIndex', () => {
  it('orders periods newest first and shows the newest version by default', () => {
    const index = indexOf([published('2026-Q2', 1, H1), published('2026-Q3', 1, H1)]);
    expect(index.errors).toEqual([]);
    expect(index.periods.map((p) => p.period)).toEqual(['2026-Q3', '2026-Q2']);
  });

  it('fails when a published version pins a hash the snapshot no longer has, naming the fix', () => {
    const index = indexOf([published('2026-Q3', 1, H2)]);
    expect(index.errors).toHaveLength(1);
    expect(index.errors[0]).toContain('reports/2026-Q3/v1.mdx');
    expect(index.errors[0]).toContain('npm run new-report -- 2026-Q3');
  });

  it('accepts a changed snapshot once a newer published version pins it and the old one is frozen', () => {
    const index = indexOf([published('2026-Q3', 1, H2), published('2026-Q3', 2, H1)]);
    expect(index.errors).toEqual([]);
    expect(index.periods[0]!.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(index.periods[0]!.latest.version).toBe(2);
    expect(index.periods[0]!.versions[0]!.frozen).toBe(true);
  });

  it('does not accept a superseded version without frozen figures', () => {
    const index = indexOf([version('2026-Q3', 1, H2, 'published'), published('2026-Q3', 2, H1)]);
    expect(index.errors[0]).toContain('no frozen figures');
  });

  it('a draft whose hash is stale is only a warning, and drafts build only when asked', () => {
    const reports = [version('2026-Q3', 1, H2, 'draft')];
    const off = indexOf(reports);
    expect(off.errors).toEqual([]);
    expect(off.warnings).toHaveLength(1);
    // It names the command that fixes it, which new-report does (report-workflow.test.ts).
    expect(off.warnings[0]).toContain('run `npm run new-report -- 2026-Q3` to re-pin the draft');
    // The folders as REVIEW_DATA_DIR and REVIEW_REPORTS_DIR name them.
    const named = buildReportIndex(reports, snapshots, false, {
      data: 'ex/data',
      reports: 'ex/reports',
    });
    expect(named.warnings[0]).toMatch(
      /^ex\/reports\/2026-Q3\/v1\.mdx: draft pins \S+ but ex\/data\/2026-Q3 hashes to/,
    );
    expect(off.periods).toEqual([]);
    expect(buildReportIndex(reports, snapshots, true).periods).toHaveLength(1);
  });

  it('rejects frozen figures that belong to another hash, two files for one version, and unknown snapshots', () => {
    const index = indexOf([
      version('2026-Q3', 1, H1, 'published', H2),
      published('2026-Q2', 1, H1),
      { ...published('2026-Q2', 1, H1), id: '2026-Q2/copy' },
      published('2025-Q1', 1, H1),
    ]);
    expect(index.errors).toHaveLength(3);
    expect(index.errors.join('\n')).toMatch(/frozen figures were computed from/);
    expect(index.errors.join('\n')).toMatch(/also declared by/);
    expect(index.errors.join('\n')).toMatch(/cites snapshot "2025-Q1"/);
  });
});
