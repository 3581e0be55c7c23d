/**
 * Where a manifest may point: at files inside its own snapshot folder (a link is followed only
 * when it lands inside the folder too), or inside a folder the person running the command names
 * in REVIEW_EXTERNAL_DATA (the worked examples read public datasets kept beside the checkout).
 * Checked before a byte is read, so a manifest can neither publish another snapshot's data as its
 * own (`../2026-Q2/survey.csv`) nor read a file of the machine (`/etc/passwd`) into a page or a
 * message: the manifest is data, and data chooses no files outside its folder.
 */
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';

export type SnapshotFile =
  { ok: true; path: string } | { ok: false; problem: 'absolute' | 'outside' | 'link-outside' };

/** True when `path` is strictly below `folder` (both absolute and normalised). */
function below(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Resolves a file name from a manifest against its snapshot folder.
 * @param dir absolute snapshot folder
 * @param name the path as the manifest writes it
 * @param externalData absolute folders outside the snapshot that files may also come from
 * @returns the absolute path, or why it is refused (a file that does not exist is not refused
 *   here: the reader reports it as missing)
 * @example resolveSnapshotFile('/data/2026-Q3', '../2026-Q2/survey.csv') // { ok: false, problem: 'outside' }
 */
export function resolveSnapshotFile(
  dir: string,
  name: string,
  externalData: readonly string[] = [],
): SnapshotFile {
  const path = resolve(dir, name);
  const roots = [dir, ...externalData];
  if (name.includes('\0') || !roots.some((root) => below(root, path)))
    return { ok: false, problem: isAbsolute(name) ? 'absolute' : 'outside' };
  if (!existsSync(path)) return { ok: true, path };
  // The folder itself may be a link (a data folder mounted elsewhere): compare real paths.
  const real = realpathSync(path);
  const realRoots = roots.filter((root) => existsSync(root)).map((root) => realpathSync(root));
  return realRoots.some((root) => below(root, real))
    ? { ok: true, path }
    : { ok: false, problem: 'link-outside' };
}

/** What each refusal means, in a diagnostic's words. */
export const SNAPSHOT_FILE_PROBLEMS: Record<
  Exclude<SnapshotFile, { ok: true }>['problem'],
  string
> = {
  absolute: 'is an absolute path: a snapshot reads only files inside its own folder',
  outside: 'leads outside the snapshot folder: a snapshot reads only files inside its own folder',
  'link-outside':
    'is a link to a file outside the snapshot folder: a snapshot reads only files inside its own folder',
};

/**
 * A file named by a manifest as diagnostics show it: under the snapshot's display folder, or as
 * written when it is an absolute path (a file of an external data folder).
 */
export function displayFile(displayDir: string, name: string): string {
  return isAbsolute(name) ? name : normalize(`${displayDir}/${name}`);
}
