/** `npx review publish-report <snapshot-id>`: freezes a draft's figures and publishes it. */
import { nodeEffects, runCli } from './cli-support.ts';
import { runReportCommand } from './report-command.ts';
import { publishReport } from './report-workflow.ts';

/** Publishes a period's draft; see `npx review publish-report --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  await runReportCommand('publish-report', argv, ({ review, snapshotId, dataDir, reportsDir }) => {
    const written = publishReport(review, snapshotId, reportsDir, nodeEffects, dataDir);
    nodeEffects.out(
      `Published: ${written.join(', ')}. Commit both files; the figures of this version will never change.`,
    );
  });
}

if (import.meta.main) await runCli('publish-report', main);
