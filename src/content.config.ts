import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { reviewsLoader } from './build/reviews-loader.ts';
import { ReviewsEntrySchema } from './contracts/collection-schemas.ts';
import { ReportFrontmatterSchema } from './contracts/report-frontmatter-schema.ts';
import { siteSettings } from './site-settings.ts';

const reviews = defineCollection({
  loader: reviewsLoader({ dataDir: siteSettings.dataDir }),
  schema: ReviewsEntrySchema,
});

const reports = defineCollection({
  // Keep the path as written ("2026-Q3/v1"), not slugified, so URLs match the folders.
  loader: glob({
    pattern: '**/*.mdx',
    base: siteSettings.reportsDir,
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: ReportFrontmatterSchema,
});

export const collections = { reviews, reports };
