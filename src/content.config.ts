import { defineCollection } from 'astro:content';
import { reportsLoader } from './build/reports-loader.ts';
import { reviewsLoader } from './build/reviews-loader.ts';
import { ReviewsEntrySchema } from './contracts/collection-schemas.ts';
import { ReportFrontmatterSchema } from './contracts/report-frontmatter-schema.ts';
import { siteSettings } from './site-settings.ts';

const reviews = defineCollection({
  loader: reviewsLoader({ dataDir: siteSettings.dataDir }),
  schema: ReviewsEntrySchema,
});

const reports = defineCollection({
  loader: reportsLoader(siteSettings.reportsDir),
  schema: ReportFrontmatterSchema,
});

export const collections = { reviews, reports };
