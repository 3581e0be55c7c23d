/**
 * Hostile and broken inputs against the integrity of what is read and what is published: a
 * manifest that points outside its snapshot, a snapshot whose published data or frozen figures
 * were changed, a checkout that converted line endings, and builds that fail half-way. Each case
 * names the outcome it expects; the build-level cases share a handful of builds.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../src/build/content-hash.ts';
import { EXIT } from '../src/cli/commands.ts';
import { readFrozen } from '../src/build/frozen-figures.ts';
import type { ReviewFigures } from '../src/contracts/figures-schema.ts';
import { buildReportIndex, correctionAdvice } from '../src/build/report-index.ts';
import { loadReviews } from '../src/build/review-data.ts';
import { snapshotChange } from '../src/build/snapshot-change.ts';
import { formatReport, type Diagnostic } from '../src/reading/diagnostics.ts';
import {
  buildSite,
  copyFixtureSite,
  corruptRecommendCell,
  ROOT,
  type BuildResult,
} from './build-site.ts';

/** A fixture data folder whose 2026-Q2 manifest has `edit` applied. */
function withQ2Manifest(
  edit: (manifest: { tables: Record<string, Record<string, unknown>> }) => void,
) {
  const site = copyFixtureSite();
  const file = join(site.dataDir, '2026-Q2/manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  edit(manifest);
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return site;
}

/** A file outside every snapshot whose first line must never reach a message. */
function secretFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'outside-')), 'secret.csv');
  writeFileSync(path, 'SECRET-FIRST-LINE,do not echo\n1,2\n');
  return path;
}

const refused = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.id === 'path-outside-snapshot');

describe('reading stays inside the snapshot folder', () => {
  it('a table path into a sibling snapshot is a located error, and nothing of Q2 is computed from Q1’s file', async () => {
    const site = withQ2Manifest((m) => (m.tables.survey!.file = '../2026-Q1/survey.csv'));
    const review = await loadReviews(site.dataDir, site.dataDir);
    const [d, ...rest] = refused(review.diagnostics);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      level: 'error',
      file: './2026-Q2/manifest.json',
      column: 'tables.survey.file',
      value: '../2026-Q1/survey.csv',
    });
    expect(d!.row).toBeGreaterThan(1);
    expect(review.reviews.map((r) => r.id)).toEqual(['2026-Q1']);
  });

  it('an absolute path is refused before the file is read: no message echoes its content', async () => {
    const secret = secretFile();
    for (const path of [secret, '/etc/passwd']) {
      const site = withQ2Manifest((m) => (m.tables.survey!.file = path));
      const review = await loadReviews(site.dataDir, site.dataDir);
      expect(refused(review.diagnostics).map((d) => d.value)).toEqual([path]);
      // Only the manifest's own diagnostics: the table was never opened.
      expect(review.diagnostics.filter((d) => d.file.includes('2026-Q2/survey'))).toEqual([]);
      const report = formatReport(review.diagnostics);
      expect(report).not.toContain('SECRET-FIRST-LINE');
      expect(report).not.toContain('root:');
    }
  });

  it('a link inside the snapshot to a file outside it is refused; a link that stays inside is read', async () => {
    const outside = withQ2Manifest(() => {});
    const q2 = join(outside.dataDir, '2026-Q2');
    writeFileSync(join(q2, 'real.csv'), readFileSync(join(q2, 'survey.csv')));
    symlinkSync(secretFile(), join(q2, 'linked-out.csv'));
    symlinkSync(join(q2, 'real.csv'), join(q2, 'linked-in.csv'));
    const manifestFile = join(q2, 'manifest.json');
    const manifest = readFileSync(manifestFile, 'utf8');

    writeFileSync(manifestFile, manifest.replace('"survey.csv"', '"linked-out.csv"'));
    const out = await loadReviews(outside.dataDir, outside.dataDir);
    expect(refused(out.diagnostics)).toMatchObject([{ value: 'linked-out.csv' }]);
    expect(formatReport(out.diagnostics)).not.toContain('SECRET-FIRST-LINE');

    writeFileSync(manifestFile, manifest.replace('"survey.csv"', '"linked-in.csv"'));
    const inside = await loadReviews(outside.dataDir, outside.dataDir);
    expect(inside.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(inside.reviews.map((r) => r.id)).toEqual(['2026-Q1', '2026-Q2']);
  });

  it('a lookup file outside the snapshot and a manifest that links outside are refused too', async () => {
    const site = withQ2Manifest((m) => {
      m.tables.survey!.lookups = [
        {
          field: 'group',
          file: '../../outside.csv',
          key: 'customer_id',
          lookupKey: 'id',
          lookupValue: 'Segment',
        },
      ];
    });
    const review = await loadReviews(site.dataDir, site.dataDir);
    expect(refused(review.diagnostics)).toMatchObject([
      { column: 'tables.survey.lookups.0.file', value: '../../outside.csv' },
    ]);

    const linked = copyFixtureSite();
    const outsideManifest = join(mkdtempSync(join(tmpdir(), 'outside-')), 'manifest.json');
    writeFileSync(outsideManifest, 'SECRET-FIRST-LINE is not JSON');
    const q2Manifest = join(linked.dataDir, '2026-Q2/manifest.json');
    // The manifest replaced by a link to a file outside the folder.
    rmSync(q2Manifest);
    symlinkSync(outsideManifest, q2Manifest);
    const viaLink = await loadReviews(linked.dataDir, linked.dataDir);
    expect(refused(viaLink.diagnostics)).toMatchObject([{ file: './2026-Q2/manifest.json' }]);
    expect(formatReport(viaLink.diagnostics)).not.toContain('SECRET-FIRST-LINE');
  });

  it('a folder named by the person running the command (REVIEW_EXTERNAL_DATA) may hold files', async () => {
    const secret = secretFile();
    const site = withQ2Manifest((m) => (m.tables.survey!.file = secret));
    const allowed = await loadReviews(site.dataDir, site.dataDir, {
      externalData: [join(secret, '..')],
    });
    expect(refused(allowed.diagnostics)).toEqual([]);
    // Read, so the (wrong) header is what is reported now.
    expect(allowed.diagnostics.some((d) => d.id === 'missing-column')).toBe(true);
  });
});

/** sha256 of every file under `dir`, by path: two trees are equal when their maps are. */
function treeHashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else
        out.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** Stack frames, as Node prints them, in a build's output. */
const stackFrames = (output: string) => output.split('\n').filter((l) => /^\s+at \S/.test(l));

describe(
  'a failed build leaves the published site byte for byte as it was',
  { timeout: 120_000 },
  () => {
    const fixture = copyFixtureSite();
    // A name of its own, so that its staging folders are told from other tests' builds.
    const outDir = join(mkdtempSync(join(tmpdir(), 'published-')), 'hostile-site');
    let first: BuildResult;
    let before: Map<string, string>;
    /** Builds `site` into the published site's folder. */
    const rebuild = (site: typeof fixture) =>
      buildSite(site.dataDir, site.reportsDir, {}, undefined, outDir);

    beforeAll(() => {
      first = rebuild(fixture);
      before = treeHashes(outDir);
    });

    /**
     * The checks every failed build must pass.
     * @param code its exit code: 1 for an expected failure, 70 for a crash
     */
    function expectUntouched(build: BuildResult, code: number = EXIT.failed) {
      expect(build.code, build.output).toBe(code);
      expect(treeHashes(outDir)).toEqual(before);
      // Nothing beside the site (no second folder, no half-moved one), no staging folder and no
      // Astro scratch folder left.
      expect(readdirSync(dirname(outDir))).toEqual(['hostile-site']);
      const scratch = join(ROOT, '.astro');
      expect(readdirSync(scratch).filter((name) => name.startsWith('hostile-site-'))).toEqual([]);
      expect(existsSync(join(scratch, '.prerender'))).toBe(false);
    }

    it('the first build succeeds and prints no warning a reader cannot act on', () => {
      expect(first.code, first.output).toBe(0);
      expect(before.size).toBeGreaterThan(20);
      expect(first.output).not.toContain('MODULE_LEVEL_DIRECTIVE');
      const warnings = first.output.split('\n').filter((l) => /\[WARN\]/.test(l));
      // Only the data's own warnings (a small group, a low response rate), each with its fix.
      expect(warnings.every((l) => l.includes('[satisfaction-reviews] Data warnings'))).toBe(true);
    });

    it('a data error: its diagnostic once, no stack trace, exit code 1, the site untouched', () => {
      const site = copyFixtureSite();
      corruptRecommendCell(site.dataDir);
      const build = rebuild(site);
      expectUntouched(build);
      expect(build.output.match(/error \[out-of-scale\] \S*2026-Q2\/survey\.csv:6:/g)).toHaveLength(
        1,
      );
      expect(build.output).not.toContain('Stack trace');
      expect(stackFrames(build.output)).toEqual([]);
    });

    it('an edited frozen file and a CRLF checkout of published data: each located once, with its fix', () => {
      const site = copyFixtureSite();
      const frozen = join(site.reportsDir, '2026-Q1/v1.figures.json');
      writeFileSync(
        frozen,
        readFileSync(frozen, 'utf8').replace(/"value":\s*[0-9.]+/, '"value":99.9'),
      );
      const survey = join(site.dataDir, '2026-Q2/survey.csv');
      writeFileSync(survey, readFileSync(survey, 'utf8').replace(/\n/g, '\r\n'));
      const build = rebuild(site);
      expectUntouched(build);
      const edited = build.output.match(
        /\S*2026-Q1\/v1\.figures\.json was changed after publication[^\n]*/g,
      );
      expect(edited).toHaveLength(1);
      expect(edited![0]).toContain('git checkout --');
      expect(edited![0]).toContain('npm run new-report -- 2026-Q1');
      const converted = build.output.match(
        /[^\n]*2026-Q2\/survey\.csv changed only in its line endings \(LF to CRLF\)[^\n]*/g,
      );
      expect(converted).toHaveLength(1);
      expect(converted![0]).toContain('git config core.autocrlf false');
      expect(converted![0]).not.toContain('npm run new-report');
      expect(stackFrames(build.output)).toEqual([]);
    });

    it('code a report runs that ends the process with success fails the build instead', () => {
      const site = copyFixtureSite();
      appendFileSync(join(site.reportsDir, '2026-Q2/v1.mdx'), '\n{process.exit(0)}\n');
      const build = rebuild(site);
      expectUntouched(build);
      expect(build.output).toContain('nothing was published');
    });

    it('a crash shows its stack, and still leaves the site untouched', () => {
      const site = copyFixtureSite();
      appendFileSync(
        join(site.reportsDir, '2026-Q2/v1.mdx'),
        '\n{(() => { throw new TypeError("crash planted by the test") })()}\n',
      );
      const build = rebuild(site);
      expectUntouched(build, EXIT.crash);
      expect(build.output).toContain('This is a bug');
      expect(build.output).toContain('TypeError: crash planted by the test');
      expect(stackFrames(build.output).length).toBeGreaterThan(0);
    });
  },
);

/** The fixture's published 2026-Q1 as the build reads it, with its file changed by `edit`. */
function frozenQ1(edit: (text: string) => string | null) {
  const site = copyFixtureSite();
  const path = join(site.reportsDir, '2026-Q1/v1.figures.json');
  const recorded = /figuresHash: (\S+)/.exec(
    readFileSync(join(site.reportsDir, '2026-Q1/v1.mdx'), 'utf8'),
  )![1]!;
  const text = edit(readFileSync(path, 'utf8'));
  if (text === null) rmSync(path);
  else writeFileSync(path, text);
  return {
    path,
    display: 'reports/2026-Q1/v1.figures.json',
    mdx: 'reports/2026-Q1/v1.mdx',
    recorded,
    correction: correctionAdvice('2026-Q1', 2),
  };
}

describe('frozen figures are verified against the hash recorded at publication', () => {
  it('the committed file passes', () => {
    expect(readFrozen(frozenQ1((t) => t)).ok).toBe(true);
  });

  it('an edited number fails, located, with how to restore it and how to publish a correction', () => {
    const read = readFrozen(frozenQ1((t) => t.replace(/"value":\s*[0-9.]+/, '"value":99.9')));
    expect(read).toMatchObject({ ok: false });
    if (read.ok) return;
    expect(read.problem).toMatch(
      /^reports\/2026-Q1\/v1\.figures\.json was changed after publication/,
    );
    expect(read.fix).toContain('git checkout -- reports/2026-Q1/v1.figures.json');
    expect(read.fix).toContain('npm run new-report -- 2026-Q1');
    expect(read.fix).toContain('npm run publish-report -- 2026-Q1');
  });

  it('a missing file and an invalid one fail the same way, never silently and never with a crash', () => {
    for (const edit of [() => null, () => '{"format": 3', () => '[]']) {
      const read = readFrozen(frozenQ1(edit));
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.fix).toContain('git checkout --');
    }
  });

  it('a file whose line endings git converted is said to be exactly that', () => {
    const read = readFrozen(frozenQ1((t) => t.replace(/\n/g, '\r\n')));
    expect(read).toMatchObject({ ok: false });
    if (read.ok) return;
    expect(read.problem).toContain('only in its line endings (LF to CRLF)');
    expect(read.fix).toContain('git config core.autocrlf false');
  });

  it('a version published without a recorded hash is refused until migrate-frozen records it', () => {
    const read = readFrozen({ ...frozenQ1((t) => t), recorded: undefined });
    expect(read).toMatchObject({ ok: false });
    if (!read.ok) expect(read.fix).toContain('npm run migrate-frozen');
  });

  it('figures validated before are taken by the file’s hash, never for an edited file', () => {
    const kept = new Map<string, ReviewFigures>();
    const validated = {
      get: (hash: string) => kept.get(hash),
      set: (hash: string, figures: ReviewFigures) => void kept.set(hash, figures),
    };
    const version = frozenQ1((t) => t);
    const first = readFrozen({ ...version, validated });
    expect(first.ok).toBe(true);
    expect([...kept.keys()]).toEqual([version.recorded]);
    // What was kept is what is read, without validating the file again.
    const marked = { ...kept.get(version.recorded)!, id: 'kept' };
    kept.set(version.recorded, marked);
    expect(readFrozen({ ...version, validated })).toEqual({ ok: true, figures: marked });
    // An edited file hashes otherwise: refused, whatever is kept.
    const edited = frozenQ1((t) => t.replace(/"value":\s*[0-9.]+/, '"value":99.9'));
    expect(readFrozen({ ...edited, validated }).ok).toBe(false);
    // An invalid file is not kept.
    const invalid = frozenQ1(() => '[]');
    const hash = contentHash(readFileSync(invalid.path));
    expect(readFrozen({ ...invalid, recorded: hash, validated }).ok).toBe(false);
    expect(kept.has(hash)).toBe(false);
  });

  it('figures whose file hashes do not make up their snapshot hash are invalid, even when re-recorded', () => {
    const version = frozenQ1((t) => t.replace(/("survey\.csv": "sha256:)[0-9a-f]/, '$10'));
    const read = readFrozen({ ...version, recorded: contentHash(readFileSync(version.path)) });
    expect(read).toMatchObject({ ok: false });
    if (!read.ok) expect(read.problem).toContain('do not make up its snapshot hash');
  });
});

describe('a changed published snapshot names the files that changed', () => {
  const hashes = (files: Record<string, string>) =>
    Object.fromEntries(Object.entries(files).map(([name, text]) => [name, contentHash(text)]));
  const published = { 'manifest.json': '{}\n', 'survey.csv': 'a,b\n1,2\n', 'orders.csv': 'x\n1\n' };

  it('a changed, a removed and an added file, each by name', () => {
    const now = { 'manifest.json': '{}\n', 'survey.csv': 'a,b\n1,3\n', 'tickets.csv': 't\n' };
    const change = snapshotChange(hashes(published), hashes(now), 'data/2026-Q3', (name) =>
      Buffer.from(now[name as keyof typeof now]),
    );
    expect(change.description).toBe(
      'data/2026-Q3/orders.csv is no longer part of the snapshot; data/2026-Q3/survey.csv changed; data/2026-Q3/tickets.csv was added to the snapshot',
    );
    expect(change.lineEndingsOnly).toBe(false);
  });

  it('a file git converted to CRLF, or back, is told apart from an edit', () => {
    const crlf = { ...published, 'survey.csv': 'a,b\r\n1,2\r\n' };
    const change = snapshotChange(hashes(published), hashes(crlf), 'data/2026-Q3', (name) =>
      Buffer.from(crlf[name as keyof typeof crlf]),
    );
    expect(change).toEqual({
      description: 'data/2026-Q3/survey.csv changed only in its line endings (LF to CRLF)',
      lineEndings: ['data/2026-Q3/survey.csv'],
      lineEndingsOnly: true,
    });
    const back = snapshotChange(hashes(crlf), hashes(published), 'd', (name) =>
      Buffer.from(published[name as keyof typeof published]),
    );
    expect(back.description).toBe('d/survey.csv changed only in its line endings (CRLF to LF)');
  });

  it('the build’s message says how to fix a conversion, and asks for a correction only for an edit', () => {
    const data = {
      title: 't',
      snapshot: '2026-Q3',
      snapshotHash: `sha256:${'1'.repeat(64)}`,
      version: 1,
      status: 'published' as const,
      date: new Date('2026-10-01'),
      authors: [],
      summary: 's',
    };
    const snapshots = [{ id: '2026-Q3', start: '2026-07-01', hash: `sha256:${'2'.repeat(64)}` }];
    const message = (lineEndingsOnly: boolean) =>
      buildReportIndex(
        [
          {
            id: '2026-Q3/v1',
            data,
            frozenHash: data.snapshotHash,
            snapshotChange: {
              description: 'data/2026-Q3/survey.csv changed',
              lineEndings: lineEndingsOnly ? ['data/2026-Q3/survey.csv'] : [],
              lineEndingsOnly,
            },
          },
        ],
        snapshots,
        false,
      ).errors[0]!;
    expect(message(false)).toContain('(data/2026-Q3/survey.csv changed)');
    expect(message(false)).toContain('npm run new-report -- 2026-Q3');
    expect(message(true)).toContain('git config core.autocrlf false');
    expect(message(true)).not.toContain('npm run new-report');
  });
});

describe('.gitattributes', () => {
  const git = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: ROOT });
  it.skipIf(git.status !== 0)('keeps git from converting snapshot data and frozen figures', () => {
    const files = [
      'data/2026-Q3/survey.csv',
      'data/2026-Q3/manifest.json',
      'examples/olist/data/olist/manifest.json',
      'test/fixtures/site/data/2026-Q1/survey.csv',
      'test/fixtures/open-questionnaire/data/air-2026/survey.csv',
      'reports/2026-Q3/v1.figures.json',
      'examples/telco/reports/telco/v1.figures.json',
      'test/fixtures/site/reports/2026-Q2/v1.figures.json',
    ];
    const out = spawnSync('git', ['check-attr', 'text', '--', ...files], {
      cwd: ROOT,
      encoding: 'utf8',
    }).stdout;
    expect(out.trim().split('\n')).toEqual(files.map((f) => `${f}: text: unset`));
  });
});
