// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { dataRefreshIntegration } from './src/integrations/data-refresh.ts';
import { pagefindIntegration } from './src/integrations/pagefind.ts';

// Host under a sub-path (e.g. GitHub Pages project sites) with SITE_BASE=/repo-name/.
const base = process.env.SITE_BASE ?? '/';

export default defineConfig({
  site: process.env.SITE_URL ?? 'https://example.org',
  base,
  trailingSlash: 'always',
  output: 'static',
  integrations: [mdx(), pagefindIntegration(), dataRefreshIntegration()],
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  experimental: {
    // A page whose key (getStaticPaths' cacheKey, see src/build/site-data.ts) and module graph
    // are those of the last build is copied from it, not rendered: a rebuild renders what
    // changed, and a published period's pages only when its report or neighbours change.
    incrementalBuild: true,
  },
  vite: {
    build: {
      // Every script stays a file: Astro would inline a small one, which the pages' Content
      // Security Policy (script-src 'self', see BaseLayout.astro) refuses to run.
      assetsInlineLimit: 0,
      rolldownOptions: {
        onwarn(warning, warn) {
          // Astro marks the module that carries each MDX report's styles with a
          // "use astro:head-inject" directive, which Astro itself reads before bundling; the
          // bundler then warns, once per report, that it does not keep the directive. Nothing in
          // this project causes it or can change it (withastro/astro#18087), so that one warning
          // is dropped and every other warning is shown.
          if (
            warning.code === 'MODULE_LEVEL_DIRECTIVE' &&
            warning.message.includes('"use astro:head-inject"')
          )
            return;
          warn(warning);
        },
      },
    },
  },
  // Tests build several sites side by side; each gets its own cache.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
});
