/**
 * What an Explore page renders from, for one period or a range: the client's configuration,
 * the static group pages a reader without JavaScript is sent to, and the minimum base.
 */
import type { ExplorePeriodFile } from '../../contracts/explore-schema.ts';
import type { HistoryFigures } from '../../contracts/figures-schema.ts';
import { paths } from '../paths.ts';
import { levelSlug, listSegments } from '../segment-view.ts';
import { exploreClientConfig, type ExploreClientConfig } from './explore-config.ts';

export interface ExplorePageProps {
  config: ExploreClientConfig;
  groupPages: Array<{ dimension: string; links: Array<{ level: string; href: string }> }>;
  minimumBase: number;
  methodology: string;
}

/**
 * @param periods every period's Explore data, oldest first
 * @param range the periods the page shows first
 */
export function explorePageProps(
  periods: readonly ExplorePeriodFile[],
  range: { from: string; to: string },
  history: HistoryFigures,
  locale: string,
): ExplorePageProps {
  const groupPages = new Map<string, ExplorePageProps['groupPages'][number]>();
  for (const s of listSegments(history)) {
    const group = groupPages.get(s.dimension) ?? { dimension: s.dimensionLabel, links: [] };
    group.links.push({ level: s.level, href: paths.segment(s.dimension, levelSlug(s.level)) });
    groupPages.set(s.dimension, group);
  }
  return {
    config: exploreClientConfig(periods, range, paths.exploreStates, locale),
    groupPages: [...groupPages.values()],
    minimumBase: Math.max(...periods.map((p) => p.minimumBase.suppress)),
    methodology: `${paths.methodology()}#explore`,
  };
}
