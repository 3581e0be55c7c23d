/** Shares per group with their Wilson intervals, from a grouped-proportion state. */
import type { GroupedProportionState } from '../reducing/grouped-proportion.ts';
import { wilson } from '../statistics/wilson.ts';

export interface GroupShare {
  group: string;
  k: number;
  n: number;
  missing: number;
  /** Proportion (0–1). */
  p: number;
  wilson: [number, number];
}

/** Shares by group (sorted by group name) and overall. */
export function groupedProportions(state: GroupedProportionState): {
  groups: GroupShare[];
  overall: GroupShare | null;
} {
  const result = (group: string, k: number, n: number, missing: number): GroupShare => ({
    group,
    k,
    n,
    missing,
    p: k / n,
    wilson: wilson(k, n),
  });
  const groups = [...state.groups.entries()]
    .filter(([, g]) => g.n > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, g]) => result(group, g.k, g.n, g.missing));
  let k = 0;
  let n = 0;
  let missing = 0;
  for (const g of state.groups.values()) {
    k += g.k;
    n += g.n;
    missing += g.missing;
  }
  return { groups, overall: n > 0 ? result('all', k, n, missing) : null };
}
