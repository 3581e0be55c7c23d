/** Typed access to the reference figures in test/fixtures/oracles (see its README for sources). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ORACLE_DIR = fileURLToPath(new URL('./fixtures/oracles/', import.meta.url));

interface NpsCase {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number;
  wald: [number, number];
  adjusted_wald: [number, number];
}

export interface ReferenceValues {
  nps_small: NpsCase & { scores: number[] };
  wilson_examples: Array<{ k: number; n: number; p: number; wilson: [number, number] }>;
  nps_difference: { a: NpsCase; b: NpsCase; z: number; p_two_sided: number };
  multiple_comparisons: { p: number[]; holm: number[]; bh: number[] };
  two_proportion_z: {
    k1: number;
    n1: number;
    k2: number;
    n2: number;
    z: number;
    p_two_sided: number;
  };
  kish_neff: { weights: number[]; n_eff: number };
}

export const reference = JSON.parse(
  readFileSync(`${ORACLE_DIR}reference-values.json`, 'utf8'),
) as ReferenceValues;
