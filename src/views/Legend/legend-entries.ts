/** The entries a legend can show, and the set every table of figures uses. */

export type LegendEntry =
  'mark' | 'indicative' | 'open' | 'suppressed' | 'band' | 'target' | 'borderline';

/** A table of figures: the mark, the asterisk where some figure is indicative, suppression. */
export function tableLegend(hasIndicative: boolean): LegendEntry[] {
  return ['mark', ...(hasIndicative ? (['indicative'] as const) : []), 'suppressed'];
}
