/** `npm run publish-report -- <snapshot-id>`: freezes a draft's figures and publishes it. */
import { resolve } from 'node:path';
import { loadReviews } from '../build/review-data.ts';
import { nodeEffects, runReportCommand } from './cli-support.ts';
import { publishReport } from './report-workflow.ts';

await runReportCommand('publish-report', async ({ snapshotId, dataDir, reportsDir, root }) => {
  const review = await loadReviews(resolve(root, dataDir), root);
  const written = publishReport(review, snapshotId, reportsDir, nodeEffects);
  nodeEffects.out(
    `Published: ${written.join(', ')}. Commit both files; the figures of this version will never change.`,
  );
});
