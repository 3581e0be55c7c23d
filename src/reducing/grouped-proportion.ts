/**
 * A share by group (churn by contract, late deliveries by carrier, …) as a one-pass reducer
 * with mergeable counts and a Wilson interval per group. Missing outcomes are counted apart,
 * never as failures.
 */
import { wilson } from '../statistics/wilson.ts';

export interface GroupedProportionState {
  groups: Map<string, { k: number; n: number; missing: number }>;
}

export function createGroupedProportion(): GroupedProportionState {
  return { groups: new Map() };
}

/** Adds one observation (mutates): success true/false, or undefined when unknown. */
export function addProportion(
  state: GroupedProportionState,
  group: string,
  success: boolean | undefined,
): GroupedProportionState {
  let g = state.groups.get(group);
  if (!g) {
    g = { k: 0, n: 0, missing: 0 };
    state.groups.set(group, g);
  }
  if (success === undefined) g.missing += 1;
  else {
    g.n += 1;
    if (success) g.k += 1;
  }
  return state;
}

export function mergeGroupedProportions(
  a: GroupedProportionState,
  b: GroupedProportionState,
): GroupedProportionState {
  const groups = new Map<string, { k: number; n: number; missing: number }>();
  for (const [key, g] of a.groups) groups.set(key, { ...g });
  for (const [key, g] of b.groups) {
    const existing = groups.get(key);
    if (existing) {
      existing.k += g.k;
      existing.n += g.n;
      existing.missing += g.missing;
    } else groups.set(key, { ...g });
  }
  return { groups };
}

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
