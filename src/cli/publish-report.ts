/** `npm run publish-report -- <snapshot-id>`: freezes a draft's figures and publishes it. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadReviews } from '../loaders/load-reviews.ts';
import { CliError, nodeEffects, runCli } from './cli-support.ts';
import { publishReport } from './report-workflow.ts';

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string', default: 'data' },
      reports: { type: 'string', default: 'reports' },
    },
  });
  const [snapshotId] = positionals;
  if (!snapshotId) throw new CliError('usage: npm run publish-report -- <snapshot-id>', 2);
  const root = process.cwd();
  const review = await loadReviews(resolve(root, values.data), root);
  const written = publishReport(review, snapshotId, values.reports, nodeEffects);
  nodeEffects.out(
    `Published: ${written.join(', ')}. Commit both files; the figures of this version will never change.`,
  );
});
