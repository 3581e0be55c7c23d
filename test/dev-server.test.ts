/**
 * `astro dev` on a copy of the project and of the fixture site (its reports as drafts, which
 * render from live figures): a cell edited in one snapshot shows in the next response, which
 * waits for the figures rather than serving the earlier ones; only that snapshot is read again;
 * and data with an error is answered with the error, not with the last good figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReviews } from '../src/build/review-data.ts';
import { FIXTURE_SITE, ROOT } from './build-site.ts';

let dev: ChildProcess;
let output = '';
let url: string;
let project: string;

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Waits until the server has printed a line matching `pattern` after `from` characters. */
async function printed(pattern: RegExp, from = 0, ms = 60_000): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const match = pattern.exec(output.slice(from));
    if (match) return match[0];
    if (dev.exitCode !== null) throw new Error(`astro dev exited:\n${output}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`astro dev did not print ${pattern} in ${ms} ms:\n${output}`);
}

/** Sets the recommend answer (0–10) of the fixture's 2026-Q2 row 6. */
function setRecommend(value: string): void {
  const file = join(project, 'data/2026-Q2/survey.csv');
  const lines = readFileSync(file, 'utf8').split('\n');
  const cells = lines[5]!.split(',');
  cells[4] = value;
  lines[5] = cells.join(',');
  writeFileSync(file, lines.join('\n'));
}

/** 2026-Q2's NPS as the dev server's download of every period's figures gives it. */
async function servedNps(): Promise<number> {
  const response = await fetch(`${url}data/all-periods.json`);
  expect(response.status, output.slice(-3000)).toBe(200);
  const body = (await response.json()) as {
    reviews: Array<{ id: string; metrics: { nps: { overall: { value: number } } } }>;
  };
  return body.reviews.find((r) => r.id === '2026-Q2')!.metrics.nps.overall.value;
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'dev-project-'));
  for (const entry of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'])
    cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  cpSync(join(FIXTURE_SITE, 'data'), join(project, 'data'), { recursive: true });
  cpSync(join(FIXTURE_SITE, 'reports'), join(project, 'reports'), { recursive: true });
  // Drafts: a published version would (rightly) refuse data changed after publication.
  for (const period of readdirSync(join(project, 'reports'))) {
    const mdx = join(project, 'reports', period, 'v1.mdx');
    writeFileSync(
      mdx,
      readFileSync(mdx, 'utf8')
        .replace('status: published', 'status: draft')
        .replace(/\nfiguresHash: .*/, ''),
    );
  }
  const port = await freePort();
  url = `http://127.0.0.1:${port}/`;
  dev = spawn(
    join(ROOT, 'node_modules/.bin/node'),
    [
      join(ROOT, 'node_modules/astro/bin/astro.mjs'),
      'dev',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    {
      cwd: project,
      // Not vitest's environment: it sets DEV, PROD, MODE and BASE_URL, which Astro reads too.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ASTRO_CACHE_DIR: join(project, 'cache'),
        ASTRO_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'development',
      },
    },
  );
  dev.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  dev.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await printed(/snapshots: 2 \(0 from cache, 2 parsed\)/);
  await printed(/127\.0\.0\.1:\d+/);
}, 90_000);

afterAll(() => {
  dev?.kill();
});

describe('astro dev after a data edit', { timeout: 60_000 }, () => {
  it('the next response has the new figure, and only the edited snapshot was read again', async () => {
    const before = await servedNps();
    const from = output.length;
    setRecommend('10');
    // Asked at once, before the file watcher may have said anything: it waits for the figures.
    const served = await servedNps();
    const expected = (await loadReviews(join(project, 'data'), project)).reviews.find(
      (r) => r.id === '2026-Q2',
    )!.metrics.nps!.overall.value;
    expect(served).toBe(expected);
    expect(served).not.toBe(before);
    expect(await printed(/snapshots: \d+ \(\d+ from cache, \d+ parsed\)/, from)).toBe(
      'snapshots: 2 (1 from cache, 1 parsed)',
    );
  });

  it('data with an error is answered with the error, never with the earlier figures', async () => {
    // A file system that keeps whole seconds (some do): two writes of the same size within one
    // second leave the same size and time, and only the contents tell the change.
    const file = join(project, 'data/2026-Q2/survey.csv');
    const second = Math.floor(Date.now() / 1000);
    setRecommend(' 9'); // valid (cells are trimmed), as wide as the error below
    utimesSync(file, second, second);
    expect((await fetch(`${url}reports/2026-Q2/`)).status, output.slice(-3000)).toBe(200);
    setRecommend('42');
    utimesSync(file, second, second);
    const response = await fetch(`${url}reports/2026-Q2/`);
    const text = await response.text();
    expect(response.status, output.slice(-3000)).toBe(500);
    expect(text).toContain('out-of-scale');
    expect(text).toContain('data/2026-Q2/survey.csv:6:Recommend');
    setRecommend('7');
    expect((await fetch(`${url}reports/2026-Q2/`)).status, output.slice(-3000)).toBe(200);
  });
});
