/** The one refusal of a metric id a review does not have, for every component that takes one. */
import { didYouMean } from '../contracts/near-matches.ts';

/**
 * The error of `<component metric="id">` when the review has no such metric: the near matches
 * first (a typo is the usual cause), then every metric id the review has.
 * @param review how the message names the review, e.g. "review 2026-Q3"
 */
export function unknownMetric(
  component: string,
  id: string,
  review: string,
  ids: readonly string[],
): Error {
  return new Error(
    `<${component} metric="${id}">: no metric "${id}" in ${review}${didYouMean(id, ids)}. Its metrics: ${ids.join(', ')}`,
  );
}
