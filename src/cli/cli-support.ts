/**
 * What every command needs: one error type with an exit code, caught in one place, and the
 * side effects (files, clock, output) passed in so tests run commands in memory.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ReviewData } from '../build/review-data.ts';

export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export interface CommandEffects {
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  exists(path: string): boolean;
  list(dir: string): string[];
  /** Today's date, YYYY-MM-DD. */
  today(): string;
  out(text: string): void;
}

export const nodeEffects: CommandEffects = {
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  },
  exists: (path) => existsSync(path),
  list: (dir) => (existsSync(dir) ? readdirSync(dir) : []),
  today: () => new Date().toISOString().slice(0, 10),
  out: (text) => process.stdout.write(`${text}\n`),
};

/** Runs a command's main, turning a CliError into its message and exit code. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    throw error;
  }
}

/**
 * The figures a report command needs: the snapshot's and the earlier periods' (its carry, and
 * the trends a published page shows), from the build's snapshot cache where it holds them, so a
 * command after a build reads at most the snapshots that changed; later snapshots are not looked
 * at. Prints the data phase's summary line.
 */
async function loadUpTo(root: string, dataDir: string, snapshotId: string): Promise<ReviewData> {
  const { loadReviews, summaryLine } = await import('../build/review-data.ts');
  const { astroCacheDir, snapshotCacheDir } = await import('../build/snapshot-cache.ts');
  const review = await loadReviews(resolve(root, dataDir), root, {
    cacheDir: snapshotCacheDir(astroCacheDir(root)),
    upTo: snapshotId,
  });
  nodeEffects.out(summaryLine(review.summary));
  return review;
}

/**
 * The common shape of the report commands: `<command> -- <snapshot-id> [--data …] [--reports …]`.
 * Parses the arguments and hands the snapshot id, the folders and the loading of the figures
 * (`load`) to `action`.
 */
export async function runReportCommand(
  command: string,
  action: (args: {
    snapshotId: string;
    dataDir: string;
    reportsDir: string;
    root: string;
    load: () => Promise<ReviewData>;
  }) => Promise<void>,
): Promise<void> {
  await runCli(async () => {
    const { parseArgs } = await import('node:util');
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: {
        // The same defaults as the build, so one REVIEW_DATA_DIR serves both.
        data: { type: 'string', default: process.env.REVIEW_DATA_DIR || 'data' },
        reports: { type: 'string', default: process.env.REVIEW_REPORTS_DIR || 'reports' },
      },
    });
    const [snapshotId] = positionals;
    if (!snapshotId) {
      throw new CliError(
        `usage: npm run ${command} -- <snapshot-id> [--data data] [--reports reports]`,
        2,
      );
    }
    const root = process.cwd();
    await action({
      snapshotId,
      dataDir: values.data,
      reportsDir: values.reports,
      root,
      load: () => loadUpTo(root, values.data, snapshotId),
    });
  });
}
