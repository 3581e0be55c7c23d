/**
 * `npx review validate <snapshot> [--json]`: checks one snapshot without building the site and
 * reports every problem at once. Exit code 0 when valid, 1 on errors, 2 on misuse.
 */
import { formatValidationTable, validateSnapshot } from '../build/validate-snapshot.ts';
import { nodeEffects, runCli } from './cli-support.ts';
import { parseCommand } from './command-line.ts';
import { EXIT } from './commands.ts';
import { snapshotFolder } from './snapshot-folder.ts';

/** Validates one snapshot; see `npx review validate --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('validate', argv);
  if (!args) return;
  const dir = snapshotFolder(args.positionals[0]!, args.values.data);
  const report = await validateSnapshot(dir);
  nodeEffects.out(
    args.values.json ? JSON.stringify(report, null, 2) : formatValidationTable(report),
  );
  if (!report.ok) process.exitCode = EXIT.failed;
}

if (import.meta.main) await runCli('validate', main);
