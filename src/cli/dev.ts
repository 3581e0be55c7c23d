/**
 * `npx review dev`: Astro's dev server on the project, draft reports included; it reloads when a
 * snapshot or a report changes and runs until stopped.
 */
import { runCli } from './cli-support.ts';
import { parseCommand, useFolders } from './command-line.ts';

/** Starts the dev server; see `npx review dev --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('dev', argv);
  if (!args) return;
  const { port, host, data, reports } = args.values;
  useFolders('dev', data, reports);
  const { dev } = await import('astro');
  await dev({ root: process.cwd(), server: { port: Number(port), host } });
}

if (import.meta.main) await runCli('dev', main);
