import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { snapshotsLoader } from './loaders/snapshots-loader.ts';
import { ReportFrontmatterSchema } from './schemas/report-frontmatter-schema.ts';
import { siteSettings } from './site-settings.ts';

const snapshots = defineCollection({
  loader: snapshotsLoader({ dataDir: siteSettings.dataDir }),
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

export const collections = { snapshots, reports };
