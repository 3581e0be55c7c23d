import { z } from 'zod';
import { CONTENT_HASH } from './figures-schema.ts';

/** Frontmatter of a report version `reports/<snapshot-id>/v<N>.mdx`. */
export const ReportFrontmatterSchema = z.strictObject({
  /** Title shown on the page and in the archive. */
  title: z.string().min(1),
  /** Id of the snapshot (folder under data/) this version reports on. */
  snapshot: z.string().min(1),
  /** Content hash of that snapshot when this version was written; pins the data. */
  snapshotHash: z.string().regex(CONTENT_HASH, {
    error: 'must be "sha256:" followed by 64 hex digits (run `npm run new-report` to fill it in)',
  }),
  /**
   * Content hash of the version's frozen figures file (`v<N>.figures.json`), recorded at
   * publication: the build refuses a published version whose file does not match it.
   */
  figuresHash: z
    .string()
    .regex(CONTENT_HASH, {
      error:
        'must be "sha256:" followed by 64 hex digits (written by `npm run publish-report`, or `npm run migrate-frozen` for versions published before it)',
    })
    .optional(),
  /** Version number within the period, starting at 1. */
  version: z.number().int().positive(),
  /** Drafts build in dev (or with REVIEW_DRAFTS=1) only; published versions are immutable. */
  status: z.enum(['draft', 'published']),
  /** Publication (or drafting) date. */
  date: z.coerce.date(),
  authors: z.array(z.string()).default([]),
  /** One or two sentences for the archive and the home page. */
  summary: z.string().min(1),
  /** For a correction: what changed since the previous version. */
  changeNote: z.string().optional(),
});
export type ReportFrontmatter = z.output<typeof ReportFrontmatterSchema>;
