/**
 * One colour per metric, the same on every chart and sparkline: the Okabe–Ito palette, which
 * stays distinguishable with the common colour-vision deficiencies. Attribute items take their
 * component's colour. Charts never rely on colour alone (labels, shapes and tables carry the
 * same information).
 */
import type { MetricInfo } from '../contracts/figures-schema.ts';

const BY_METRIC: Record<string, string> = {
  index: '#0072B2',
  nps: '#D55E00',
  csat: '#009E73',
  csat_mean: '#009E73',
  ces: '#CC79A7',
  ces_agree: '#CC79A7',
};

const BY_COMPONENT: Record<NonNullable<MetricInfo['component']>, string> = {
  product_quality: '#E69F00',
  service_quality: '#56B4E9',
  reliability: '#0072B2',
  value: '#D55E00',
  emotional: '#CC79A7',
  brand: '#7F7F7F',
};

/** The chart colour of a metric (a neutral blue for metrics without their own). */
export function metricColour(info: Pick<MetricInfo, 'id' | 'component'>): string {
  return BY_METRIC[info.id] ?? (info.component ? BY_COMPONENT[info.component] : '#0072B2');
}
