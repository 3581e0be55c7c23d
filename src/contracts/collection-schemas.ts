/** Entries of the content collection the data loader fills: a review per snapshot, the history. */
import { z } from 'zod';
import { HistoryFiguresSchema, ReviewFiguresSchema } from './figures-schema.ts';

export const ReviewsEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('review'), figures: ReviewFiguresSchema }),
  z.strictObject({ kind: z.literal('history'), history: HistoryFiguresSchema }),
]);
export type ReviewsEntry = z.output<typeof ReviewsEntrySchema>;
