/** URLs of the site's pages, with the configured base path, in one place. */
import { createHash } from 'node:crypto';
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
  /**
   * The board pack the build prints beside each published version's page, or null when this
   * build prints none (no Chromium, or `--boardPacks no`): no page links a file that is not there.
   */
  boardPack: (period: string, version: number): string | null =>
    siteSettings.boardPacks ? `${base}reports/${period}/v${version}/${BOARD_PACK}` : null,
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

/** File name of a published version's PDF, beside its page. */
export const BOARD_PACK = 'board-pack.pdf';

/**
 * The fragment id of a finding on its report page, stable across versions: its words and a
 * short hash of the whole id (two ids that differ only in punctuation stay apart).
 * @example findingAnchor('decline:csat') // 'finding-decline-csat-…'
 */
export function findingAnchor(id: string): string {
  const words = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
  return `finding-${words}-${createHash('sha256').update(id).digest('hex').slice(0, 6)}`;
}
