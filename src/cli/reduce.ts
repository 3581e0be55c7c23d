/**
 * `npm run reduce -- <snapshot dir> [--out reduced/<id>] [--engine typescript|duckdb|postgres]`:
 * turns a raw snapshot into a reduced one (docs/reduced-snapshots.md) — the states its figures
 * are computed from, customer ids pseudonymised with REVIEW_PSEUDONYM_KEY, no free text but the
 * redacted comment samples — which the build reads as it reads the raw one. Exit code 0 when
 * written, 1 on a data problem or a missing key, 2 on misuse.
 */
import { existsSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REDUCE_ENGINES, type ReduceEngine } from '../contracts/reduced-schema.ts';
import { externalDataRoots } from '../build/review-data.ts';
import { writeReduced } from '../build/write-reduced.ts';
import { formatDiagnostic } from '../reading/diagnostics.ts';
import { PSEUDONYM_KEY_ENV, pseudonymiserFromEnv } from '../reducing/pseudonyms.ts';
import { CliError, nodeEffects, runCli } from './cli-support.ts';

const USAGE = `usage: npm run reduce -- <snapshot dir> [--out reduced/<id>] [--engine typescript|duckdb|postgres] [--connection <postgres url>]

Turns a raw snapshot (manifest.json and its tables) into a reduced snapshot: manifest.json and
reduced.json, the states every figure is computed from, which the build reads like the raw one.

  --out         the reduced snapshot folder; its name must be the snapshot id (default reduced/<id>)
  --engine      typescript (default): the build's own reader;
                duckdb: SQL generated from the manifest, run in embedded DuckDB (reads CSV and Parquet);
                postgres: the same SQL on a PostgreSQL server, on tables named like the manifest's files
  --connection  the PostgreSQL connection string (default: the PG* environment variables)
  --memory-limit, --threads  DuckDB's settings of the same names (e.g. 600MB, 1)
  --help        this text

${PSEUDONYM_KEY_ENV} must hold a secret key (at least 16 characters, never committed) when the
snapshot has customer ids: they are written as keyed pseudonyms. Use the same key every period.`;

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      engine: { type: 'string', default: 'typescript' },
      connection: { type: 'string' },
      'memory-limit': { type: 'string' },
      threads: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    nodeEffects.out(USAGE);
    return;
  }
  const [dir] = positionals;
  if (!dir) throw new CliError(USAGE, 2);
  if (!existsSync(dir))
    throw new CliError(
      `No folder ${dir}: give the path of a snapshot folder, e.g. data/2026-Q3`,
      2,
    );
  const engine = values.engine as ReduceEngine;
  if (!REDUCE_ENGINES.includes(engine))
    throw new CliError(`--engine must be one of ${REDUCE_ENGINES.join(', ')}`, 2);
  const id = basename(resolve(dir));
  const out = values.out ?? join('reduced', id);
  if (basename(resolve(out)) !== id)
    throw new CliError(
      `The folder name must be the snapshot id: use --out ${join(out, '..', id)}`,
      2,
    );
  let pseudonymiser;
  try {
    pseudonymiser = pseudonymiserFromEnv();
  } catch (error) {
    throw new CliError(`${PSEUDONYM_KEY_ENV}: ${error instanceof Error ? error.message : error}`);
  }
  const root = process.cwd();
  const sqlEngine =
    engine === 'postgres'
      ? await (
          await import('../reducing/sql/postgres-engine.ts')
        ).connectPostgres(values.connection)
      : undefined;
  try {
    const result = await writeReduced({
      dir,
      displayDir: relative(root, resolve(dir)) || '.',
      out,
      engine,
      sqlEngine,
      pseudonymiser,
      externalData: externalDataRoots(root),
    });
    for (const d of result.diagnostics) nodeEffects.out(formatDiagnostic(d));
    if (result.refused) throw new CliError(result.refused);
    if (!result.written) throw new CliError(`${dir} has errors: nothing was written.`);
    nodeEffects.out(`Wrote ${out}/manifest.json and ${relative(root, result.written)}.`);
  } finally {
    await sqlEngine?.close();
  }
});
