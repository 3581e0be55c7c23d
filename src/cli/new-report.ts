/** `npm run new-report -- <snapshot-id>`: scaffolds a draft report for a snapshot. */
import { nodeEffects, runReportCommand } from './cli-support.ts';
import { newReport } from './report-workflow.ts';

await runReportCommand('new-report', async ({ snapshotId, reportsDir, load }) => {
  const review = await load();
  const file = newReport(review, snapshotId, reportsDir, nodeEffects);
  nodeEffects.out(
    `Wrote ${file} (draft). Preview it with \`npm run dev\`, edit the narrative, then \`npm run publish-report -- ${snapshotId}\`.`,
  );
});
