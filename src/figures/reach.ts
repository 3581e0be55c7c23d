/**
 * How many customers a group holds, for ranking findings by business impact: its share of the
 * population (the manifest's counts; of the responses where the manifest gives none) and, where
 * orders carry the group, its share of the period's revenue. Pure.
 */
import type { Finding, ReviewFigures } from '../contracts/figures-schema.ts';
import type { BehaviourState } from '../reducing/behaviour-state.ts';
import type { ReachOf } from './ranking.ts';

/** The reach of each group (and of everyone) of a review. */
export function reachOfGroups(
  responseRates: ReviewFigures['responseRates'],
  behaviour: BehaviourState | null,
): ReachOf {
  const revenueByDimension = new Map<string, Map<string, number> | null>();
  const revenueShare = (dimension: string, level: string): number | null => {
    if (!revenueByDimension.has(dimension))
      revenueByDimension.set(dimension, revenueByLevel(behaviour, dimension));
    const byLevel = revenueByDimension.get(dimension);
    if (!byLevel) return null;
    let total = 0;
    for (const r of byLevel.values()) total += r;
    return total > 0 ? (byLevel.get(level) ?? 0) / total : null;
  };
  return (segment): Finding['reach'] => {
    if (!segment) return { population: 1, revenue: behaviour ? 1 : null };
    const levels = Object.values(responseRates[segment.dimension] ?? {});
    const own = responseRates[segment.dimension]?.[segment.level];
    const populations = levels.map((l) => l.population);
    const population = populations.every((p) => p !== null)
      ? shareOf(own?.population ?? 0, populations as number[])
      : shareOf(
          own?.responses ?? 0,
          levels.map((l) => l.responses),
        );
    return { population, revenue: revenueShare(segment.dimension, segment.level) };
  };
}

function shareOf(part: number, all: readonly number[]): number | null {
  const total = all.reduce((a, b) => a + b, 0);
  return total > 0 ? part / total : null;
}

/** Revenue by level of a dimension; null when no order carries the dimension. */
function revenueByLevel(
  behaviour: BehaviourState | null,
  dimension: string,
): Map<string, number> | null {
  if (!behaviour) return null;
  const { data, stride, at } = behaviour.customers;
  const out = new Map<string, number>();
  for (let row = 0; row < behaviour.customers.size; row++) {
    const level = behaviour.segments[row]![dimension];
    if (level === undefined) continue;
    out.set(level, (out.get(level) ?? 0) + data[row * stride + at.revenue]!);
  }
  return out.size > 0 ? out : null;
}
