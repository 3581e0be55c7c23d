/**
 * `review build` runs in a Node whose young generation is small. V8 sizes the young generation
 * from the machine's memory (64 MiB a semi-space on a machine of 24 GiB: 128 MiB of new space),
 * resident memory a build does not need, since what it allocates there dies young. A heap's
 * limits are fixed when its process starts, so the command replaces its process with itself
 * started with the flag, before the build's modules load (docs/performance.md has the figures).
 * Only Node's own modules may be imported here: this runs first.
 */

/**
 * The young generation a build's heap may grow to, in MiB a semi-space: at 32, a fresh build
 * of 40 demo quarters peaked at 666–695 MB instead of 794–826 MB; at 48 no lower than the
 * default; at 16 or 8 lower still, but the collector's extra work then cost 10% more CPU.
 */
export const BUILD_SEMI_SPACE_MB = 32;

const FLAG = '--max-semi-space-size';

/**
 * The arguments that start this process's command again with a semi-space of `megabytes`, or
 * null when its Node was started with a size already (on its command line or in NODE_OPTIONS:
 * a size the person running it chose is kept).
 */
export function withSemiSpace(
  megabytes: number,
  execPath: string,
  execArgv: readonly string[],
  argv: readonly string[],
  nodeOptions = '',
): string[] | null {
  const sized = (option: string) => option.startsWith(FLAG);
  if (execArgv.some(sized) || nodeOptions.split(/\s+/).some(sized)) return null;
  return [execPath, `${FLAG}=${megabytes}`, ...execArgv, ...argv.slice(1)];
}

/**
 * Replaces this process with the same command in a Node with a small young generation (same
 * process id, standard streams and environment). Where a process cannot be replaced (Windows,
 * or a runtime without `process.execve`), the command goes on here with V8's default.
 */
export function restartWithSmallYoungGeneration(): void {
  const args = withSemiSpace(
    BUILD_SEMI_SPACE_MB,
    process.execPath,
    process.execArgv,
    process.argv,
    process.env.NODE_OPTIONS,
  );
  if (args === null || typeof process.execve !== 'function' || process.platform === 'win32') return;
  try {
    process.execve(process.execPath, args, process.env);
  } catch {
    // Not replaced: the command goes on in this process.
  }
}
