/** `npm run publish-report -- <snapshot-id>`: freezes a draft's figures and publishes it. */
import { nodeEffects, runReportCommand } from './cli-support.ts';
import { publishReport } from './report-workflow.ts';

await runReportCommand('publish-report', async ({ snapshotId, reportsDir, load }) => {
  const review = await load();
  const written = publishReport(review, snapshotId, reportsDir, nodeEffects);
  nodeEffects.out(
    `Published: ${written.join(', ')}. Commit both files; the figures of this version will never change.`,
  );
});
