/**
 * The `reviews` collection: a review per snapshot and its Explore data. The history across periods
 * is not stored: it is a re-arrangement of the reviews (figures/trends.ts), which the site data
 * makes from them.
 *
 * The content store holds a reference per entry, not the entry: Astro bundles the whole store
 * into the build as one module, whose size the bundler's memory multiplies (each megabyte of
 * store cost the build about 33 MB of peak memory; 40 demo quarters store 11.5 MB). The entry
 * itself, validated by `ReviewsEntrySchema` when the loader wrote it, is a file named by its
 * content's digest (build/entry-files.ts), which the site data reads and checks against that
 * digest.
 */
import { z } from 'zod';
import { ExplorePeriodSchema } from './explore-schema.ts';
import { ReviewFiguresSchema } from './figures-schema.ts';

/** What an entry's file holds. */
export const ReviewsEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('review'), figures: ReviewFiguresSchema }),
  z.strictObject({ kind: z.literal('explore'), explore: ExplorePeriodSchema }),
]);
export type ReviewsEntry = z.output<typeof ReviewsEntrySchema>;

/** What the content store holds of an entry: its kind and its file, with the file's digest. */
export const EntryRefSchema = z.strictObject({
  kind: z.enum(['review', 'explore']),
  /** Absolute path of the entry's file. */
  file: z.string().min(1),
  /** sha256 (hex) of the file's text. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EntryRef = z.output<typeof EntryRefSchema>;
