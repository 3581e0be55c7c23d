/**
 * A site is published whole or not at all. The build writes into a fresh staging folder; only
 * when it has finished is the staging folder moved into place, by renames, so `dist/` holds
 * either the previous site, byte for byte, or the new one. Whatever stops the build first (a
 * data error, a tampered published version, a crash, `process.exit` called from code the build
 * runs, Ctrl-C) leaves the previous site as it was and removes the staging folder, scratch
 * files included.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A name beside `target` that nothing uses yet. */
function sibling(target: string, tag: string): string {
  const base = `${target}.${tag}-${process.pid}`;
  let name = base;
  for (let i = 1; existsSync(name); i++) name = `${base}-${i}`;
  return name;
}

/**
 * Moves a finished site from `staging` to `target`, replacing what was there. Renames within one
 * file system; across file systems the site is first copied beside the target, so the swap
 * itself is still two renames.
 */
export function moveIntoPlace(staging: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  // A target that is a link (dist → /var/www/site) is replaced where it points.
  const place = existsSync(target) ? realpathSync(target) : target;
  const incoming = sibling(place, 'new');
  try {
    renameSync(staging, incoming);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(staging, incoming, { recursive: true });
    rmSync(staging, { recursive: true, force: true });
  }
  const previous = existsSync(place) ? sibling(place, 'old') : null;
  try {
    if (previous) renameSync(place, previous);
    try {
      renameSync(incoming, place);
    } catch (error) {
      if (previous) renameSync(previous, place);
      throw error;
    }
  } catch (error) {
    rmSync(incoming, { recursive: true, force: true });
    throw error;
  }
  if (previous) rmSync(previous, { recursive: true, force: true });
}

/** Why a build that ended the process early did not publish. */
const INTERRUPTED =
  'The build stopped before it finished (the process was ended while it ran); nothing was published.';

/**
 * Runs `build` into a new staging folder under `scratch` and moves the result to `target` only
 * when it resolves. On any failure the staging folder is removed and `target` is untouched.
 * @param target the site folder, e.g. `<root>/dist`
 * @param scratch where the staging folder is made: inside the project, so that Astro's own
 *   scratch files (`.prerender/`) land inside the staging folder too
 * @param build writes the site into the folder it is given
 * @throws what `build` throws
 */
export async function buildAtomically(
  target: string,
  scratch: string,
  build: (outDir: string) => Promise<void>,
): Promise<void> {
  mkdirSync(scratch, { recursive: true });
  const staging = mkdtempSync(join(scratch, `${basename(target)}-staging-`));
  const discard = () => rmSync(staging, { recursive: true, force: true });
  // Code the build runs may end the process (a report's MDX evaluating `process.exit(0)`): the
  // staging folder goes, and an exit that claimed success becomes a failure.
  const onExit = (code: number) => {
    discard();
    if (code === 0) {
      process.stderr.write(`\n${INTERRUPTED}\n`);
      process.exitCode = 1;
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${INTERRUPTED}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await build(staging);
    moveIntoPlace(staging, target);
  } finally {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    discard();
  }
}
