/**
 * Builds the Pagefind search index over the finished site (astro:build:done), so every build —
 * CI, preview, tests — ships working search without a second command.
 *
 * Only pages that mark a search body (`data-pagefind-body`: each review's current page) are
 * handed to Pagefind. Given the whole folder, it parsed every page to learn that most have no
 * body (the trend and group pages, every published version): 1.05 s of CPU at 40 quarters,
 * where the 40 pages it indexes take 0.56 s, for an index no different.
 *
 * Each is handed with a space between adjacent tags. The site's HTML is compressed (no
 * whitespace between tags), and Pagefind joins the text of neighbouring cells, links and quotes:
 * a scorecard's header row was indexed as one word ("realCustomer groupResponsesIndexNPS…"), so
 * none of those words could be found. And each is handed without its charts' SVG, which
 * Pagefind does not index. The pages served are not changed.
 */
import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The attribute a page's search body carries (Pagefind ignores every page without one). */
const SEARCH_BODY = 'data-pagefind-body';

/**
 * An SVG element (a chart). Pagefind indexes nothing inside one, and a report page's charts are
 * a third of its bytes, which its Node wrapper would encode and send for nothing: the index
 * written without them is the same, file for file.
 */
const SVG_ELEMENT = /<svg\b[\s\S]*?<\/svg>/g;

/** The integration that indexes the built site for search when a build is done. */
export function pagefindIntegration(): AstroIntegration {
  return {
    name: 'satisfaction-review:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const pagefind = await import('pagefind');
        const outDir = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const failed: string[] = [];
        let pages = 0;
        for (const page of searchablePages(outDir)) {
          const added = await index.addHTMLFile(page);
          failed.push(...added.errors);
          pages += 1;
        }
        if (failed.length > 0) throw new Error(`Pagefind indexing failed: ${failed.join('; ')}`);
        await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
        await pagefind.close();
        logger.info(`search index: ${pages} pages`);
      },
    },
  };
}

/**
 * The site's HTML pages that mark a search body, as Pagefind takes them: the path relative to
 * the site (it makes the result's address from it, as it would walking the folder) and the text,
 * without its charts' SVG and with adjacent tags spaced apart so that neighbouring elements'
 * words stay apart.
 * A page whose text only mentions the attribute is handed over too; Pagefind finds no body in it
 * and leaves it out, as before.
 */
export function searchablePages(outDir: string): Array<{ sourcePath: string; content: string }> {
  const pages: Array<{ sourcePath: string; content: string }> = [];
  const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' });
  for (const file of files.sort()) {
    if (!file.endsWith('.html')) continue;
    // Looked for in the bytes: most pages have no body, and their text is never needed.
    const bytes = readFileSync(join(outDir, file));
    if (bytes.includes(SEARCH_BODY))
      pages.push({
        sourcePath: file.split('\\').join('/'),
        content: bytes.toString('utf8').replace(SVG_ELEMENT, '').replaceAll('><', '> <'),
      });
  }
  return pages;
}
