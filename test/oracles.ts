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
  /** Olist reviews joined to orders: CSAT overall and late vs on-time deliveries. */
  olist_subset: {
    reviews: number;
    csat_all: Proportion;
    mean_score: number;
    csat_late: Proportion;
    csat_on_time: Proportion;
  };
  /** ECSI mobile-phone survey: satisfaction index and key drivers over the construct means. */
  mobi: {
    satisfaction_index_0_100: number;
    drivers: {
      n: number;
      r2: number;
      pearson: Record<MobiConstruct, number>;
      lmg: Record<MobiConstruct, number>;
      johnson: Record<MobiConstruct, number>;
    };
  };
  /** IBM Telco customer base: churn overall and by contract. */
  telco: { churn_all: Proportion; churn_by_contract: Record<string, Proportion> };
}

/** k of n with the share p and its Wilson interval. */
export interface Proportion {
  k: number;
  n: number;
  p: number;
  wilson: [number, number];
}

/** The ECSI constructs the mobi driver reference is computed on. */
export type MobiConstruct = 'Image' | 'Expectation' | 'Quality' | 'Value';

export const reference = JSON.parse(
  readFileSync(`${ORACLE_DIR}reference-values.json`, 'utf8'),
) as ReferenceValues;
