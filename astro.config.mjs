// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { pagefindIntegration } from './src/integrations/pagefind.ts';

// Host under a sub-path (e.g. GitHub Pages project sites) with SITE_BASE=/repo-name/.
const base = process.env.SITE_BASE ?? '/';

export default defineConfig({
  site: process.env.SITE_URL ?? 'https://example.org',
  base,
  trailingSlash: 'always',
  output: 'static',
  integrations: [mdx(), pagefindIntegration()],
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  // Every script stays a file: Astro would inline a small one, which the pages' Content Security
  // Policy (script-src 'self', see BaseLayout.astro) refuses to run.
  vite: { build: { assetsInlineLimit: 0 } },
  // Tests build several sites side by side; each gets its own cache.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
});
