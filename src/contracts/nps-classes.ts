/**
 * The Net Promoter classes of a 0–10 likelihood-to-recommend answer (Reichheld 2003): the one
 * definition the NPS estimator, the comment themes and the revenue-at-risk join all use.
 */

/** Lowest answer of a promoter. */
export const PROMOTER_FROM = 9;
/** Highest answer of a detractor. */
export const DETRACTOR_TO = 6;

/** The classes, "unknown" for a response without an answer to the recommend question. */
export const NPS_CLASS_NAMES = ['promoter', 'passive', 'detractor', 'unknown'] as const;
export type NpsClass = (typeof NPS_CLASS_NAMES)[number];

/**
 * The class of an answer; "unknown" when the question was not answered.
 * @example npsClass(7) // 'passive'
 */
export function npsClass(recommend: number | undefined): NpsClass {
  if (recommend === undefined || Number.isNaN(recommend)) return 'unknown';
  return recommend >= PROMOTER_FROM
    ? 'promoter'
    : recommend <= DETRACTOR_TO
      ? 'detractor'
      : 'passive';
}
