/**
 * A snapshot's identity without reading it: the content hash its reading gives
 * (`read-snapshot.ts`: sha256 over the manifest and every file it names), computed from the
 * files' bytes alone, no row parsed. A build uses it to tell whether what it kept of a snapshot
 * is still that snapshot's (build/snapshot-cache.ts). A reduced snapshot (`reduced.json` beside
 * its manifest) is identified as its reading hashes it: by those two files.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAMES } from '../contracts/fields.ts';
import { REDUCED_FILE } from '../contracts/reduced-schema.ts';
import { hashFileSync } from './csv-reader.ts';
import { hasErrors } from './diagnostics.ts';
import { readManifest } from './read-manifest.ts';
import { snapshotHash } from './read-snapshot.ts';
import { resolveSnapshotFile } from './snapshot-files.ts';

/**
 * The hash `readSnapshot` would return for a snapshot folder, or null when its reading would
 * report an error before hashing every file (a manifest that cannot be read, a file refused or
 * missing): such a snapshot is read to say what is wrong.
 * @param dir absolute snapshot folder
 * @param externalData folders outside the snapshot its manifest may name files in
 * @param hashFile a file's sha256, hex (a build hands in one that reuses unchanged files')
 */
export async function snapshotIdentity(
  dir: string,
  displayDir: string,
  externalData: readonly string[] = [],
  hashFile: (path: string) => string = hashFileSync,
): Promise<string | null> {
  if (existsSync(join(dir, REDUCED_FILE))) return reducedIdentity(dir, hashFile);
  const read = readManifest(dir, displayDir, { externalData });
  if (!read.manifest || !read.bytes || hasErrors(read.diagnostics)) return null;
  const parts: Array<[string, string]> = [
    ['manifest.json', createHash('sha256').update(read.bytes).digest('hex')],
  ];
  // The same names, in the same multiplicity, as the reader hashes: each table's lookups, then
  // the table (a lookup two tables share is hashed twice there too).
  for (const name of TABLE_NAMES) {
    const table = read.manifest.tables[name];
    if (!table) continue;
    for (const name of [...table.lookups.map((l) => l.file), table.file]) {
      const file = resolveSnapshotFile(dir, name, externalData);
      if (!file.ok || !existsSync(file.path)) return null;
      parts.push([name, hashFile(file.path)]);
    }
  }
  return snapshotHash(parts);
}

/**
 * A reduced snapshot's hash as reducing/reduced-snapshot.ts gives it: over its manifest and its
 * reduced file; null without a manifest (its reading says so).
 */
function reducedIdentity(dir: string, hashFile: (path: string) => string): string | null {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) return null;
  return snapshotHash([
    ['manifest.json', hashFile(manifest)],
    [REDUCED_FILE, hashFile(join(dir, REDUCED_FILE))],
  ]);
}
