/**
 * A published page is a pure function of its frozen figures file; a draft follows the code.
 * The site is built twice: by this project, and by a copy whose significance level is changed
 * from 0.05 to 0.5. The published version's page is byte-identical in both builds, while a
 * draft of the same period, computed live, now calls more changes significant.
 */
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, copyFixtureSite, ROOT, type BuildResult } from './build-site.ts';

/** A copy of the project with one constant of the code changed. */
function changedProject(): string {
  const copy = mkdtempSync(join(tmpdir(), 'changed-project-'));
  for (const entry of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'])
    cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const file = join(copy, 'src/metrics/significance.ts');
  const code = readFileSync(file, 'utf8');
  expect(code).toContain('SIGNIFICANCE_LEVEL = 0.05;');
  writeFileSync(file, code.replace('SIGNIFICANCE_LEVEL = 0.05;', 'SIGNIFICANCE_LEVEL = 0.5;'));
  return copy;
}

const significantMarks = (html: string) => (html.match(/data-significant="true"/g) ?? []).length;

let site: { dataDir: string; reportsDir: string };
let before: BuildResult;
let after: BuildResult;

beforeAll(() => {
  site = copyFixtureSite();
  // A draft second version of 2026-Q2 beside its published first.
  const published = readFileSync(join(site.reportsDir, '2026-Q2/v1.mdx'), 'utf8');
  writeFileSync(
    join(site.reportsDir, '2026-Q2/v2.mdx'),
    published.replace('version: 1', 'version: 2').replace('status: published', 'status: draft'),
  );
  before = buildSite(site.dataDir, site.reportsDir, { REVIEW_DRAFTS: '1' });
  after = buildSite(site.dataDir, site.reportsDir, { REVIEW_DRAFTS: '1' }, changedProject());
});

describe('a published page renders from its frozen figures only', () => {
  it('both builds succeed', () => {
    expect(before.code, before.output).toBe(0);
    expect(after.code, after.output).toBe(0);
  });

  it('the published version’s page and downloads are byte-identical after the code changed', () => {
    for (const file of ['reports/2026-Q2/v1/index.html', 'reports/2026-Q2/v1/figures.json']) {
      expect(readFileSync(join(after.outDir, file), 'utf8'), file).toBe(
        readFileSync(join(before.outDir, file), 'utf8'),
      );
    }
  });

  it('the draft follows the code: more changes are called significant at the looser level', () => {
    const draft = (build: BuildResult) =>
      readFileSync(join(build.outDir, 'reports/2026-Q2/v2/index.html'), 'utf8');
    expect(draft(after)).not.toBe(draft(before));
    expect(significantMarks(draft(after))).toBeGreaterThan(significantMarks(draft(before)));
  });
});
