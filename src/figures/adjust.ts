/** The multiple-testing adjustments a manifest may name, by name: the one lookup of them. */
import type { Adjustment } from '../contracts/fields.ts';
import { benjaminiHochberg, holm } from '../statistics/p-adjust.ts';

/** Adjusted p-values of a family of tests, by the manifest's adjustment. */
export const ADJUST: Record<Adjustment, (p: readonly number[]) => number[]> = {
  holm,
  bh: benjaminiHochberg,
};
