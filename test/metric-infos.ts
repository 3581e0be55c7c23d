/** Metric descriptions for tests of the views, as a review's catalog gives them. */
import type { MetricInfo } from '../src/contracts/figures-schema.ts';

/** CSAT: a top-box share in percent, one decimal, higher is better. */
export const CSAT: MetricInfo = {
  id: 'csat',
  entry: 'csat',
  label: 'Customer satisfaction (CSAT)',
  shortLabel: 'CSAT',
  section: 'headline',
  unit: '%',
  changeUnit: 'percentage points',
  direction: 'higher-is-better',
  decimals: 1,
  kind: 'proportion',
  range: [0, 100],
  item: 'csat',
  component: null,
};
