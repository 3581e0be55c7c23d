/**
 * `npm run build [-- --outDir dist]`: builds the site with Astro into a staging folder and puts
 * it in place only when the whole build succeeded (atomic-build.ts). A failure prints once what
 * went wrong and exits with code 1, leaving the previous site untouched.
 */
import { build } from 'astro';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { siteSettings } from '../site-settings.ts';
import { buildAtomically } from './atomic-build.ts';
import { formatBuildFailure } from './build-failure.ts';

const USAGE = 'usage: npm run build [-- --outDir <folder>]   (default: dist)';

let outDir: string;
try {
  outDir = parseArgs({ options: { outDir: { type: 'string', default: 'dist' } } }).values.outDir;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
const root = process.cwd();
const target = resolve(root, outDir);
try {
  // Astro's scratch folder (.astro/), inside the project: its own prerender files then land in
  // the staging folder and go with it.
  await buildAtomically(target, join(root, '.astro'), (staging) =>
    build({ root, outDir: staging }),
  );
} catch (error) {
  const reportsDir = resolve(root, siteSettings.reportsDir);
  process.stderr.write(formatBuildFailure(error, relative(root, target) || target, reportsDir));
  process.exit(1);
}
