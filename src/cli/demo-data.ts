/** `npx review demo-data`: regenerates the demo snapshots in the data folder (deterministic). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_DEMO, generateDemo } from '../demo/demo-generator.ts';
import { nodeEffects, runCli } from './cli-support.ts';
import { parseCommand } from './command-line.ts';

/** Writes the demo snapshots; see `npx review demo-data --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('demo-data', argv);
  if (!args) return;
  const { out, seed, quarters } = args.values;
  const snapshots = generateDemo({
    ...DEFAULT_DEMO,
    seed: Number(seed),
    quarters: Number(quarters),
  });
  for (const snapshot of snapshots) {
    const dir = resolve(out, snapshot.id);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(snapshot.files)) writeFileSync(join(dir, name), text);
    nodeEffects.out(`${dir}: ${Object.keys(snapshot.files).join(', ')}`);
  }
}

if (import.meta.main) await runCli('demo-data', main);
