/** `npm run new-report -- <snapshot-id>`: scaffolds a draft report for a snapshot. */
import { resolve } from 'node:path';
import { loadReviews } from '../build/review-data.ts';
import { nodeEffects, runReportCommand } from './cli-support.ts';
import { newReport } from './report-workflow.ts';

await runReportCommand('new-report', async ({ snapshotId, dataDir, reportsDir, root }) => {
  const review = await loadReviews(resolve(root, dataDir), root);
  const file = newReport(review, snapshotId, reportsDir, nodeEffects);
  nodeEffects.out(
    `Wrote ${file} (draft). Preview it with \`npm run dev\`, write the decisions and the narrative in place of the drafting instructions (publish-report refuses them), then \`npm run publish-report -- ${snapshotId}\`.`,
  );
});
