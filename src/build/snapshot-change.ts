/**
 * Which files of a published snapshot changed: the figures frozen at publication record the
 * content hash of each file, so a snapshot that no longer matches is told file by file, and a
 * change that is only converted line endings is told as that.
 */
import { displayFile } from '../reading/snapshot-files.ts';
import { lineEndingChange } from './content-hash.ts';

export interface SnapshotChange {
  /** The changed files, each with what changed, for a message. */
  description: string;
  /** Files whose only change is converted line endings, as messages show them. */
  lineEndings: string[];
  /** True when converted line endings explain every change. */
  lineEndingsOnly: boolean;
}

/**
 * @param recorded the file hashes the frozen figures recorded, by name
 * @param current the file hashes of the snapshot now
 * @param displayDir the snapshot folder as messages show it
 * @param read the current bytes of a file of the snapshot, by name
 */
export function snapshotChange(
  recorded: Readonly<Record<string, string>>,
  current: Readonly<Record<string, string>>,
  displayDir: string,
  read: (name: string) => Buffer,
): SnapshotChange {
  const names = [...new Set([...Object.keys(recorded), ...Object.keys(current)])].sort();
  const changes: string[] = [];
  const lineEndings: string[] = [];
  for (const name of names) {
    const before = recorded[name];
    const now = current[name];
    const shown = displayFile(displayDir, name);
    if (before === now) continue;
    if (before === undefined) changes.push(`${shown} was added to the snapshot`);
    else if (now === undefined) changes.push(`${shown} is no longer part of the snapshot`);
    else {
      const converted = lineEndingChange(read(name), before);
      if (converted) lineEndings.push(shown);
      changes.push(
        converted ? `${shown} changed only in its line endings (${converted})` : `${shown} changed`,
      );
    }
  }
  return {
    description: changes.join('; '),
    lineEndings,
    lineEndingsOnly: changes.length > 0 && lineEndings.length === changes.length,
  };
}
