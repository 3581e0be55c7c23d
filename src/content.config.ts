import { defineCollection } from 'astro:content';
import { reportsLoader } from './build/reports-loader.ts';
import { reviewsLoader } from './build/reviews-loader.ts';
import { EntryRefSchema } from './contracts/collection-schemas.ts';
import { ReportFrontmatterSchema } from './contracts/report-frontmatter-schema.ts';
import { siteSettings } from './site-settings.ts';

const reviews = defineCollection({
  loader: reviewsLoader({ dataDir: siteSettings.dataDir }),
  schema: EntryRefSchema,
});

const reports = defineCollection({
  loader: reportsLoader(siteSettings.reportsDir),
  schema: ReportFrontmatterSchema,
});

export const collections = { reviews, reports };
