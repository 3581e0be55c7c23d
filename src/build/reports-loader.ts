/**
 * Astro content-layer loader for the reports folder: Astro's glob loader over its MDX files,
 * ids kept as the paths are written ("2026-Q3/v1", not slugified) so URLs match the folders.
 * Astro keeps the collection's entries between builds; one checkout often builds more than one
 * site (the fixture site `npm test` checks, then the demo, or an analyst's own folder), and the
 * glob loader, finding the other folder's entry under the same id, warned of duplicate reports
 * that the site does not have. So the store starts empty whenever the folder is not the one the
 * entries were loaded from.
 */
import { glob, type Loader } from 'astro/loaders';
import { fileURLToPath } from 'node:url';

/** The loader of the `reports` collection over `reportsDir`. */
export function reportsLoader(reportsDir: string): Loader {
  const inner = glob({
    pattern: '**/*.mdx',
    base: reportsDir,
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  });
  return {
    name: 'satisfaction-reports',
    load: async (context) => {
      // Resolved as the glob loader resolves its base.
      const folder = fileURLToPath(new URL(reportsDir, context.config.root));
      if (context.meta.get('folder') !== folder) {
        context.store.clear();
        context.meta.set('folder', folder);
      }
      await inner.load(context);
    },
  };
}
