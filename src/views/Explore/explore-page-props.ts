/**
 * What an Explore page renders from, for one period or a range: the client's configuration,
 * the static group pages a reader without JavaScript is sent to, and the minimum base.
 */
import type { ExplorePeriodFile } from '../../contracts/explore-schema.ts';
import type { HistoryFigures } from '../../contracts/figures-schema.ts';
import { ADJUSTMENT_LABELS } from '../../contracts/fields.ts';
import { paths } from '../paths.ts';
import { listSegments } from '../segment-view.ts';
import { exploreClientConfig, type ExploreClientConfig } from './explore-config.ts';

export interface ExplorePageProps {
  config: ExploreClientConfig;
  /** The static pages of each group, for readers without JavaScript. */
  groupPages: Array<{ dimension: string; links: Array<{ level: string; href: string }> }>;
  minimumBase: number;
  /** The rules the legend of the marks states (the latest period's, as the report's). */
  rules: { suppress: number; flag: number; alpha: number };
  /** How the groups of one dimension are adjusted, e.g. "Holm". */
  adjustment: string;
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
    group.links.push({ level: s.level, href: paths.segment(s.dimension, s.slug) });
    groupPages.set(s.dimension, group);
  }
  return {
    config: exploreClientConfig(periods, range, paths.exploreStates, locale),
    groupPages: [...groupPages.values()],
    minimumBase: Math.max(...periods.map((p) => p.minimumBase.suppress)),
    rules: {
      suppress: Math.max(...periods.map((p) => p.minimumBase.suppress)),
      flag: Math.max(...periods.map((p) => p.minimumBase.flag)),
      alpha: periods.at(-1)!.significanceLevel,
    },
    adjustment: ADJUSTMENT_LABELS[periods.at(-1)!.adjustment],
    methodology: `${paths.methodology()}#explore`,
  };
}
