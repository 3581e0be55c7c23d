/**
 * `npm run migrate-frozen`: brings every frozen figures file, and the published versions that
 * cite them, to the current format (migrate-frozen-files.ts says how), printing a line per change.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadReviews, type ReviewData } from '../build/review-data.ts';
import { astroCacheDir, snapshotCacheDir } from '../build/snapshot-cache.ts';
import { CliError, nodeEffects, runCli } from './cli-support.ts';
import { migrateFrozen } from './migrate-frozen-files.ts';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: process.env.REVIEW_DATA_DIR || 'data' },
      reports: { type: 'string', default: process.env.REVIEW_REPORTS_DIR || 'reports' },
    },
  });
  const root = process.cwd();
  // Read only when a file must be recomputed from its snapshot (formats 1 and 2).
  let review: Promise<ReviewData> | null = null;
  const data = () =>
    (review ??= loadReviews(resolve(root, values.data), root, {
      cacheDir: snapshotCacheDir(astroCacheDir(root)),
    }));
  const { lines, failed } = await migrateFrozen(data, values.reports, nodeEffects);
  for (const line of lines) nodeEffects.out(line);
  if (lines.length === 0)
    nodeEffects.out(
      'Every frozen file is in the current format and every version records its hash: nothing to do.',
    );
  if (failed > 0) throw new CliError(`${failed} file(s) not migrated (see above).`);
});
