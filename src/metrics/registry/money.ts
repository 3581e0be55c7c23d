/**
 * How the registry marks a metric that counts money (order value, revenue per customer): its
 * change unit. Its values take the manifest's currency, on the page and in the comparison of
 * two periods (a change of currency is no change of value).
 */
import type { MetricInfo } from '../../contracts/figures-schema.ts';

/** The change unit of a metric that counts money. */
export const MONEY_UNIT = 'currency units';

/** Whether a metric counts money: its values are in the manifest's currency. */
export function isMoney(metric: Pick<MetricInfo, 'changeUnit'>): boolean {
  return metric.changeUnit === MONEY_UNIT;
}
