/**
 * One colour per metric, the same on every chart and sparkline: the Okabe–Ito palette, which
 * stays distinguishable with the common colour-vision deficiencies, in a light-theme and a
 * dark-theme shade. The light shades of orange, sky blue and pink are darkened until a line
 * keeps a contrast of at least 3:1 (WCAG 1.4.11) against the page and the cards; the dark
 * theme uses the lighter originals. Attribute items take their component's colour. Charts never
 * rely on colour alone (labels, shapes and tables carry the same information).
 */
import type { MetricInfo } from '../contracts/figures-schema.ts';

/** A series colour in each theme (print uses the light one). */
export interface SeriesColour {
  light: string;
  dark: string;
}

/** Every colour a series can take; `test/chart-colours.test.ts` checks each one's contrast. */
export const PALETTE = {
  blue: { light: '#0072B2', dark: '#56B4E9' },
  vermillion: { light: '#D55E00', dark: '#E8844A' },
  green: { light: '#00845F', dark: '#009E73' },
  pink: { light: '#B0548F', dark: '#CC79A7' },
  orange: { light: '#A87200', dark: '#E69F00' },
  sky: { light: '#2A7FBA', dark: '#56B4E9' },
  grey: { light: '#6E6E6E', dark: '#A0A0A0' },
} as const satisfies Record<string, SeriesColour>;

const BY_METRIC: Record<string, SeriesColour> = {
  index: PALETTE.blue,
  nps: PALETTE.vermillion,
  csat: PALETTE.green,
  csat_mean: PALETTE.green,
  ces: PALETTE.pink,
  ces_agree: PALETTE.pink,
};

const BY_COMPONENT: Record<NonNullable<MetricInfo['component']>, SeriesColour> = {
  product_quality: PALETTE.orange,
  service_quality: PALETTE.sky,
  reliability: PALETTE.blue,
  value: PALETTE.vermillion,
  emotional: PALETTE.pink,
  brand: PALETTE.grey,
};

/** The chart colour of a metric (blue for metrics without their own). */
export function metricColour(info: Pick<MetricInfo, 'id' | 'component'>): SeriesColour {
  return BY_METRIC[info.id] ?? (info.component ? BY_COMPONENT[info.component] : PALETTE.blue);
}

/**
 * The style attribute that hands a series colour to the stylesheet, which picks the shade of
 * the reader's theme (and the light one in print). Computed from the palette, never from data.
 */
export function seriesStyle(colour: SeriesColour): string {
  return `--series-light:${colour.light};--series-dark:${colour.dark}`;
}
