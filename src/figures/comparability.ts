/**
 * Whether a metric measures the same thing in two periods. A questionnaire can change between
 * reviews: the satisfaction question asked on 1–10 instead of 1–5, a top box of one answer
 * instead of two, other items in the index. A metric keeps its id across such a change, and a
 * test of its change would then compare two different measures (a CSAT of "4–5 of 1–5" against
 * one of "9–10 of 1–10" reads as a drop of tens of points), and an order value once in euros,
 * then in dollars, moves with the exchange rate. A metric's basis names what its value depends
 * on in the questionnaire or the manifest; a change is measured only between equal bases.
 */
import type { MetricInfo } from '../contracts/figures-schema.ts';
import { isMoney } from '../metrics/registry/money.ts';

/** What of a questionnaire item a basis names. */
export interface BasisItem {
  id: string;
  scale: readonly [number, number];
  topBox: number;
}

/** The registry entry of the satisfaction index, whose value depends on every index item. */
const INDEX_ENTRY = 'index';

/**
 * Each metric's basis: the items it reads, each with its scale, and with its top box where the
 * metric counts a share of answers (a mean does not depend on the top box); for money, the
 * currency. Other metrics (counts, shares and times from orders, tickets and comments) have an
 * empty basis: always comparable.
 * @param items the questionnaire's items; `indexItems` the ids the index averages
 * @param currency the manifest's currency of money figures, null when it declares none
 */
export function metricBases(
  catalog: Readonly<Record<string, Pick<MetricInfo, 'entry' | 'item' | 'kind' | 'changeUnit'>>>,
  items: readonly BasisItem[],
  indexItems: readonly string[],
  currency: string | null,
): Record<string, string> {
  const byId = new Map(items.map((item) => [item.id, item]));
  const bases: Record<string, string> = {};
  for (const [id, info] of Object.entries(catalog)) {
    if (isMoney(info)) {
      bases[id] = currency === null ? 'no currency declared' : `in ${currency}`;
      continue;
    }
    const read = info.item !== null ? [info.item] : info.entry === INDEX_ENTRY ? indexItems : [];
    bases[id] = read
      .map((itemId) => {
        const item = byId.get(itemId);
        if (!item) return `${itemId} (not asked)`;
        const scale = `${itemId} on ${item.scale[0]}–${item.scale[1]}`;
        return info.kind === 'proportion' ? `${scale}, top ${item.topBox}` : scale;
      })
      .join(', ');
  }
  return bases;
}
