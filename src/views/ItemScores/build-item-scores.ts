/**
 * Pure builder of the item scores: every attribute item of the questionnaire under its own
 * label, grouped by the component of customer quality it measures, with its top-box share and
 * mean (each with its interval), its base and its change against the previous period.
 */
import type { ReviewFigures } from '../../contracts/figures-schema.ts';
import { COMPONENT_LABELS, type QualityComponent } from '../../contracts/questionnaire.ts';
import {
  changeIsImprovement,
  formatDelta,
  formatInterval,
  formatP,
  formatValue,
} from '../format.ts';

export interface ItemScore {
  itemId: string;
  label: string;
  /** The points of its top box, e.g. "4–5 of 1–5". */
  box: string;
  topBox: { value: string; interval: string | null } | null;
  mean: { value: string; interval: string | null } | null;
  n: number;
  base: 'ok' | 'indicative' | 'suppressed';
  change: { text: string; significant: boolean; improvement: boolean; p: string } | null;
}

export interface ItemGroup {
  /** The component's name, or "Other attributes". */
  label: string;
  items: ItemScore[];
}

/** The groups of attribute items in component order, items in questionnaire order. */
export function buildItemScores(figures: ReviewFigures, locale: string): ItemGroup[] {
  const groups = new Map<QualityComponent | null, ItemScore[]>();
  for (const item of figures.questionnaire.items) {
    if (item.role !== null) continue;
    const share = figures.metrics[item.id];
    const mean = figures.metrics[`${item.id}_mean`];
    const shareInfo = figures.catalog[item.id];
    const meanInfo = figures.catalog[`${item.id}_mean`];
    if (!share || !shareInfo) continue;
    const estimate = (m: typeof share | undefined, info: typeof shareInfo | undefined) =>
      m && info && m.overall.value !== null
        ? {
            value: formatValue(info, m.overall.value, locale),
            interval:
              m.overall.lower !== null && m.overall.upper !== null
                ? formatInterval(info, m.overall.lower, m.overall.upper, locale)
                : null,
          }
        : null;
    const from = item.scale[1] - item.topBox + 1;
    const change = share.change;
    const list = groups.get(item.component) ?? [];
    list.push({
      itemId: item.id,
      label: item.label,
      box: `${from === item.scale[1] ? from : `${from}–${item.scale[1]}`} of ${item.scale[0]}–${item.scale[1]}`,
      topBox: estimate(share, shareInfo),
      mean: estimate(mean, meanInfo),
      n: share.overall.n,
      base: share.overall.base,
      change: change
        ? {
            text: formatDelta(shareInfo, change.delta, locale),
            significant: change.significant,
            improvement: changeIsImprovement(shareInfo, change),
            p: formatP(change.p),
          }
        : null,
    });
    groups.set(item.component, list);
  }
  const order: Array<QualityComponent | null> = [
    ...(Object.keys(COMPONENT_LABELS) as QualityComponent[]),
    null,
  ];
  return order.flatMap((component) => {
    const items = groups.get(component);
    if (!items) return [];
    return [{ label: component ? COMPONENT_LABELS[component] : 'Other attributes', items }];
  });
}
