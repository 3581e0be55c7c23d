/**
 * Pure builder of the item scores: every attribute item of the questionnaire under its own
 * label, grouped by the component of customer quality it measures, with its top-box share and
 * mean (each with its interval), its base and its change against the previous period.
 */
import type { ReviewFigures } from '../../contracts/figures-schema.ts';
import {
  COMPONENT_LABELS,
  QUALITY_COMPONENTS,
  type QualityComponent,
} from '../../contracts/questionnaire.ts';
import { buildEstimateCell, type EstimateCell } from '../EstimateCell/build-estimate-cell.ts';

export interface ItemScore {
  itemId: string;
  label: string;
  /** The points of its top box, e.g. "4–5 of 1–5". */
  box: string;
  /** The top-box share with its change against the previous period. */
  share: EstimateCell;
  /** The mean answer (its change is not shown: the share carries the item's change). */
  mean: EstimateCell | null;
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
    const from = item.scale[1] - item.topBox + 1;
    const list = groups.get(item.component) ?? [];
    list.push({
      itemId: item.id,
      label: item.label,
      box: `${from === item.scale[1] ? from : `${from}–${item.scale[1]}`} of ${item.scale[0]}–${item.scale[1]}`,
      share: buildEstimateCell(shareInfo, share.overall, share.change, locale, {
        significantButIndicative: share.significantButIndicative,
      }),
      mean: mean && meanInfo ? buildEstimateCell(meanInfo, mean.overall, null, locale) : null,
    });
    groups.set(item.component, list);
  }
  const order: Array<QualityComponent | null> = [...QUALITY_COMPONENTS, null];
  return order.flatMap((component) => {
    const items = groups.get(component);
    if (!items) return [];
    return [{ label: component ? COMPONENT_LABELS[component] : 'Other attributes', items }];
  });
}
