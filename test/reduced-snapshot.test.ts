/**
 * Reduced snapshots (`npm run reduce`): the build reads them as it reads the raw snapshots they
 * came from, with the same figures to the byte (apart from the snapshot's own hash and file
 * hashes, which are the reduced folder's), retention matched across a raw and a reduced period
 * through the pseudonym key, and nothing in them that names a customer or quotes a comment
 * beyond the redacted samples.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReviews, type ReviewData } from '../src/build/review-data.ts';
import { writeReduced } from '../src/build/write-reduced.ts';
import { REDUCED_FILE } from '../src/contracts/reduced-schema.ts';
import { pseudonymiser } from '../src/reducing/pseudonyms.ts';
import { ROOT } from './build-site.ts';

/** Three demo quarters with orders and tickets: the first stays raw, the others are reduced. */
const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3'];
const KEY = pseudonymiser('a test key, never a real one');

/** The figures JSON of each review without the snapshot's own hash and file hashes. */
function comparable(data: ReviewData): string[] {
  return data.reviews.map((r) => JSON.stringify({ ...r, hash: undefined, files: undefined }));
}

/** A copy of the demo quarters under `<work>/<name>/data`. */
function copyRaw(work: string, name: string): string {
  const dataDir = join(work, name, 'data');
  for (const q of QUARTERS) cpSync(join(ROOT, 'data', q), join(dataDir, q), { recursive: true });
  cpSync(join(ROOT, 'data/actions.csv'), join(dataDir, 'actions.csv'));
  return dataDir;
}

describe('reduced snapshots', () => {
  let work: string;
  let raw: ReviewData;
  let mixed: ReviewData;
  let mixedDir: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'reduced-'));
    const rawDir = copyRaw(work, 'raw');
    // The same folder names under another root, so every path the figures show is the same.
    mixedDir = join(work, 'mixed', 'data');
    cpSync(join(rawDir, QUARTERS[0]!), join(mixedDir, QUARTERS[0]!), { recursive: true });
    cpSync(join(rawDir, 'actions.csv'), join(mixedDir, 'actions.csv'));
    for (const q of QUARTERS.slice(1)) {
      const written = await writeReduced({
        dir: join(rawDir, q),
        displayDir: `data/${q}`,
        out: join(mixedDir, q),
        engine: 'typescript',
        pseudonymiser: KEY,
      });
      expect(written.written).not.toBeNull();
    }
    raw = await loadReviews(rawDir, join(work, 'raw'), { explore: true, pseudonymiser: KEY });
    mixed = await loadReviews(mixedDir, join(work, 'mixed'), { explore: true, pseudonymiser: KEY });
  }, 120_000);

  it('give byte-identical figures JSON to their raw snapshots, retention included', () => {
    // The action register names quarters this subset leaves out: the same errors either way.
    expect(mixed.diagnostics).toEqual(raw.diagnostics);
    expect(mixed.diagnostics.map((d) => d.id)).not.toContain('customer-ids-unmatched');
    expect(comparable(mixed)).toEqual(comparable(raw));
    // The movement joins a raw period with a reduced one, and a reduced with a reduced.
    expect(mixed.reviews[1]!.behaviour!.movement!.retained).toBeGreaterThan(0);
    expect(mixed.reviews[2]!.behaviour!.movement!.retained).toBe(
      raw.reviews[2]!.behaviour!.movement!.retained,
    );
    expect(JSON.stringify(mixed.history)).toBe(JSON.stringify(raw.history));
  });

  it('give the same Explore data as their raw snapshots', () => {
    const withoutHash = (data: ReviewData) =>
      data.explore.map((e) => JSON.stringify({ ...e, hash: undefined }));
    expect(withoutHash(mixed)).toEqual(withoutHash(raw));
  });

  it('pseudonymise raw snapshots too when a key is set, without changing a figure', async () => {
    const clear = await loadReviews(join(work, 'raw', 'data'), join(work, 'raw'), {
      pseudonymiser: null,
    });
    expect(comparable(clear)).toEqual(comparable(raw));
  });

  it('hold no customer id in clear and no comment but the redacted samples', () => {
    const reduced = readFileSync(join(mixedDir, QUARTERS[2]!, REDUCED_FILE), 'utf8');
    const orders = readFileSync(join(ROOT, 'data', QUARTERS[2]!, 'orders.csv'), 'utf8');
    const customers = new Set(
      orders
        .split('\n')
        .slice(1, 200)
        .map((line) => line.split(',')[1]!),
    );
    for (const id of customers) if (id) expect(reduced).not.toContain(`"${id}"`);
    const doc = JSON.parse(reduced) as { pseudonyms: { keyId: string } };
    expect(doc.pseudonyms.keyId).toBe(KEY.keyId);
    const survey = readFileSync(join(ROOT, 'data', QUARTERS[2]!, 'survey.csv'), 'utf8');
    const comments = survey
      .split('\n')
      .slice(1)
      .map((line) => line.slice(line.lastIndexOf(',') + 1).trim())
      .filter((text) => text.length > 12 && !text.includes('"'));
    expect(comments.length).toBeGreaterThan(10);
    // A comment's text appears only as a kept (redacted) sample's text.
    const count = (needle: string) => reduced.split(needle).length - 1;
    for (const text of comments)
      expect(count(JSON.stringify(text)), text).toBe(count(`"text":${JSON.stringify(text)}`));
  });

  it('without the key, a reduced period after a raw one is an error, never a retention', async () => {
    const data = await loadReviews(mixedDir, join(work, 'mixed'), { pseudonymiser: null });
    const unmatched = data.diagnostics.filter((d) => d.id === 'customer-ids-unmatched');
    expect(unmatched.map((d) => d.file)).toEqual([
      `data/${QUARTERS[1]}/manifest.json`,
      `data/${QUARTERS[2]}/manifest.json`,
    ]);
    expect(data.reviews[1]!.behaviour!.movement).toBeNull();
  });

  it('a manifest edited after the reduction is an error', async () => {
    const dir = join(work, 'edited', 'data');
    cpSync(mixedDir, dir, { recursive: true });
    const manifest = join(dir, QUARTERS[1]!, 'manifest.json');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8').replace('"period": "', '"period": "Edited '),
    );
    const data = await loadReviews(dir, join(work, 'edited'), { pseudonymiser: KEY });
    expect(data.diagnostics.map((d) => d.id)).toContain('reduced-manifest-changed');
  });

  it('pseudonymise the ids a warning names in a table read from an external data folder too', async () => {
    // The customers table lives outside the snapshot (REVIEW_EXTERNAL_DATA), named by its
    // absolute path; one customer is listed twice, which the reduction keeps as a warning.
    const external = join(work, 'external');
    mkdirSync(external, { recursive: true });
    const customers = join(external, 'customers.csv');
    writeFileSync(customers, 'Customer,Churned\nC000695,no\nC000695,no\nC000696,yes\n');
    const dir = join(work, 'with-external', QUARTERS[0]!);
    cpSync(join(work, 'raw', 'data', QUARTERS[0]!), dir, { recursive: true });
    const manifestFile = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      tables: Record<string, unknown>;
    };
    manifest.tables.customers = {
      file: customers,
      columns: { customer_id: 'Customer', churned: 'Churned' },
    };
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const out = join(work, 'with-external-reduced', QUARTERS[0]!);
    const result = await writeReduced({
      dir,
      displayDir: `data/${QUARTERS[0]}`,
      out,
      engine: 'typescript',
      pseudonymiser: KEY,
      externalData: [external],
    });
    expect(result.written).not.toBeNull();
    const doc = JSON.parse(readFileSync(join(out, REDUCED_FILE), 'utf8')) as {
      warnings: Array<{ id: string; file: string; value?: string; message: string }>;
    };
    const repeat = doc.warnings.find((w) => w.id === 'duplicate-id' && w.file === customers);
    expect(repeat?.value).toBe(KEY('C000695'));
    expect(readFileSync(join(out, REDUCED_FILE), 'utf8')).not.toContain('C000695');
    // Tickets and orders name customers the external table does not list: said with its path
    // as written, their ids pseudonymised.
    const unknown = doc.warnings.filter((w) => w.id === 'unknown-reference');
    expect(unknown.map((w) => w.file).sort()).toEqual(['orders.csv', 'tickets.csv']);
    for (const w of unknown) {
      expect(w.message).toContain(`that ${customers} does not list`);
      expect(w.value).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('are not written without a key when the snapshot has customer ids', async () => {
    const result = await writeReduced({
      dir: join(work, 'raw', 'data', QUARTERS[0]!),
      displayDir: `data/${QUARTERS[0]}`,
      out: join(work, 'nokey', QUARTERS[0]!),
      engine: 'typescript',
      pseudonymiser: null,
    });
    expect(result.written).toBeNull();
    expect(result.refused).toMatch(/REVIEW_PSEUDONYM_KEY/);
  });
});

describe('pseudonymiser(key)', () => {
  it('gives one pseudonym per id and key, and refuses a short key', () => {
    const other = pseudonymiser('another test key, never real');
    expect(KEY('C000007')).toBe(pseudonymiser('a test key, never a real one')('C000007'));
    expect(KEY('C000007')).not.toBe(KEY('C000008'));
    expect(KEY('C000007')).not.toBe(other('C000007'));
    expect(KEY.keyId).not.toBe(other.keyId);
    expect(() => pseudonymiser('short')).toThrow(/at least 16/);
  });
});
