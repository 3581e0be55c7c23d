/**
 * `npx review build [--outDir dist]`: builds the site with Astro into a staging folder and puts
 * it in place only when the whole build succeeded (atomic-build.ts). A failure prints once what
 * went wrong and exits with code 1 (70 for a crash), leaving the previous site untouched.
 */
import { join, relative, resolve } from 'node:path';
import { buildAtomically } from './atomic-build.ts';
import { buildFailureExitCode, formatBuildFailure } from './build-failure.ts';
import { CliError, runCli } from './cli-support.ts';
import { parseCommand, useFolders } from './command-line.ts';

/** Builds the site; see `npx review build --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('build', argv);
  if (!args) return;
  const { outDir, data, reports } = args.values;
  useFolders(data, reports);
  const root = process.cwd();
  const target = resolve(root, outDir);
  // Astro is loaded only once the command line is right.
  const { build } = await import('astro');
  try {
    // Astro's scratch folder (.astro/), inside the project: its own prerender files then land in
    // the staging folder and go with it.
    await buildAtomically(target, join(root, '.astro'), (staging) =>
      build({ root, outDir: staging }),
    );
  } catch (error) {
    const reportsDir = resolve(root, reports);
    throw new CliError(
      formatBuildFailure(error, relative(root, target) || target, reportsDir).trimEnd(),
      buildFailureExitCode(error, reportsDir),
    );
  }
}

if (import.meta.main) await runCli('build', main);
