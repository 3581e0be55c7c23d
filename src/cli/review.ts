#!/usr/bin/env node
/**
 * `npx review <command>`: the one entry of the command line (package.json's `bin`; the npm
 * scripts call it too). It runs on the Node the project pins: npm and npx put
 * `node_modules/.bin`, where that Node is, first on the PATH that `/usr/bin/env node` searches,
 * and Node 24 runs TypeScript as it is. The command line is checked against the command's spec
 * (`commands.ts`) before the command's module loads, so `--help` and a typo answer at once
 * instead of after Astro has loaded.
 */
import { readFileSync } from 'node:fs';
import { CliError, runCli } from './cli-support.ts';
import { commandOf, ENTRY, formatHelp, formatOverview, parseCommand } from './command-line.ts';
import { EXIT, type CommandName } from './commands.ts';
import { restartWithSmallYoungGeneration } from './young-generation.ts';

type Main = (argv: readonly string[]) => Promise<void>;

/** Each command's module, imported only when it runs. */
const MODULES: Record<CommandName, () => Promise<{ main: Main }>> = {
  build: () => import('./build.ts'),
  dev: () => import('./dev.ts'),
  preview: () => import('./preview.ts'),
  validate: () => import('./validate.ts'),
  'new-snapshot': () => import('./new-snapshot.ts'),
  reduce: () => import('./reduce.ts'),
  'new-report': () => import('./new-report.ts'),
  'publish-report': () => import('./publish-report.ts'),
  pdf: () => import('./pdf.ts'),
  'migrate-frozen': () => import('./migrate-frozen.ts'),
  'demo-data': () => import('./demo-data.ts'),
  bench: () => import('./bench.ts'),
  'bench-validate': () => import('./bench-validate.ts'),
};

/** The project's version, from package.json. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Runs the command the first word names with the words after it. Without a command it prints
 * the overview and exits 2, as a command line that does nothing is a mistake.
 * @throws CliError for an unknown command or a wrong command line (exit code 2), and whatever
 *   the command throws
 */
export async function review(argv: readonly string[]): Promise<void> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(rest[0] ? formatHelp(commandOf(rest[0])) : formatOverview());
    return;
  }
  if (first === '--version') {
    process.stdout.write(`${version()}\n`);
    return;
  }
  if (first === undefined) {
    process.stderr.write(formatOverview());
    process.exitCode = EXIT.usage;
    return;
  }
  if (first.startsWith('-'))
    throw new CliError(
      `review: unknown option ${first}; the command comes first: ${ENTRY} <command> [options]. See \`${ENTRY} --help\`.`,
      EXIT.usage,
    );
  const name = commandOf(first);
  if (parseCommand(name, rest) === null) return;
  // A build runs in a Node with a small young generation, started before its modules load.
  if (name === 'build') restartWithSmallYoungGeneration();
  const { main } = await MODULES[name]();
  await main(rest);
}

if (import.meta.main) await runCli(process.argv[2] ?? '', review);
