/** `npm run new-report -- <snapshot-id>`: scaffolds a draft report for a snapshot. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadReviews } from '../loaders/load-reviews.ts';
import { CliError, nodeEffects, runCli } from './cli-support.ts';
import { newReport } from './report-workflow.ts';

await runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string', default: 'data' },
      reports: { type: 'string', default: 'reports' },
    },
  });
  const [snapshotId] = positionals;
  if (!snapshotId)
    throw new CliError(
      'usage: npm run new-report -- <snapshot-id> [--data data] [--reports reports]',
      2,
    );
  const root = process.cwd();
  const review = await loadReviews(resolve(root, values.data), root);
  const file = newReport(review, snapshotId, values.reports, nodeEffects);
  nodeEffects.out(
    `Wrote ${file} (draft). Preview it with \`npm run dev\`, edit the narrative, then \`npm run publish-report -- ${snapshotId}\`.`,
  );
});
