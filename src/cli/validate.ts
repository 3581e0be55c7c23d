/**
 * `npm run validate -- <snapshot dir> [--json]`: checks one snapshot without building the site
 * and reports every problem at once. Exit code 0 when valid, 1 on errors, 2 on misuse.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatValidationTable, validateSnapshot } from '../build/validate-snapshot.ts';
import { CliError, nodeEffects, runCli } from './cli-support.ts';

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false } },
  });
  const [dir] = positionals;
  if (!dir) throw new CliError('usage: npm run validate -- <snapshot dir> [--json]', 2);
  if (!existsSync(dir))
    throw new CliError(
      `No folder ${dir}: give the path of a snapshot folder, e.g. data/2026-Q3`,
      2,
    );
  const report = await validateSnapshot(dir);
  nodeEffects.out(values.json ? JSON.stringify(report, null, 2) : formatValidationTable(report));
  if (!report.ok) process.exitCode = 1;
});
