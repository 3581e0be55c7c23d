/**
 * Builds that cost what changed: loads of a data folder through the snapshot cache read only
 * the snapshots whose files, code or carry changed, and give the figures a load without a cache
 * gives. Readers are counted by wrapping the real ones (`readers`), so "read" means a CSV parsed.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadReviews,
  summaryLine,
  type LoadOptions,
  type ReviewData,
} from '../src/build/review-data.ts';
import { codeVersion, dataCacheDir, siteCodeVersion } from '../src/build/snapshot-cache.ts';
import { writeReduced } from '../src/build/write-reduced.ts';
import { generateDemo } from '../src/demo/demo-generator.ts';
import { pseudonymiser } from '../src/reducing/pseudonyms.ts';
import { reduceExplore } from '../src/reducing/explore-reducers.ts';
import { reduceSnapshot } from '../src/reducing/reduce-snapshot.ts';
import { readSnapshot } from '../src/reading/read-snapshot.ts';
import { snapshotIdentity } from '../src/reading/snapshot-identity.ts';
import { ROOT } from './build-site.ts';
import { lookupManifest, writeSnapshot } from './snapshot-builder.ts';

/** Three small demo quarters (orders and tickets included, so customers carry over). */
let source: string;
let ids: string[];

beforeAll(() => {
  source = mkdtempSync(join(tmpdir(), 'incremental-source-'));
  const snapshots = generateDemo({ seed: 7, quarters: 3, scale: 0.15 });
  for (const snapshot of snapshots) {
    mkdirSync(join(source, snapshot.id));
    for (const [name, text] of Object.entries(snapshot.files))
      writeFileSync(join(source, snapshot.id, name), text);
  }
  ids = snapshots.map((s) => s.id);
});

/** A copy of the first `count` quarters, and a cache folder of its own. */
function site(count = 3): { dataDir: string; cacheDir: string } {
  const work = mkdtempSync(join(tmpdir(), 'incremental-'));
  for (const id of ids.slice(0, count))
    cpSync(join(source, id), join(work, 'data', id), { recursive: true });
  return { dataDir: join(work, 'data'), cacheDir: join(work, 'cache') };
}

/** Loads through the cache, counting each snapshot the readers read. */
async function load(
  dataDir: string,
  cacheDir: string | undefined,
  logged: string[] = [],
  options: LoadOptions = {},
  root = join(dataDir, '..'),
) {
  const read: string[] = [];
  const data = await loadReviews(dataDir, root, {
    ...options,
    explore: true,
    cacheDir,
    log: (m) => logged.push(m),
    readers: {
      reduce: (dir, displayDir, options) => {
        read.push(displayDir);
        return reduceSnapshot(dir, displayDir, options);
      },
      reduceExplore: (dir, displayDir, ...rest) => {
        read.push(`${displayDir} (Explore)`);
        return reduceExplore(dir, displayDir, ...rest);
      },
    },
  });
  return { data, read };
}

/** Everything a load hands the site, as text. */
const output = (d: ReviewData) =>
  JSON.stringify([d.reviews, d.explore, d.history, d.actions, d.diagnostics]);

/** Sets the "Product quality" answer (1–5, the 9th column) of a quarter's first plain row. */
function setProductQuality(dataDir: string, id: string, value: (old: string) => string): void {
  const file = join(dataDir, id, 'survey.csv');
  const lines = readFileSync(file, 'utf8').split('\n');
  expect(lines[0]!.split(',')[8]).toBe('Product quality');
  // A row with no quoted cell, so its commas are its columns.
  const at = lines.findIndex(
    (l, i) => i > 0 && !l.includes('"') && /^[1-5]$/.test(l.split(',')[8]!),
  );
  const cells = lines[at]!.split(',');
  cells[8] = value(cells[8]!);
  lines[at] = cells.join(',');
  writeFileSync(file, lines.join('\n'));
}

/** Changes one survey answer of a quarter to another valid one. */
const editSurveyCell = (dataDir: string, id: string) =>
  setProductQuality(dataDir, id, (old) => (old === '5' ? '1' : '5'));

describe('loadReviews through the snapshot cache', { timeout: 60_000 }, () => {
  it('a load with nothing changed reads no snapshot and gives what a load without a cache gives', async () => {
    const { dataDir, cacheDir } = site();
    const first = await load(dataDir, cacheDir);
    expect(first.read).toHaveLength(6);
    const again = await load(dataDir, cacheDir);
    expect(again.read).toEqual([]);
    expect(summaryLine(again.data.summary)).toMatch(
      /^snapshots: 3 \(3 from cache, 0 parsed\) in \d+\.\d s$/,
    );
    const uncached = await load(dataDir, undefined);
    expect(output(again.data)).toBe(output(uncached.data));
    expect(output(first.data)).toBe(output(uncached.data));
  });

  it('two data folders with the same snapshot names keep their own entries in one cache', async () => {
    // One checkout, two sites (the tests' fixture site and the demo, say): building one must
    // not evict the other's entries.
    const { dataDir, cacheDir } = site();
    const root = join(dataDir, '..');
    const other = join(root, 'other', 'data');
    cpSync(dataDir, other, { recursive: true });
    editSurveyCell(other, ids[2]!);
    await load(dataDir, cacheDir, [], {}, root);
    const second = await load(other, cacheDir, [], {}, root);
    expect(second.read).toHaveLength(6);
    const back = await load(dataDir, cacheDir, [], {}, root);
    expect(back.read).toEqual([]);
    expect((await load(other, cacheDir, [], {}, root)).read).toEqual([]);
    expect(output(back.data)).toBe(output((await load(dataDir, undefined, [], {}, root)).data));
  });

  it('adding a quarter reads only it', async () => {
    const { dataDir, cacheDir } = site(2);
    await load(dataDir, cacheDir);
    cpSync(join(source, ids[2]!), join(dataDir, ids[2]!), { recursive: true });
    const added = await load(dataDir, cacheDir);
    expect(added.read).toEqual([`data/${ids[2]}`, `data/${ids[2]} (Explore)`]);
    expect(added.data.summary).toMatchObject({ snapshots: 3, fromCache: 2 });
    expect(output(added.data)).toBe(output((await load(dataDir, undefined)).data));
  });

  it('an edited survey cell reads its quarter and the next (whose changes compare with it), not the one after', async () => {
    const { dataDir, cacheDir } = site();
    await load(dataDir, cacheDir);
    editSurveyCell(dataDir, ids[0]!);
    const edited = await load(dataDir, cacheDir);
    expect(edited.read).toEqual([
      `data/${ids[0]}`,
      `data/${ids[0]} (Explore)`,
      // Its Explore data depends on its own files only: kept.
      `data/${ids[1]}`,
    ]);
    expect(output(edited.data)).toBe(output((await load(dataDir, undefined)).data));
  });

  it('an edited order reads every later quarter with orders: their new customers depend on it', async () => {
    const { dataDir, cacheDir } = site();
    await load(dataDir, cacheDir);
    const file = join(dataDir, ids[0]!, 'orders.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[0]!.split(',')[1]).toBe('Customer ID');
    // A customer no one else is: a new customer in the first quarter, never seen again.
    const cells = lines[1]!.split(',');
    cells[1] = 'C999999';
    lines[1] = cells.join(',');
    writeFileSync(file, lines.join('\n'));
    const edited = await load(dataDir, cacheDir);
    expect(edited.read.filter((r) => !r.endsWith('(Explore)'))).toEqual(
      ids.map((id) => `data/${id}`),
    );
    expect(output(edited.data)).toBe(output((await load(dataDir, undefined)).data));
  });

  it('a quarter with an error is kept out of the cache, and its fix is read once', async () => {
    const { dataDir, cacheDir } = site();
    const file = join(dataDir, ids[1]!, 'survey.csv');
    const good = readFileSync(file, 'utf8');
    setProductQuality(dataDir, ids[1]!, () => '9');
    const broken = await load(dataDir, cacheDir);
    expect(broken.data.diagnostics.some((d) => d.id === 'out-of-scale')).toBe(true);
    const folder = join(dataCacheDir(cacheDir, 'data'), ids[1]!);
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
    const still = await load(dataDir, cacheDir);
    expect(still.read).toContain(`data/${ids[1]}`);
    expect(still.data.diagnostics.some((d) => d.level === 'error')).toBe(true);
    writeFileSync(file, good);
    const fixed = await load(dataDir, cacheDir);
    expect(fixed.read).toContain(`data/${ids[1]}`);
    expect(output(fixed.data)).toBe(output((await load(dataDir, undefined)).data));
    expect((await load(dataDir, cacheDir)).read).toEqual([]);
  });

  it('an entry that is not what it should be is said and read again, never used', async () => {
    const { dataDir, cacheDir } = site();
    await load(dataDir, cacheDir);
    const folder = join(dataCacheDir(cacheDir, 'data'), ids[2]!);
    const entry = readdirSync(folder).find((f) => f.startsWith('figures-'))!;
    writeFileSync(join(folder, entry), readFileSync(join(folder, entry), 'utf8').slice(0, 1000));
    const logged: string[] = [];
    const reread = await load(dataDir, cacheDir, logged);
    expect(reread.read).toContain(`data/${ids[2]}`);
    expect(logged.join('\n')).toContain(`${entry} is not JSON`);
    expect(output(reread.data)).toBe(output((await load(dataDir, undefined)).data));
  });

  it('a customers entry gone missing is read again from its snapshot when a later quarter needs it', async () => {
    const { dataDir, cacheDir } = site();
    await load(dataDir, cacheDir);
    const folder = join(dataCacheDir(cacheDir, 'data'), ids[1]!);
    for (const f of readdirSync(folder)) if (f.startsWith('customers-')) rmSync(join(folder, f));
    editSurveyCell(dataDir, ids[2]!);
    const edited = await load(dataDir, cacheDir);
    // The second quarter's figures need its customers entry to count as kept: read again.
    expect(edited.read).toContain(`data/${ids[1]}`);
    expect(output(edited.data)).toBe(output((await load(dataDir, undefined)).data));
  });
});

describe('reduced snapshots through the snapshot cache', { timeout: 60_000 }, () => {
  const KEY = pseudonymiser('a test key, never a real one');

  /** The first quarter raw, the others reduced (`review reduce`) with KEY. */
  async function mixedSite() {
    const { dataDir, cacheDir } = site();
    for (const id of ids.slice(1)) {
      const raw = join(dataDir, '..', 'raw', id);
      cpSync(join(dataDir, id), raw, { recursive: true });
      rmSync(join(dataDir, id), { recursive: true });
      const written = await writeReduced({
        dir: raw,
        displayDir: `data/${id}`,
        out: join(dataDir, id),
        engine: 'typescript',
        pseudonymiser: KEY,
      });
      expect(written.written).not.toBeNull();
    }
    return { dataDir, cacheDir };
  }

  it('are kept like raw ones: a load with nothing changed reads none, with the same figures', async () => {
    const { dataDir, cacheDir } = await mixedSite();
    const keyed = { pseudonymiser: KEY };
    const first = await load(dataDir, cacheDir, [], keyed);
    // The reduced ones hold their Explore states: only the raw one is read for them.
    expect(first.read).toEqual([
      `data/${ids[0]}`,
      `data/${ids[0]} (Explore)`,
      `data/${ids[1]}`,
      `data/${ids[2]}`,
    ]);
    expect(first.data.diagnostics.map((d) => d.id)).not.toContain('customer-ids-unmatched');
    const again = await load(dataDir, cacheDir, [], keyed);
    expect(again.read).toEqual([]);
    expect(again.data.summary).toMatchObject({ snapshots: 3, fromCache: 3 });
    expect(output(again.data)).toBe(output((await load(dataDir, undefined, [], keyed)).data));
    expect(again.data.reviews[1]!.behaviour!.movement!.retained).toBeGreaterThan(0);
  });

  it('a raw quarter read without the key is read again, and its ids not matching a cached reduced quarter’s are said', async () => {
    const { dataDir, cacheDir } = await mixedSite();
    await load(dataDir, cacheDir, [], { pseudonymiser: KEY });
    const clear = await load(dataDir, cacheDir, [], { pseudonymiser: null });
    expect(clear.read).toContain(`data/${ids[0]}`);
    expect(clear.data.diagnostics.map((d) => d.id)).toContain('customer-ids-unmatched');
    const uncached = await load(dataDir, undefined, [], { pseudonymiser: null });
    expect(output(clear.data)).toBe(output(uncached.data));
  });

  it('a reduced snapshot’s identity is the hash its reading gives', async () => {
    const { dataDir } = await mixedSite();
    const dir = join(dataDir, ids[1]!);
    const read = await reduceSnapshot(dir, 'data/x');
    expect(read.reducedFrom).toBeDefined();
    expect(read.loaded.hash).not.toBeNull();
    expect(await snapshotIdentity(dir, 'data/x')).toBe(read.loaded.hash);
  });
});

describe('snapshotIdentity', () => {
  it('is the hash reading the snapshot gives, of a demo quarter and of one with a lookup file', async () => {
    const demo = join(source, ids[0]!);
    const read = await readSnapshot(demo, 'data/x', () => ({ survey: () => {} }));
    expect(read.hash).not.toBeNull();
    expect(await snapshotIdentity(demo, 'data/x')).toBe(read.hash);

    const manifest = lookupManifest();
    const rows = Array.from({ length: 40 }, (_, i) => `R${i},C${i % 2},9`);
    const { dir } = writeSnapshot(
      {
        'survey.csv': `Response ID,Customer,Recommend\n${rows.join('\n')}\n`,
        'customers.csv': 'id,Segment\nC0,A\nC1,B\n',
      },
      manifest,
    );
    const withLookup = await readSnapshot(dir, 'data/x', () => ({ survey: () => {} }));
    expect(withLookup.hash).not.toBeNull();
    expect(await snapshotIdentity(dir, 'data/x')).toBe(withLookup.hash);
  });

  it('is null for a manifest that cannot be read, or a file it names that is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'identity-'));
    expect(await snapshotIdentity(dir, 'data/x')).toBeNull();
    cpSync(join(source, ids[0]!), dir, { recursive: true });
    rmSync(join(dir, 'tickets.csv'));
    expect(await snapshotIdentity(dir, 'data/x')).toBeNull();
  });
});

/** A copy of the project's `src/` (and the lockfile beside it); returns the copy's `src/`. */
function copyOfSource(): string {
  const project = mkdtempSync(join(tmpdir(), 'code-'));
  cpSync(join(ROOT, 'src'), join(project, 'src'), { recursive: true });
  cpSync(join(ROOT, 'package-lock.json'), join(project, 'package-lock.json'));
  return join(project, 'src');
}

describe('codeVersion and siteCodeVersion', () => {
  it('the figures’ code version follows the data path only; the site’s every file of src/ but the tests', () => {
    const at = copyOfSource();
    const versions = () => ({ code: codeVersion(at), site: siteCodeVersion(at) });
    let last = versions();
    const root = join(ROOT, 'src');
    expect(last).toEqual({ code: codeVersion(root), site: siteCodeVersion(root) });
    // Each edit, and which of the two versions it must change.
    const edits: Array<[file: string, code: boolean, site: boolean]> = [
      ['views/format.test.ts', false, false],
      ['views/format.ts', false, true],
      ['views/styles/global.css', false, true],
      ['views/layouts/BaseLayout.astro', false, true],
      ['reading/label-scales.json', false, true],
      ['metrics/significance.ts', true, true],
    ];
    for (const [file, code, site] of edits) {
      expect(existsSync(join(at, file)), file).toBe(true);
      writeFileSync(join(at, file), '\n', { flag: 'a' });
      const now = versions();
      expect({ file, code: now.code !== last.code, site: now.site !== last.site }).toEqual({
        file,
        code,
        site,
      });
      last = now;
    }
    expect(() => codeVersion(mkdtempSync(join(tmpdir(), 'no-code-')))).toThrow(/requires/);
  });
});
