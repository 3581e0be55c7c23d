/**
 * Astro content-layer loader for the snapshots under `data/`: loads and validates every
 * snapshot, computes its figures and stores one entry per snapshot. All diagnostics are printed
 * together; any error fails the build before a page is written, so nothing partial is published.
 */
import type { Loader } from 'astro/loaders';
import { resolve } from 'node:path';
import { formatReport, hasErrors } from '../reading/diagnostics.ts';
import { loadReviews } from './load-reviews.ts';

export interface SnapshotsLoaderOptions {
  /** Folder holding one sub-folder per snapshot. */
  dataDir: string;
  /** Project root, for readable paths in diagnostics. */
  root?: string;
}

/** Thrown when snapshots have errors; its message is the full diagnostic report. */
export class SnapshotValidationError extends Error {
  override name = 'SnapshotValidationError';
}

export function snapshotsLoader(options: SnapshotsLoaderOptions): Loader {
  const root = resolve(options.root ?? process.cwd());
  const dataDir = resolve(root, options.dataDir);
  return {
    name: 'satisfaction-snapshots',
    load: async ({ store, logger, watcher }) => {
      const sync = async () => {
        const review = await loadReviews(dataDir, root);
        if (review.diagnostics.length > 0) {
          const report = formatReport(review.diagnostics);
          if (hasErrors(review.diagnostics)) {
            logger.error(`Snapshot validation failed:\n${report}`);
            throw new SnapshotValidationError(
              `Snapshot validation failed; nothing was built.\n${report}`,
            );
          }
          logger.warn(`Snapshot warnings:\n${report}`);
        }
        store.clear();
        for (const figures of review.snapshots) {
          store.set({
            id: figures.id,
            data: {
              figures: figures as unknown as Record<string, unknown>,
              changes: (review.changes[figures.id] ?? null) as unknown as Record<string, unknown>,
              diagnostics: review.diagnostics
                .filter((d) => d.file.includes(`/${figures.id}/`))
                .map((d) => ({ ...d })),
            },
          });
        }
        logger.info(`${review.snapshots.length} snapshots loaded from ${options.dataDir}`);
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
