/**
 * A snapshot named on the command line, by its folder or by its id in the data folder, and the
 * one refusal of a snapshot that is not there, which lists those that are.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotFolders } from '../build/review-data.ts';
import { didYouMean } from '../contracts/near-matches.ts';
import { CliError } from './cli-support.ts';
import { EXIT } from './commands.ts';

/**
 * The refusal of a snapshot id the data folder does not hold: the ids it holds, the closest
 * first, and how to add one. Exit code 2: the command line names something that is not there.
 */
export function unknownSnapshot(id: string, known: readonly string[], dataDir: string): CliError {
  const listed = known.length > 0 ? `Its snapshots: ${known.join(', ')}` : 'It has none yet';
  return new CliError(
    `No snapshot "${id}" in ${dataDir}/${didYouMean(id, known)}. ${listed}. Give a snapshot id or folder, or draft one with \`npm run new-snapshot -- <export files> --id ${id}\`.`,
    EXIT.usage,
  );
}

/**
 * The folder of the snapshot `name`: a folder as given, else the snapshot of that id in
 * `dataDir`.
 * @throws CliError (exit code 2) naming the snapshots of `dataDir` when neither exists
 */
export function snapshotFolder(name: string, dataDir: string): string {
  if (existsSync(name) && statSync(name).isDirectory()) return name;
  const inData = join(dataDir, name);
  if (existsSync(inData) && statSync(inData).isDirectory()) return inData;
  throw unknownSnapshot(name, snapshotFolders(dataDir), dataDir);
}
