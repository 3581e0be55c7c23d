/**
 * Astro content-layer loader for the data folder: runs the pipeline (build/review-data.ts) and
 * stores one entry per snapshot (its review figures) and one for the history across periods,
 * each validated by the collection's schema. All diagnostics are printed together; any error
 * fails the build before a page is written, so nothing partial is published.
 */
import type { Loader } from 'astro/loaders';
import { resolve } from 'node:path';
import { formatReport, hasErrors } from '../reading/diagnostics.ts';
import { DataValidationError } from './data-validation-error.ts';
import { encodeExplorePeriod } from '../figures/explore-period.ts';
import { loadReviews } from './review-data.ts';

export interface ReviewsLoaderOptions {
  /** Folder holding one sub-folder per snapshot (and actions.csv). */
  dataDir: string;
  /** Project root, for readable paths in diagnostics. */
  root?: string;
}

/** The id of the history entry (no snapshot id starts with "_": such folders are skipped). */
export const HISTORY_ENTRY = '_history';

/** The id of a snapshot's Explore entry. */
export function exploreEntryId(snapshotId: string): string {
  return `_explore/${snapshotId}`;
}

export function reviewsLoader(options: ReviewsLoaderOptions): Loader {
  const root = resolve(options.root ?? process.cwd());
  const dataDir = resolve(root, options.dataDir);
  return {
    name: 'satisfaction-reviews',
    load: async ({ store, logger, watcher, parseData }) => {
      const sync = async () => {
        const data = await loadReviews(dataDir, root, {
          log: (m) => logger.info(m),
          explore: true,
        });
        if (data.diagnostics.length > 0) {
          const report = formatReport(data.diagnostics);
          // Thrown, not logged too: the command that runs the build prints it once.
          if (hasErrors(data.diagnostics))
            throw new DataValidationError(`Data validation failed; nothing was built.\n${report}`);
          logger.warn(`Data warnings:\n${report}`);
        }
        store.clear();
        for (const figures of data.reviews) {
          const entry = { kind: 'review' as const, figures };
          store.set({ id: figures.id, data: await parseData({ id: figures.id, data: entry }) });
        }
        for (const period of data.explore) {
          const id = exploreEntryId(period.id);
          const entry = { kind: 'explore' as const, explore: encodeExplorePeriod(period) };
          store.set({ id, data: await parseData({ id, data: entry }) });
        }
        const history = { kind: 'history' as const, history: data.history };
        store.set({
          id: HISTORY_ENTRY,
          data: await parseData({ id: HISTORY_ENTRY, data: history }),
        });
        logger.info(`${data.reviews.length} snapshots loaded from ${options.dataDir}`);
      };
      await sync();
      watcher?.add(dataDir);
      watcher?.on('change', async (path) => {
        if (!resolve(path).startsWith(dataDir)) return;
        try {
          await sync();
        } catch (error) {
          logger.error(error instanceof Error ? error.message : String(error));
        }
      });
    },
  };
}
