import { localeTag } from './contracts/locale.ts';

/**
 * Build settings read from the environment, so the same code builds the demo site, a fixture
 * site in tests, or an analyst's own data folder.
 */
export const siteSettings = {
  /** Base path the site is hosted under (astro.config.mjs reads the same variable). */
  base: (process.env.SITE_BASE ?? '/').replace(/\/?$/, '/'),
  /** Folder with one sub-folder per snapshot. */
  dataDir: process.env.REVIEW_DATA_DIR ?? 'data',
  /** Folder with the MDX reports. */
  reportsDir: process.env.REVIEW_REPORTS_DIR ?? 'reports',
  /**
   * Folders outside the snapshots whose files a manifest may name, separated like PATH (e.g.
   * "../shared/datasets" for the worked examples); none by default.
   */
  externalData: process.env.REVIEW_EXTERNAL_DATA ?? '',
  /** Build draft reports too (always on in `astro dev`). */
  includeDrafts: process.env.REVIEW_DRAFTS === '1' || import.meta.env?.DEV === true,
  /** Site title. */
  title: process.env.REVIEW_SITE_TITLE ?? 'Customer satisfaction reviews',
  /**
   * Whether the build prints each published version's board pack (PDF) beside its page, so
   * the page links to it: `review build` sets it ("yes" or "no") once it knows whether Chromium
   * is there; `astro dev` and a bare `astro build` print none and link none.
   */
  boardPacks: process.env.REVIEW_BOARD_PACKS === 'yes',
  /** Locale for number and date formatting (REVIEW_LOCALE as localeTag reads it). */
  locale: localeTag(process.env.REVIEW_LOCALE ?? 'en-GB') ?? process.env.REVIEW_LOCALE ?? 'en-GB',
};
