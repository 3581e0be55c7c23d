/**
 * Builds the Pagefind search index over the finished site (astro:build:done), so every build —
 * CI, preview, tests — ships working search without a second command.
 */
import type { AstroIntegration } from 'astro';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function pagefindIntegration(): AstroIntegration {
  return {
    name: 'satisfaction-review:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const outDir = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: outDir });
        if (added.errors.length > 0)
          throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
        await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
        await pagefind.close();
        logger.info(`search index: ${added.page_count} pages`);
      },
    },
  };
}
