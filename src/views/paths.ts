/** URLs of the site's pages, with the configured base path, in one place. */
import { siteSettings } from '../site-settings.ts';

const base = siteSettings.base;

export const paths = {
  home: () => base,
  archive: () => `${base}reports/`,
  period: (period: string) => `${base}reports/${period}/`,
  version: (period: string, version: number) => `${base}reports/${period}/v${version}/`,
  figuresJson: (period: string, version: number) =>
    `${base}reports/${period}/v${version}/figures.json`,
  figuresCsv: (period: string, version: number) =>
    `${base}reports/${period}/v${version}/figures.csv`,
  trends: () => `${base}trends/`,
  segments: () => `${base}segments/`,
  segment: (dimension: string, levelSlug: string) => `${base}segments/${dimension}/${levelSlug}/`,
  /** The Explore page of a period, or across all periods; `query` from views/Explore/selection-url.ts. */
  explore: (period?: string, query = '') => `${base}explore/${period ? `${period}/` : ''}${query}`,
  exploreStates: (period: string) => `${base}explore/${period}/states.json`,
  methodology: () => `${base}methodology/`,
  data: () => `${base}data/`,
  search: () => `${base}search/`,
  asset: (path: string) => `${base}${path.replace(/^\//, '')}`,
};
