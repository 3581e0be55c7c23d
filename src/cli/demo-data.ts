/** `npm run demo-data`: regenerates the demo snapshots under data/ (deterministic). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO, generateDemo } from '../demo/demo-generator.ts';
import { nodeEffects, runCli } from './cli-support.ts';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'data' },
      seed: { type: 'string', default: String(DEFAULT_DEMO.seed) },
      quarters: { type: 'string', default: String(DEFAULT_DEMO.quarters) },
    },
  });
  const snapshots = generateDemo({
    ...DEFAULT_DEMO,
    seed: Number(values.seed),
    quarters: Number(values.quarters),
  });
  for (const snapshot of snapshots) {
    const dir = resolve(values.out, snapshot.id);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(snapshot.files)) writeFileSync(join(dir, name), text);
    nodeEffects.out(`${dir}: ${Object.keys(snapshot.files).join(', ')}`);
  }
});
