/**
 * ACSI-style 0–100 satisfaction index. Each respondent's index is the (weighted) mean over the
 * index items they answered of (item − min)/(max − min)·100; the reported index is the mean over
 * respondents with a t interval. Respondents who answered none of the items are missing.
 * Reference: Fornell et al. (1996), "The American Customer Satisfaction Index", J. Marketing 60(4);
 * equal item weights unless the caller gives weights.
 */

export interface IndexItem {
  min: number;
  max: number;
  /** Relative weight of the item in the index (default 1). */
  weight?: number;
}

/**
 * One respondent's 0–100 index, or undefined when no index item was answered. Item i's answer
 * is `answers[at[i]]`, NaN when missing: the survey reducer reads a response's scores once into
 * such an array, and this runs once per response.
 * @example respondentIndex([{ min: 1, max: 10 }, { min: 1, max: 10 }], [7, NaN], [0, 1]) // 66.67
 */
export function respondentIndex(
  items: readonly IndexItem[],
  answers: ArrayLike<number>,
  at: ArrayLike<number>,
): number | undefined {
  let sum = 0;
  let weight = 0;
  for (let i = 0; i < items.length; i++) {
    const value = answers[at[i]!]!;
    if (Number.isNaN(value)) continue;
    const item = items[i]!;
    const w = item.weight ?? 1;
    sum += (w * (value - item.min) * 100) / (item.max - item.min);
    weight += w;
  }
  return weight > 0 ? sum / weight : undefined;
}
