/**
 * Astro content-layer loader for the data folder: runs the pipeline (build/review-data.ts) and
 * keeps one entry per snapshot (its review figures) and one per snapshot's Explore data, each
 * validated by `ReviewsEntrySchema` and written to its own file; the content store holds a
 * reference to each file (contracts/collection-schemas.ts says why). The history across periods
 * is made from the reviews by the site data (build/site-data.ts). Snapshots are kept between
 * builds in the snapshot cache (snapshot-cache.ts, under Astro's cache folder), so a build reads
 * only the snapshots that changed, and an entry whose data did not change is not stored again.
 * It says what it did in one line, e.g. `snapshots: 8 (7 from cache, 1 parsed) in 1.2 s`. All
 * diagnostics are printed together; any error fails the build before a page is written, so
 * nothing partial is published. In `astro dev`, the data-refresh integration
 * (integrations/data-refresh.ts) runs it again when a data file changes.
 */
import type { Loader } from 'astro/loaders';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReviewsEntrySchema, type EntryRef } from '../contracts/collection-schemas.ts';
import { formatReport, hasErrors } from '../reading/diagnostics.ts';
import { DataValidationError } from './data-validation-error.ts';
import {
  entryFileExists,
  entryFilesDir,
  removeOtherEntryFiles,
  writeEntryFile,
} from './entry-files.ts';
import { loadReviews, summaryLine } from './review-data.ts';
import { dataCacheOf, snapshotCacheDir, textDigest } from './snapshot-cache.ts';

export interface ReviewsLoaderOptions {
  /** Folder holding one sub-folder per snapshot (and actions.csv). */
  dataDir: string;
  /** Project root, for readable paths in diagnostics. */
  root?: string;
}

/** The loader's name (the data-refresh integration asks Astro to run it by name). */
export const REVIEWS_LOADER = 'satisfaction-reviews';

/**
 * Where the loader counts its runs: a global, because the dev integration that asks Astro to run
 * it and the content config that holds it load this module as two copies.
 */
const RUNS = Symbol.for('satisfaction-review.reviews-loader.runs');

/**
 * Where the loader leaves its last run's seconds, unrounded: the summary line says them to a
 * tenth, and the build bench compares data phases of a few hundredths (a global, for the same
 * reason as RUNS; the bench reads it as the build's process exits).
 */
export const LAST_SECONDS = Symbol.for('satisfaction-review.reviews-loader.seconds');

/**
 * How many times the loader has started in this process. Astro's `refreshContent` returns without
 * running any loader while it reloads the content config (after a dependency re-optimisation,
 * say); the dev integration tells a refresh that ran from one that did not by this count.
 */
export function reviewsLoaderRuns(): number {
  return (globalThis as Record<symbol, number | undefined>)[RUNS] ?? 0;
}

/** The id of a snapshot's Explore entry. */
export function exploreEntryId(snapshotId: string): string {
  return `_explore/${snapshotId}`;
}

/** The loader of the `reviews` collection. */
export function reviewsLoader(options: ReviewsLoaderOptions): Loader {
  const root = resolve(options.root ?? process.cwd());
  const dataDir = resolve(root, options.dataDir);
  return {
    name: REVIEWS_LOADER,
    load: async ({ store, logger, parseData, config }) => {
      (globalThis as Record<symbol, number>)[RUNS] = reviewsLoaderRuns() + 1;
      const started = performance.now();
      const cacheDir = snapshotCacheDir(fileURLToPath(config.cacheDir));
      const data = await loadReviews(dataDir, root, {
        log: (m) => logger.info(m),
        explore: true,
        cacheDir,
      });
      if (data.diagnostics.length > 0) {
        const report = formatReport(data.diagnostics);
        // Thrown, not logged too: the command that runs the build prints it once.
        if (hasErrors(data.diagnostics))
          throw new DataValidationError(`Data validation failed; nothing was built.\n${report}`);
        logger.warn(`Data warnings:\n${report}`);
      }
      const entries = [
        ...data.reviews.map((figures) => ({
          id: figures.id,
          entry: { kind: 'review' as const, figures },
        })),
        ...data.explore.map((explore) => ({
          id: exploreEntryId(explore.id),
          entry: { kind: 'explore' as const, explore },
        })),
      ];
      // Only what changed is validated and stored again (in `astro dev`, only its pages reload).
      const files = entryFilesDir(dataCacheOf(cacheDir, root, dataDir));
      const kept = new Set<string>();
      const keptFiles = new Set<string>();
      for (const { id, entry } of entries) {
        kept.add(id);
        const text = JSON.stringify(entry);
        const digest = textDigest(text);
        const stored = store.get(id);
        if (stored?.digest === digest && entryFileExists(stored.data as EntryRef)) {
          keptFiles.add((stored.data as EntryRef).file);
          continue;
        }
        const ref = writeEntryFile(files, entry.kind, validated(id, entry));
        keptFiles.add(ref.file);
        store.set({ id, data: await parseData({ id, data: { ...ref } }), digest });
      }
      for (const id of store.keys()) if (!kept.has(id)) store.delete(id);
      removeOtherEntryFiles(files, keptFiles);
      const seconds = (performance.now() - started) / 1000;
      (globalThis as Record<symbol, number>)[LAST_SECONDS] = seconds;
      logger.info(summaryLine(data.summary, seconds));
    },
  };
}

/**
 * An entry's text once `ReviewsEntrySchema` accepts it: the text of what the schema returns.
 * @throws Error saying which entry and fields the schema refuses (a fault of this code, not of
 *   the data, whose problems are diagnostics)
 */
function validated(id: string, entry: unknown): string {
  const parsed = ReviewsEntrySchema.safeParse(entry);
  if (!parsed.success)
    throw new Error(
      `reviews entry "${id}" does not match its schema: ${parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  return JSON.stringify(parsed.data);
}
