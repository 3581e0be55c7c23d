/** Runs `npm run build`'s command on a data and reports folder, as CI does, and returns what it printed. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const FIXTURE_SITE = join(ROOT, 'test/fixtures/site');

export interface BuildResult {
  code: number;
  output: string;
  outDir: string;
  /** Astro's cache folder the build used (the snapshot cache is in it). */
  cacheDir: string;
}

/**
 * @param root the project to build with (a changed copy of this one, in a test)
 * @param outDir the site folder (a new temporary one by default)
 */
export function buildSite(
  dataDir: string,
  reportsDir: string,
  env: Record<string, string> = {},
  root = ROOT,
  outDir?: string,
): BuildResult {
  const work = mkdtempSync(join(tmpdir(), 'review-build-'));
  const site = outDir ?? join(work, 'dist');
  const cacheDir = env.ASTRO_CACHE_DIR ?? join(work, 'cache');
  const node = join(ROOT, 'node_modules/.bin/node');
  const result = spawnSync(node, [join(root, 'src/cli/build.ts'), '--outDir', site], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
      REVIEW_DATA_DIR: dataDir,
      REVIEW_REPORTS_DIR: reportsDir,
      ASTRO_CACHE_DIR: cacheDir,
      ASTRO_TELEMETRY_DISABLED: '1',
      // Printing board packs starts Chromium: the tests that read them ask for it.
      REVIEW_BOARD_PACKS: 'no',
      // vitest sets NODE_ENV=test, which would make Astro build in development mode.
      NODE_ENV: 'production',
      ...env,
    },
  });
  return {
    code: result.status ?? 1,
    output: `${result.stdout}\n${result.stderr}`,
    outDir: site,
    cacheDir,
  };
}

/**
 * Corrupts one cell of a copy of the fixture's data: 42 in the 0–10 recommend column of row 6
 * of 2026-Q2's survey, an out-of-scale error the build must refuse.
 */
export function corruptRecommendCell(dataDir: string): void {
  corruptCell(join(dataDir, '2026-Q2/survey.csv'), 5, 4, '42');
}

/**
 * Writes `value` into cell `column` (0-based) of line `line` (0-based, the header is 0) of a
 * CSV file whose cells hold no quoted comma.
 */
export function corruptCell(file: string, line: number, column: number, value: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const cells = lines[line]!.split(',');
  cells[column] = value;
  lines[line] = cells.join(',');
  writeFileSync(file, lines.join('\n'));
}

/** A writable copy of the fixture site's data and reports. */
export function copyFixtureSite(): { dataDir: string; reportsDir: string } {
  const work = mkdtempSync(join(tmpdir(), 'review-site-'));
  cpSync(join(FIXTURE_SITE, 'data'), join(work, 'data'), { recursive: true });
  cpSync(join(FIXTURE_SITE, 'reports'), join(work, 'reports'), { recursive: true });
  return { dataDir: join(work, 'data'), reportsDir: join(work, 'reports') };
}

/** Every file under `dir`, as sorted paths relative to it. */
export function listTree(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listTree(dir, path) : [path];
    })
    .sort();
}

/**
 * The pages (and downloads) a build rendered and those it copied from the last build unchanged
 * (Astro's incremental build), as its log lists them: "├─ /path (+12ms)" or "├─ /path (restored)".
 */
export function routesOf(output: string): { rendered: string[]; restored: string[] } {
  const rendered: string[] = [];
  const restored: string[] = [];
  for (const [, path, how] of output.matchAll(/├─ (\S+) \((restored|\+[\d.]+m?s)\)/g))
    (how === 'restored' ? restored : rendered).push(path!);
  return { rendered, restored };
}
