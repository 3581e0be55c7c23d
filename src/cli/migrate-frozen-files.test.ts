import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SITE } from '../../test/build-site.ts';
import { memoryEffects } from '../../test/memory-effects.ts';
import { contentHash } from '../build/content-hash.ts';
import { readFrozen } from '../build/frozen-figures.ts';
import { loadReviews, type ReviewData } from '../build/review-data.ts';
import type { ReviewFigures } from '../contracts/figures-schema.ts';
import { withTrends } from '../figures/trends.ts';
import { migrateFrozen } from './migrate-frozen-files.ts';
import { setFrontmatter } from './report-workflow.ts';

const fixture = (path: string) => readFileSync(join(FIXTURE_SITE, 'reports', path), 'utf8');
const MDX = 'reports/2026-Q2/v1.mdx';
const FROZEN = 'reports/2026-Q2/v1.figures.json';

/** The fixture's published 2026-Q2 as it was before per-file hashes: format 2, no figuresHash. */
function beforeFileHashes() {
  const { files, ...rest } = JSON.parse(fixture('2026-Q2/v1.figures.json')) as {
    files: unknown;
  };
  expect(files).toBeDefined();
  return memoryEffects({
    [MDX]: fixture('2026-Q2/v1.mdx').replace(/\nfiguresHash: .*/, ''),
    [FROZEN]: `${JSON.stringify({ ...rest, format: 2 }, null, 2)}\n`,
  });
}

let review: ReviewData;
beforeAll(async () => {
  review = await loadReviews(join(FIXTURE_SITE, 'data'), FIXTURE_SITE);
});

describe('migrateFrozen(review, reportsDir, fx)', () => {
  it('adds the snapshot’s file hashes and records the file’s hash: the committed fixture exactly', async () => {
    const fx = beforeFileHashes();
    expect(fx.files.get(MDX)).not.toContain('figuresHash');
    const { lines, failed } = await migrateFrozen(async () => review, 'reports', fx);
    expect(failed).toBe(0);
    expect(lines).toHaveLength(2);
    expect(fx.files.get(FROZEN)).toBe(fixture('2026-Q2/v1.figures.json'));
    expect(fx.files.get(MDX)).toBe(fixture('2026-Q2/v1.mdx'));
  });

  it('gives a published version no metric it did not publish, such as one the registry gained since', async () => {
    const fx = beforeFileHashes();
    const old = JSON.parse(fx.files.get(FROZEN)!) as ReviewFigures;
    const gained = 'csat_mean';
    expect(old.metrics[gained]).toBeDefined();
    for (const part of [old.metrics, old.catalog, old.trends, old.targetStatus])
      delete part[gained];
    fx.writeFile(FROZEN, `${JSON.stringify(old, null, 2)}\n`);
    const { failed } = await migrateFrozen(async () => review, 'reports', fx);
    expect(failed).toBe(0);
    const migrated = JSON.parse(fx.files.get(FROZEN)!) as ReviewFigures;
    expect(Object.keys(migrated.metrics)).toEqual(Object.keys(old.metrics));
    expect(Object.keys(migrated.catalog)).toEqual(Object.keys(old.catalog));
    expect(migrated.trends[gained]).toBeUndefined();
    const named = migrated.findings.flatMap((f) => [
      f.metricId,
      ...f.related.map((r) => r.metricId),
    ]);
    expect(named).not.toContain(gained);
  });

  it('migrates nothing when the snapshot changed since publication, and says so', async () => {
    const fx = beforeFileHashes();
    const before = new Map(fx.files);
    const changed = {
      ...review,
      reviews: review.reviews.map((r) => ({ ...r, hash: `sha256:${'0'.repeat(64)}` })),
    };
    const { lines, failed } = await migrateFrozen(async () => changed, 'reports', fx);
    expect(failed).toBe(1);
    expect(lines[0]).toContain('not migrated');
    expect(fx.files).toEqual(before);
  });

  it('records no hash for a file that is not valid figures of the version’s snapshot', async () => {
    const fx = beforeFileHashes();
    await migrateFrozen(async () => review, 'reports', fx);
    // An edited figure whose per-file hashes no longer add up, in a version without a hash.
    const edited = fx.files
      .get(FROZEN)!
      .replace(/"hash": "sha256:[0-9a-f]{4}/, '"hash": "sha256:0000');
    fx.writeFile(FROZEN, edited);
    fx.writeFile(MDX, fx.files.get(MDX)!.replace(/\nfiguresHash: .*/, ''));
    const { failed } = await migrateFrozen(async () => review, 'reports', fx);
    expect(failed).toBe(1);
    expect(fx.files.get(MDX)).not.toContain('figuresHash');
  });

  it('a migrated version passes the build’s check', async () => {
    const fx = beforeFileHashes();
    await migrateFrozen(async () => review, 'reports', fx);
    const recorded = /figuresHash: (\S+)/.exec(fx.files.get(MDX)!)![1];
    const read = readFrozen({
      path: join(FIXTURE_SITE, FROZEN),
      display: FROZEN,
      mdx: MDX,
      recorded,
      correction: '',
    });
    expect(read.ok).toBe(true);
  });
});

/**
 * The fixture's published 2026-Q2 as format 4 wrote it: every metric's trend, indented
 * throughout, its hash recorded.
 */
function format4() {
  const now = JSON.parse(fixture('2026-Q2/v1.figures.json')) as ReviewFigures;
  const all = withTrends(now, review.reviews);
  const text = `${JSON.stringify({ ...all, format: 4 }, null, 2)}\n`;
  return {
    all,
    fx: memoryEffects({
      [MDX]: setFrontmatter(fixture('2026-Q2/v1.mdx'), { figuresHash: contentHash(text) }),
      [FROZEN]: text,
    }),
  };
}

/** Every number and text of a JSON value by path. */
function leaves(value: unknown, prefix = '', out = new Map<string, unknown>()) {
  if (value === null || typeof value !== 'object') out.set(prefix, value);
  else for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

describe('migrateFrozen from format 4 (linear history)', () => {
  it('keeps the trends the page shows as published, drops the others, changes nothing else, and records the new hash', async () => {
    const { all, fx } = format4();
    expect(Object.keys(all.trends).length).toBeGreaterThan(4);
    const { lines, failed } = await migrateFrozen(
      () => Promise.reject(new Error('no snapshot is read for this step')),
      'reports',
      fx,
    );
    expect(failed).toBe(0);
    expect(lines.join('\n')).toContain('linear history');
    const moved = JSON.parse(fx.files.get(FROZEN)!) as ReviewFigures;
    expect(moved.format).toBe(5);
    expect(Object.keys(moved.trends).sort()).toEqual(['ces', 'csat', 'index', 'nps']);
    const before = leaves({ ...all, format: 5 });
    const after = leaves(moved);
    for (const [path, value] of after) expect(before.get(path), path).toEqual(value);
    for (const [path] of before)
      if (!path.startsWith('trends.') || /^trends\.(ces|csat|index|nps)\./.test(path))
        expect(after.has(path), path).toBe(true);
    // The committed fixture is this migration's output.
    expect(fx.files.get(FROZEN)).toBe(fixture('2026-Q2/v1.figures.json'));
    expect(fx.files.get(MDX)).toBe(fixture('2026-Q2/v1.mdx'));
  });

  it('moves nothing when the file is not the one its version recorded', async () => {
    const { fx } = format4();
    fx.writeFile(FROZEN, fx.files.get(FROZEN)!.replace('"responses": 220', '"responses": 221'));
    const before = new Map(fx.files);
    const { lines, failed } = await migrateFrozen(async () => review, 'reports', fx);
    expect(failed).toBe(1);
    expect(lines[0]).toContain('changed after publication');
    expect(fx.files).toEqual(before);
  });
});
