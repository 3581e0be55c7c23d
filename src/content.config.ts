import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { actionsLoader } from './build/actions-loader.ts';
import { snapshotsLoader } from './build/snapshots-loader.ts';
import { ActionSchema } from './contracts/action-schema.ts';
import { ReportFrontmatterSchema } from './contracts/report-frontmatter-schema.ts';
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

const actions = defineCollection({
  loader: actionsLoader({ dataDir: siteSettings.dataDir }),
  schema: ActionSchema,
});

export const collections = { snapshots, reports, actions };
