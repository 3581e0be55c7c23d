import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SITE } from '../../test/build-site.ts';
import { memoryEffects } from '../../test/memory-effects.ts';
import { readFrozen } from '../build/frozen-figures.ts';
import { loadReviews, type ReviewData } from '../build/review-data.ts';
import { migrateFrozen } from './migrate-frozen-files.ts';

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
  it('adds the snapshot’s file hashes and records the file’s hash: the committed fixture exactly', () => {
    const fx = beforeFileHashes();
    expect(fx.files.get(MDX)).not.toContain('figuresHash');
    const { lines, failed } = migrateFrozen(review, 'reports', fx);
    expect(failed).toBe(0);
    expect(lines).toHaveLength(2);
    expect(fx.files.get(FROZEN)).toBe(fixture('2026-Q2/v1.figures.json'));
    expect(fx.files.get(MDX)).toBe(fixture('2026-Q2/v1.mdx'));
  });

  it('migrates nothing when the snapshot changed since publication, and says so', () => {
    const fx = beforeFileHashes();
    const before = new Map(fx.files);
    const changed = {
      ...review,
      reviews: review.reviews.map((r) => ({ ...r, hash: `sha256:${'0'.repeat(64)}` })),
    };
    const { lines, failed } = migrateFrozen(changed, 'reports', fx);
    expect(failed).toBe(1);
    expect(lines[0]).toContain('not migrated');
    expect(fx.files).toEqual(before);
  });

  it('records no hash for a file that is not valid figures of the version’s snapshot', () => {
    const fx = beforeFileHashes();
    migrateFrozen(review, 'reports', fx);
    // An edited figure whose per-file hashes no longer add up, in a version without a hash.
    const edited = fx.files
      .get(FROZEN)!
      .replace(/"hash": "sha256:[0-9a-f]{4}/, '"hash": "sha256:0000');
    fx.writeFile(FROZEN, edited);
    fx.writeFile(MDX, fx.files.get(MDX)!.replace(/\nfiguresHash: .*/, ''));
    const { failed } = migrateFrozen(review, 'reports', fx);
    expect(failed).toBe(1);
    expect(fx.files.get(MDX)).not.toContain('figuresHash');
  });

  it('a migrated version passes the build’s check', () => {
    const fx = beforeFileHashes();
    migrateFrozen(review, 'reports', fx);
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
