/**
 * A share by group (churn by contract, late deliveries by carrier, …) as a one-pass reducer
 * with mergeable counts and a Wilson interval per group. Missing outcomes are counted apart,
 * never as failures.
 */

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
