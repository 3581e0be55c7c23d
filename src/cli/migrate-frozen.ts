/**
 * `npm run migrate-frozen`: rewrites frozen figures of an earlier format in the current format,
 * checking every published number against the current computation from the same (unchanged)
 * snapshot; overdue actions are judged at the version's publication date. Nothing is written for a file whose snapshot changed since, or whose
 * numbers differ other than by a corrected definition; such a file is named with the reason.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serializeFrozen } from '../build/frozen-figures.ts';
import { loadReviews } from '../build/review-data.ts';
import { FIGURES_FORMAT } from '../contracts/figures-schema.ts';
import { CliError, nodeEffects, runCli, type CommandEffects } from './cli-support.ts';
import { actionsAsOf } from '../figures/action-figures.ts';
import {
  acceptedDifference,
  compareFrozen,
  correctedDefinition,
  inPublishedThemeOrder,
  keepPublished,
  themeFigure,
} from './frozen-migration.ts';
import { existingVersions } from './report-workflow.ts';
import type { ReviewData } from '../build/review-data.ts';

/** Migrates every old-format frozen file under `reportsDir`; returns one line per file. */
export function migrateFrozen(
  review: ReviewData,
  reportsDir: string,
  fx: CommandEffects,
): { lines: string[]; failed: number } {
  const lines: string[] = [];
  let failed = 0;
  for (const period of fx.list(reportsDir).sort()) {
    for (const version of existingVersions(reportsDir, period, fx)) {
      const file = join(reportsDir, `${version.id}.figures.json`);
      if (!fx.exists(file)) continue;
      const old = JSON.parse(fx.readFile(file)) as Record<string, unknown>;
      if (old.format === FIGURES_FORMAT) continue;
      const computed = review.reviews.find((r) => r.id === version.data.snapshot);
      const publishedHash = old.format === undefined ? old.snapshotHash : old.hash;
      if (!computed || computed.hash !== publishedHash) {
        failed += 1;
        lines.push(
          `${file}: not migrated — data/${version.data.snapshot} no longer hashes to ${String(publishedHash)}. Check out the snapshot as it was published, run this command, then restore it.`,
        );
        continue;
      }
      const live = actionsAsOf(
        inPublishedThemeOrder(old, computed),
        version.data.date.toISOString().slice(0, 10),
      );
      const { compared, differences } = compareFrozen(old, live);
      const unexpected = differences.filter((d) => !acceptedDifference(d, live));
      if (unexpected.length > 0) {
        failed += 1;
        lines.push(
          `${file}: not migrated — ${unexpected.length} published number(s) differ from today's computation, e.g. ${unexpected
            .slice(0, 3)
            .map((d) => `${d.path} ${d.published} (now ${d.current})`)
            .join(', ')}. Report this: published numbers must not change.`,
        );
        continue;
      }
      fx.writeFile(file, serializeFrozen(keepPublished(live, differences)));
      const corrected = differences.filter((d) => correctedDefinition(d) && !themeFigure(d));
      const themes = differences.filter(themeFigure);
      const suppressed = differences.filter((d) => !correctedDefinition(d));
      lines.push(
        [
          differences.length === 0
            ? `${file}: migrated from format ${String(old.format ?? 1)}; all ${compared} published numbers are unchanged`
            : `${file}: migrated from format ${String(old.format ?? 1)}; ${compared - differences.length} of ${compared} published numbers unchanged`,
          ...(corrected.length > 0
            ? [
                `kept the published value of ${corrected.length} figure(s) whose definition has been corrected since (${corrected.map((d) => `${d.path} ${d.published}, now computed ${d.current}`).join('; ')}) — publish a new version to show the corrected ones`,
              ]
            : []),
          ...(themes.length > 0
            ? [
                `kept the published comment-theme figures (${themes.length} numbers: theme matching has been corrected since), drew the theme findings again from them and left out the theme shares computed from them`,
              ]
            : []),
          ...(suppressed.length > 0
            ? [
                `suppressed ${suppressed.length} number(s) published on a base below the minimum (${suppressed.map((d) => `${d.path} ${d.published}`).join('; ')})`,
              ]
            : []),
        ].join('; '),
      );
    }
  }
  return { lines, failed };
}

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: process.env.REVIEW_DATA_DIR || 'data' },
      reports: { type: 'string', default: process.env.REVIEW_REPORTS_DIR || 'reports' },
    },
  });
  const root = process.cwd();
  const review = await loadReviews(resolve(root, values.data), root);
  const { lines, failed } = migrateFrozen(review, values.reports, nodeEffects);
  for (const line of lines) nodeEffects.out(line);
  if (lines.length === 0) nodeEffects.out('No frozen figures of an earlier format: nothing to do.');
  if (failed > 0) throw new CliError(`${failed} file(s) not migrated (see above).`);
});
