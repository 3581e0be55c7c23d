/** `npx review preview`: serves the built site, as a static host would, until stopped. */
import { resolve } from 'node:path';
import { requireBuiltSite, runCli } from './cli-support.ts';
import { parseCommand } from './command-line.ts';

/** Serves the built site; see `npx review preview --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('preview', argv);
  if (!args) return;
  const { outDir, port, host } = args.values;
  const root = process.cwd();
  requireBuiltSite(resolve(root, outDir), outDir);
  const { preview } = await import('astro');
  await preview({ root, outDir, server: { port: Number(port), host } });
}

if (import.meta.main) await runCli('preview', main);
