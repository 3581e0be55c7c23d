/**
 * The common shape of the report commands, `<command> <snapshot-id> [--data …] [--reports …]`:
 * parses the command line, loads the snapshot and the earlier periods (its carry, and the trends
 * a published page shows; later snapshots are not looked at) from the build's snapshot cache
 * where it holds them, so a command after a build reads at most the snapshots that changed, and
 * hands the review to the command's action.
 */
import { resolve } from 'node:path';
import { loadReviews, summaryLine, type ReviewData } from '../build/review-data.ts';
import { astroCacheDir, snapshotCacheDir } from '../build/snapshot-cache.ts';
import { nodeEffects } from './cli-support.ts';
import { parseCommand } from './command-line.ts';

/** What a report command acts on. */
export interface ReportCommandInput {
  review: ReviewData;
  snapshotId: string;
  dataDir: string;
  reportsDir: string;
}

/**
 * Runs a report command's action on the command line `argv`; does nothing after printing the
 * help.
 */
export async function runReportCommand(
  name: 'new-report' | 'publish-report',
  argv: readonly string[],
  action: (input: ReportCommandInput) => void,
): Promise<void> {
  const args = parseCommand(name, argv);
  if (!args) return;
  const { data, reports } = args.values;
  const root = process.cwd();
  const snapshotId = args.positionals[0]!;
  const review = await loadReviews(resolve(root, data), root, {
    cacheDir: snapshotCacheDir(astroCacheDir(root)),
    upTo: snapshotId,
  });
  nodeEffects.out(summaryLine(review.summary));
  action({ review, snapshotId, dataDir: data, reportsDir: reports });
}
