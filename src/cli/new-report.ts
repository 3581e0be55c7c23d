/**
 * `npx review new-report <snapshot-id>`: scaffolds a draft report for a snapshot, or re-pins
 * the period's draft to its snapshot's current data.
 */
import { nodeEffects, runCli } from './cli-support.ts';
import { runReportCommand } from './report-command.ts';
import { newReport } from './report-workflow.ts';

/** Drafts (or re-pins) a period's report; see `npx review new-report --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  await runReportCommand('new-report', argv, ({ review, snapshotId, dataDir, reportsDir }) => {
    newReport(review, snapshotId, reportsDir, nodeEffects, dataDir);
  });
}

if (import.meta.main) await runCli('new-report', main);
