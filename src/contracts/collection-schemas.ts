/**
 * Entries of the content collection the data loader fills: a review per snapshot and its Explore
 * data. The history across periods is not stored: it is a re-arrangement of the reviews
 * (figures/trends.ts), which the site data makes from them.
 */
import { z } from 'zod';
import { ExplorePeriodSchema } from './explore-schema.ts';
import { ReviewFiguresSchema } from './figures-schema.ts';

export const ReviewsEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('review'), figures: ReviewFiguresSchema }),
  z.strictObject({ kind: z.literal('explore'), explore: ExplorePeriodSchema }),
]);
export type ReviewsEntry = z.output<typeof ReviewsEntrySchema>;
