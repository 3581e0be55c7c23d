/**
 * The common shape of the report commands, `<command> <snapshot-id> [--data …] [--reports …]`:
 * parses the command line, loads every snapshot of the data folder (a report's figures need the
 * earlier periods too) and hands the review to the command's action.
 */
import { resolve } from 'node:path';
import { loadReviews, type ReviewData } from '../build/review-data.ts';
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
  const review = await loadReviews(resolve(root, data), root);
  action({ review, snapshotId: args.positionals[0]!, dataDir: data, reportsDir: reports });
}
