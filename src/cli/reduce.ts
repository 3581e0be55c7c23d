/**
 * `npx review reduce <snapshot dir> [--out reduced/<id>] [--engine typescript|duckdb|postgres]`:
 * turns a raw snapshot into a reduced one (docs/reduced-snapshots.md) — the states its figures
 * are computed from, customer ids pseudonymised with REVIEW_PSEUDONYM_KEY, no free text but the
 * redacted comment samples — which the build reads as it reads the raw one. Exit codes as every
 * command's (commands.ts).
 */
import { existsSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { REDUCE_ENGINES, type ReduceEngine } from '../contracts/reduced-schema.ts';
import { externalDataRoots } from '../build/review-data.ts';
import { writeReduced } from '../build/write-reduced.ts';
import { formatDiagnostic } from '../reading/diagnostics.ts';
import { PSEUDONYM_KEY_ENV, pseudonymiserFromEnv } from '../reducing/pseudonyms.ts';
import { CliError, nodeEffects, runCli } from './cli-support.ts';
import { parseCommand } from './command-line.ts';

/** Reduces a snapshot; see `npx review reduce --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('reduce', argv);
  if (!args) return;
  const { positionals, values } = args;
  const dir = positionals[0]!;
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
      : engine === 'duckdb'
        ? await (
            await import('../reducing/sql/duckdb-engine.ts')
          ).openDuckDb({
            memoryLimit: values['memory-limit'],
            threads: values.threads === undefined ? undefined : Number(values.threads),
          })
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
}

if (import.meta.main) await runCli('reduce', main);
