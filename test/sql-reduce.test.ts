/**
 * The SQL path (SQL generated from the manifest, run in DuckDB and in a real PostgreSQL
 * server) against the TypeScript path: the same figures to 1e-9 on two demo quarters (value
 * labels, not-applicable codes, segments, orders, delivery and ticket times, comments, the
 * Explore cells), from CSV and from Parquet; and a cell the reader refuses is refused by the
 * SQL's checks with the same diagnostic at the same place.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReviews, type ReviewData } from '../src/build/review-data.ts';
import { writeReduced } from '../src/build/write-reduced.ts';
import { TABLE_NAMES } from '../src/contracts/fields.ts';
import { ManifestSchema } from '../src/contracts/manifest-schema.ts';
import { pseudonymiser } from '../src/reducing/pseudonyms.ts';
import { openDuckDb } from '../src/reducing/sql/duckdb-engine.ts';
import { connectPostgres, loadCsvTable } from '../src/reducing/sql/postgres-engine.ts';
import { reduceWithSql } from '../src/reducing/sql/reduce-with-sql.ts';
import type { SqlEngine } from '../src/reducing/sql/sql-engine.ts';
import { corruptCell, ROOT } from './build-site.ts';
import { differences } from './differences.ts';
import { postgresBin, startCluster, type Cluster } from './postgres.ts';
import { writeSnapshot } from './snapshot-builder.ts';
import { surveyMonkeyExport, surveyMonkeyManifest } from './surveymonkey-export.ts';

const QUARTERS = ['2026-Q2', '2026-Q3'];
const KEY = pseudonymiser('a test key, never a real one');

/** A copy of the demo quarters under `<work>/<name>/data`. */
function copyRaw(work: string, name: string): string {
  const dataDir = join(work, name, 'data');
  for (const q of QUARTERS) cpSync(join(ROOT, 'data', q), join(dataDir, q), { recursive: true });
  return dataDir;
}

/** Reduces each quarter of `rawDir` with SQL in `engine` into `<work>/<name>/data`. */
async function reduceAll(
  work: string,
  name: string,
  rawDir: string,
  engine: SqlEngine,
  before: (quarter: string) => Promise<void> = async () => {},
): Promise<ReviewData> {
  const dataDir = join(work, name, 'data');
  for (const q of QUARTERS) {
    await before(q);
    const result = await writeReduced({
      dir: join(rawDir, q),
      displayDir: `data/${q}`,
      out: join(dataDir, q),
      engine: engine.dialect.name,
      sqlEngine: engine,
      pseudonymiser: KEY,
    });
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(result.written).not.toBeNull();
  }
  return loadReviews(dataDir, join(work, name), { explore: true, pseudonymiser: KEY });
}

/** The SQL path's reviews against the TypeScript path's: movement joined, figures to 1e-9. */
function expectSameAsTypeScript(sql: ReviewData): void {
  expect(sql.reviews.length).toBe(QUARTERS.length);
  expect(sql.reviews[1]!.behaviour!.movement!.retained).toBeGreaterThan(0);
  expect(differences(sql.reviews, typescript.reviews)).toEqual([]);
  expect(
    differences(sql.explore, typescript.explore).filter((d) => !/^\.\d+\.hash/.test(d)),
  ).toEqual([]);
}

let work: string;
let rawDir: string;
let typescript: ReviewData;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sql-reduce-'));
  rawDir = copyRaw(work, 'raw');
  typescript = await loadReviews(rawDir, join(work, 'raw'), { explore: true, pseudonymiser: KEY });
}, 60_000);

describe('the SQL path on DuckDB', () => {
  it(
    'gives the TypeScript path’s figures and Explore data to 1e-9',
    { timeout: 120_000 },
    async () => {
      const engine = await openDuckDb({ threads: 1 });
      try {
        expectSameAsTypeScript(await reduceAll(work, 'duckdb', rawDir, engine));
      } finally {
        await engine.close();
      }
    },
  );

  it(
    'reads a table from Parquet, which the build refuses to read',
    { timeout: 120_000 },
    async () => {
      const dir = join(work, 'parquet', 'raw', QUARTERS[1]!);
      cpSync(join(rawDir, QUARTERS[1]!), dir, { recursive: true });
      const engine = await openDuckDb({ threads: 1 });
      try {
        await engine.query(
          `COPY (SELECT * FROM read_csv('${join(dir, 'orders.csv')}', all_varchar = true)) TO '${join(dir, 'orders.parquet')}' (FORMAT parquet)`,
        );
        const manifest = join(dir, 'manifest.json');
        writeFileSync(
          manifest,
          readFileSync(manifest, 'utf8').replace('"orders.csv"', '"orders.parquet"'),
        );
        const fromParquet = await reduceWithSql(dir, `data/${QUARTERS[1]}`, { engine });
        const fromCsv = await reduceWithSql(join(rawDir, QUARTERS[1]!), `data/${QUARTERS[1]}`, {
          engine,
        });
        expect(fromParquet.states!.tables.orders!.rows).toBe(fromCsv.states!.tables.orders!.rows);
        const behaviour = (r: typeof fromCsv) => r.states!.reduced.behaviour!;
        expect(behaviour(fromParquet).customers.index.ids).toEqual(
          behaviour(fromCsv).customers.index.ids,
        );
        expect(
          differences(behaviour(fromParquet).customers.data, behaviour(fromCsv).customers.data),
        ).toEqual([]);
      } finally {
        await engine.close();
      }
      const build = await loadReviews(join(work, 'parquet', 'raw'), join(work, 'parquet'));
      expect(build.diagnostics.map((d) => d.id)).toContain('table-format-unsupported');
    },
  );

  it('spills to a folder of its own in the OS temporary folder, removed on close', async () => {
    const previous = process.env.TMPDIR;
    const temp = mkdtempSync(join(tmpdir(), 'sql-spill-'));
    process.env.TMPDIR = temp;
    try {
      const engine = await openDuckDb({ memoryLimit: '24MB', threads: 1 });
      const [spill] = readdirSync(temp);
      expect(spill).toMatch(/^review-duckdb-/);
      // An aggregate far larger than the memory limit: DuckDB must spill to finish it.
      const { rows } = await engine.query(
        'SELECT COUNT(*) AS n FROM (SELECT i, COUNT(*) AS k FROM range(3000000) AS t(i) GROUP BY i)',
      );
      expect(rows[0]!.n).toBe(3_000_000);
      expect(existsSync(join(process.cwd(), '.tmp'))).toBe(false);
      await engine.close();
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(temp, { recursive: true, force: true });
    }
  });

  it(
    'text written as another system writes it (decomposed accents, capitals) reads as the manifest declares it, on both paths',
    { timeout: 120_000 },
    async () => {
      // One quarter with accented levels, a header, labels and a status; `form` is how the
      // export writes them (the manifest writes NFC, lower-case statuses).
      const q = QUARTERS[1]!;
      const accented = (name: string, form: 'NFC' | 'NFD') => {
        const dir = join(work, 'accents', name, 'data', q);
        cpSync(join(rawDir, q), dir, { recursive: true });
        const written = (text: string) => text.normalize(form);
        const swap = (file: string, pairs: Array<[RegExp, string]>) => {
          let text = readFileSync(join(dir, file), 'utf8');
          for (const [from, to] of pairs) text = text.replace(from, written(to));
          writeFileSync(join(dir, file), text);
        };
        swap('survey.csv', [
          [/,Enterprise,/g, ',Entreprise générale,'],
          [/,Overall satisfaction,/, ',Satisfaction générale,'],
          [/,Very satisfied,/g, ',Très satisfait,'],
        ]);
        swap('orders.csv', [
          [/,Enterprise,/g, ',Entreprise générale,'],
          [/,cancelled,/g, ',Annulée,'],
        ]);
        const manifestFile = join(dir, 'manifest.json');
        const manifest = readFileSync(manifestFile, 'utf8')
          .replaceAll('"Enterprise"', '"Entreprise générale"')
          .replaceAll('"Overall satisfaction"', '"Satisfaction générale"')
          .replace('"Very satisfied"', '"Très satisfait"')
          .replace('"cancelled"', '"annulée"');
        writeFileSync(manifestFile, manifest);
        return join(work, 'accents', name);
      };
      const load = (root: string) => loadReviews(join(root, 'data'), root);
      const composed = await load(accented('nfc', 'NFC'));
      const decomposed = await load(accented('nfd', 'NFD'));
      expect(composed.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
      expect(decomposed.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
      const [review] = decomposed.reviews;
      expect(review!.behaviour!.excludedOrders).toMatchObject({ annulée: 345 });
      expect(
        review!.metrics.csat!.segments.customer_group!['Entreprise générale']!.n,
      ).toBeGreaterThan(0);
      const comparable = (d: ReviewData) =>
        d.reviews.map((r) => ({ ...r, hash: undefined, files: undefined, tables: undefined }));
      expect(differences(comparable(decomposed), comparable(composed))).toEqual([]);
      // The SQL path reads the decomposed export the same way.
      const engine = await openDuckDb({ threads: 1 });
      try {
        const out = join(work, 'accents', 'sql', 'data', q);
        const result = await writeReduced({
          dir: join(work, 'accents', 'nfd', 'data', q),
          displayDir: `data/${q}`,
          out,
          engine: 'duckdb',
          sqlEngine: engine,
          pseudonymiser: KEY,
        });
        expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
        const sql = await loadReviews(
          join(work, 'accents', 'sql', 'data'),
          join(work, 'accents', 'sql'),
          {
            pseudonymiser: KEY,
          },
        );
        const typescript = await loadReviews(
          join(work, 'accents', 'nfd', 'data'),
          join(work, 'accents', 'nfd'),
          { pseudonymiser: KEY },
        );
        expect(differences(comparable(sql), comparable(typescript))).toEqual([]);
      } finally {
        await engine.close();
      }
    },
  );

  it('refuses a file that starts with Excel\'s "sep=" line as the reader does', async () => {
    const dir = join(work, 'sep', 'data', QUARTERS[1]!);
    cpSync(join(rawDir, QUARTERS[1]!), dir, { recursive: true });
    const file = join(dir, 'survey.csv');
    writeFileSync(file, `sep=,\r\n${readFileSync(file, 'utf8')}`);
    const where = (d: { id: string; file: string; row?: number }) => `${d.id} ${d.file}:${d.row}`;
    const sql = await reduceWithSql(dir, `data/${QUARTERS[1]}`);
    expect(sql.states).toBeNull();
    const refused = sql.diagnostics.filter((d) => d.level === 'error').map(where);
    expect(refused).toEqual([`excel-sep-line data/${QUARTERS[1]}/survey.csv:1`]);
    const ours = await loadReviews(join(work, 'sep', 'data'), join(work, 'sep'));
    expect(ours.diagnostics.filter((d) => d.level === 'error').map(where)).toEqual(refused);
  });

  it('refuses by name a Qualtrics ImportId row, which the reader skips', async () => {
    const dir = join(work, 'importid', 'data', QUARTERS[1]!);
    cpSync(join(rawDir, QUARTERS[1]!), dir, { recursive: true });
    const file = join(dir, 'survey.csv');
    const [header, ...rest] = readFileSync(file, 'utf8').split('\n');
    const importIds = header!.split(',').map((_, i) => `"{""ImportId"":""QID${i}""}"`);
    writeFileSync(file, [header, importIds.join(','), ...rest].join('\n'));
    const sql = await reduceWithSql(dir, `data/${QUARTERS[1]}`);
    expect(sql.states).toBeNull();
    expect(
      sql.diagnostics.filter((d) => d.level === 'error').map((d) => `${d.id} ${d.file}:${d.row}`),
    ).toEqual([`table-format-unsupported data/${QUARTERS[1]}/survey.csv:2`]);
    const ours = await loadReviews(join(work, 'importid', 'data'), join(work, 'importid'));
    expect(ours.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(ours.reviews[0]!.responses).toBe(
      typescript.reviews.find((r) => r.id === QUARTERS[1])!.responses,
    );
  });

  it("refuses by name SurveyMonkey's row of labels under a matrix question", async () => {
    const { dataDir, dir } = writeSnapshot(
      { 'survey.csv': surveyMonkeyExport(40).text },
      surveyMonkeyManifest(),
    );
    const sql = await reduceWithSql(dir, 'data/2026-Q1');
    expect(sql.states).toBeNull();
    expect(
      sql.diagnostics.filter((d) => d.level === 'error').map((d) => `${d.id} ${d.file}:${d.row}`),
    ).toEqual(['table-format-unsupported data/2026-Q1/survey.csv:2']);
    const ours = await loadReviews(dataDir, dataDir);
    expect(ours.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(ours.reviews[0]!.responses).toBe(40);
  });

  it(
    'refuses a cell the reader refuses, at the same file, row and column',
    { timeout: 60_000 },
    async () => {
      const dir = join(work, 'bad', 'data', QUARTERS[1]!);
      cpSync(join(rawDir, QUARTERS[1]!), dir, { recursive: true });
      // 42 in the 0–10 recommend column of the fifth response.
      corruptCell(join(dir, 'survey.csv'), 5, 5, '42');
      const sql = await reduceWithSql(dir, `data/${QUARTERS[1]}`);
      expect(sql.states).toBeNull();
      const ours = await loadReviews(join(work, 'bad', 'data'), join(work, 'bad'));
      const where = (d: { id: string; file: string; row?: number; column?: string }) =>
        `${d.id} ${d.file}:${d.row}:${d.column}`;
      const refused = sql.diagnostics.filter((d) => d.level === 'error').map(where);
      expect(refused).toEqual([
        'out-of-scale data/2026-Q3/survey.csv:6:How likely are you to recommend us to a friend or colleague? (0-10)',
      ]);
      expect(ours.diagnostics.filter((d) => d.level === 'error').map(where)).toEqual(refused);
    },
  );
});

const bin = postgresBin();

describe.skipIf(!bin)(
  `the SQL path on PostgreSQL${bin ? '' : ' (skipped: no initdb found)'}`,
  () => {
    let cluster: Cluster;
    beforeAll(() => {
      cluster = startCluster(bin!);
    }, 60_000);
    afterAll(() => cluster?.stop());

    it(
      'gives the TypeScript path’s figures and Explore data to 1e-9',
      { timeout: 120_000 },
      async () => {
        const engine = await connectPostgres({
          host: cluster.host,
          user: 'postgres',
          database: 'postgres',
        });
        try {
          // Each quarter's tables in a schema of its own, loaded from its exports by the server.
          const load = async (quarter: string) => {
            const schema = `q_${quarter.replace('-', '_').toLowerCase()}`;
            await engine.client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
            await engine.client.query(`SET search_path TO ${schema}`);
            const manifest = ManifestSchema.parse(
              JSON.parse(readFileSync(join(rawDir, quarter, 'manifest.json'), 'utf8')),
            );
            for (const table of TABLE_NAMES) {
              const declared = manifest.tables[table];
              if (!declared) continue;
              const path = join(cluster.files, `${quarter}-${table}.csv`);
              copyFileSync(join(rawDir, quarter, declared.file), path);
              const headers = readFileSync(path, 'utf8').split('\n')[0]!.split(',');
              await loadCsvTable(engine.client, table, path, headers, ',');
            }
          };
          expectSameAsTypeScript(await reduceAll(work, 'postgres', rawDir, engine, load));
        } finally {
          await engine.close();
        }
      },
    );
  },
);
