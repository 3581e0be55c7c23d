/**
 * `npx review migrate-frozen`: brings every frozen figures file, and the published versions that
 * cite them, to the current format (migrate-frozen-files.ts says how), printing a line per change.
 */
import { resolve } from 'node:path';
import { loadReviews } from '../build/review-data.ts';
import { CliError, nodeEffects, runCli } from './cli-support.ts';
import { parseCommand } from './command-line.ts';
import { migrateFrozen } from './migrate-frozen-files.ts';

/** Migrates the frozen figures; see `npx review migrate-frozen --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('migrate-frozen', argv);
  if (!args) return;
  const { data, reports } = args.values;
  const root = process.cwd();
  const review = await loadReviews(resolve(root, data), root);
  const { lines, failed } = migrateFrozen(review, reports, nodeEffects);
  for (const line of lines) nodeEffects.out(line);
  if (lines.length === 0)
    nodeEffects.out(
      'Every frozen file is in the current format and every version records its hash: nothing to do.',
    );
  if (failed > 0) throw new CliError(`${failed} file(s) not migrated (see above).`);
}

if (import.meta.main) await runCli('migrate-frozen', main);
