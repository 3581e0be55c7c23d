/**
 * Astro content-layer loader for the improvement-action register (`data/actions.csv`). Bad rows
 * fail the build with the same file/row/column report as snapshots.
 */
import type { Loader } from 'astro/loaders';
import { join, relative, resolve } from 'node:path';
import { formatReport, hasErrors } from '../reading/diagnostics.ts';
import { loadActions } from '../reading/read-actions.ts';
import { snapshotFolders } from './load-reviews.ts';

export function actionsLoader(options: { dataDir: string; file?: string; root?: string }): Loader {
  const root = resolve(options.root ?? process.cwd());
  const dataDir = resolve(root, options.dataDir);
  const path = join(dataDir, options.file ?? 'actions.csv');
  return {
    name: 'satisfaction-actions',
    load: async ({ store, logger, watcher }) => {
      const sync = async () => {
        const { actions, diagnostics } = await loadActions(
          path,
          relative(root, path),
          snapshotFolders(dataDir),
        );
        if (hasErrors(diagnostics)) {
          const report = formatReport(diagnostics);
          logger.error(`Action register validation failed:\n${report}`);
          throw new Error(`Action register validation failed; nothing was built.\n${report}`);
        }
        store.clear();
        for (const action of actions) store.set({ id: action.id, data: { ...action } });
      };
      await sync();
      watcher?.add(path);
      watcher?.on('change', async (changed) => {
        if (resolve(changed) !== path) return;
        try {
          await sync();
        } catch (error) {
          logger.error(error instanceof Error ? error.message : String(error));
        }
      });
    },
  };
}
