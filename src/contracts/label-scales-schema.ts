import { z } from 'zod';

/** One point of a scale written in words: its spellings, in any language, before folding. */
export const ScalePointSchema = z.strictObject({
  /** Spellings taken as written ("very satisfied", "sehr zufrieden", "非常满意"). */
  words: z.array(z.string().min(1)),
  /**
   * Adjectives taken with their feminine and plural spellings too (French -t, Spanish and
   * Portuguese -o): "satisfait" stands for satisfaite, satisfaits and satisfaites.
   */
  adjectives: z.array(z.string().min(1)).optional(),
});
export type ScalePoint = z.output<typeof ScalePointSchema>;

/**
 * The rating scales a draft reads from labels written in words (reading/label-scales.json),
 * and the two sides of a yes/no outcome.
 */
export const LabelScalesSchema = z.strictObject({
  /** Tried in this order; the first whose points hold every label wins. */
  scales: z.array(
    z.strictObject({
      name: z.string().min(1),
      /** Why the scale is as it is, where that is not plain from its points. */
      note: z.string().optional(),
      /** From the lowest point to the highest. */
      points: z.array(ScalePointSchema).min(2),
    }),
  ),
  /** What reads as the satisfied side of a two-level outcome, and what as the other. */
  outcome: z.strictObject({ positive: ScalePointSchema, negative: ScalePointSchema }),
});
export type LabelScales = z.output<typeof LabelScalesSchema>;
