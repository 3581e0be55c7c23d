/**
 * Entries of the content collection the data loader fills: a review per snapshot, its Explore
 * data, the history.
 */
import { z } from 'zod';
import { ExplorePeriodSchema } from './explore-schema.ts';
import { HistoryFiguresSchema, ReviewFiguresSchema } from './figures-schema.ts';

export const ReviewsEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('review'), figures: ReviewFiguresSchema }),
  z.strictObject({ kind: z.literal('history'), history: HistoryFiguresSchema }),
  z.strictObject({ kind: z.literal('explore'), explore: ExplorePeriodSchema }),
]);
export type ReviewsEntry = z.output<typeof ReviewsEntrySchema>;
