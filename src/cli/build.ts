/**
 * `npx review build [--outDir dist]`: builds the site with Astro into a staging folder, prints
 * the board pack (PDF) of each published version into it when Chromium is there, and puts it in
 * place only when all of that succeeded (atomic-build.ts). A failure prints once what went wrong
 * and exits with code 1 (70 for a crash), leaving the previous site untouched.
 */
import { join, relative, resolve } from 'node:path';
import { buildAtomically } from './atomic-build.ts';
import { buildFailureExitCode, formatBuildFailure } from './build-failure.ts';
import { CliError, nodeEffects, runCli } from './cli-support.ts';
import { parseCommand, usageError, useFolders } from './command-line.ts';
import { findChromium } from './chromium.ts';
import { NO_CHROMIUM, printBoardPacks } from './pdf.ts';
import { astroCacheDir, snapshotCacheDir } from '../build/snapshot-cache.ts';

const CHOICES = ['auto', 'yes', 'no'] as const;

/**
 * The Chromium to print board packs with, or null to print none: `auto` prints when one is
 * found and says so when not, so a machine without a browser still builds a whole site (whose
 * pages then link no PDF).
 * @throws CliError for an unknown choice, or `yes` without Chromium
 */
function boardPackPrinter(choice: string, say: (line: string) => void): string | null {
  if (!(CHOICES as readonly string[]).includes(choice))
    throw usageError('build', `--boardPacks takes auto, yes or no, not "${choice}"`);
  if (choice === 'no') return null;
  const chromium = findChromium();
  if (chromium) return chromium;
  if (choice === 'yes') throw new CliError(NO_CHROMIUM);
  say(
    'board packs: none printed (no Chromium found); the pages link no PDF. Install Chromium or set CHROMIUM_PATH to print them.',
  );
  return null;
}

/** Builds the site; see `npx review build --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('build', argv);
  if (!args) return;
  const { outDir, data, reports, boardPacks } = args.values;
  useFolders('build', data, reports);
  const chromium = boardPackPrinter(boardPacks, nodeEffects.out);
  // The pages link the board pack only when it is printed (site-settings.ts).
  process.env.REVIEW_BOARD_PACKS = chromium ? 'yes' : 'no';
  const root = process.cwd();
  const target = resolve(root, outDir);
  // The bundler's allocator (mimalloc, inside Rolldown's native binding) commits each arena it
  // reserves as it reserves it, and gives freed memory back 10 ms later. Committed as used, 40
  // demo quarters built with a peak of 708-737 MB instead of 920-958 MB, and in less CPU; given
  // back at once, 30-50 MB lower again (a fresh 40-quarter build 772-789 MB instead of
  // 814-824 MB) for about 5% more CPU (docs/performance.md). mimalloc reads these when the
  // binding loads, so they are set before Astro is; a value already set is kept.
  process.env.MIMALLOC_ARENA_EAGER_COMMIT ??= '0';
  process.env.MIMALLOC_PURGE_DELAY ??= '0';
  // Astro is loaded only once the command line is right.
  const { build } = await import('astro');
  try {
    // Astro's scratch folder (.astro/), inside the project: its own prerender files then land in
    // the staging folder and go with it.
    await buildAtomically(target, join(root, '.astro'), async (staging) => {
      await build({ root, outDir: staging });
      if (chromium) await printInto(staging, chromium);
    });
  } catch (error) {
    if (error instanceof CliError) throw error;
    const reportsDir = resolve(root, reports);
    throw new CliError(
      formatBuildFailure(error, relative(root, target) || target, reportsDir).trimEnd(),
      buildFailureExitCode(error, reportsDir),
    );
  }
}

/** Prints the board packs into the staged site; a failure fails the build, saying how to skip them. */
async function printInto(staging: string, executablePath: string): Promise<void> {
  const started = performance.now();
  let packs: { files: string[]; printed: number };
  try {
    packs = await printBoardPacks({
      dist: staging,
      base: process.env.SITE_BASE ?? '/',
      format: 'A4',
      executablePath,
      cacheDir: join(snapshotCacheDir(astroCacheDir(process.cwd())), 'board-packs'),
    });
  } catch (error) {
    throw new CliError(
      `board packs: Chromium (${executablePath}) could not print them: ${(error as Error).message.split('\n')[0]}\nBuild with --boardPacks no to leave them out, or set CHROMIUM_PATH to a working Chromium.`,
    );
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const kept = packs.files.length - packs.printed;
  nodeEffects.out(
    `board packs: ${packs.files.length} (A4; ${kept} kept from an earlier build, ${packs.printed} printed) in ${seconds} s`,
  );
}

if (import.meta.main) await runCli('build', main);
