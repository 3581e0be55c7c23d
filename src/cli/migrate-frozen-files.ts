/**
 * What `npm run migrate-frozen` does: brings frozen figures and the versions that cite them to the current
 * format, never changing a published number.
 * - Formats 1 (before the figures schema) and 2 (before findings were ranked and the snapshot's
 *   files hashed) are rewritten from the current computation of the same (unchanged) snapshot,
 *   every published number checked against it (frozen-migration.ts); overdue actions are judged
 *   at the version's publication date.
 * - A published version without a `figuresHash` gets the hash of its frozen file, once the file
 *   is valid figures of the snapshot it pins. That first record trusts the file as it is: run
 *   the command on a checkout of what was published.
 * Nothing is written for a file whose snapshot changed since, or whose numbers differ other than
 * by a corrected definition or a base now suppressed; such a file is named with the reason.
 */
import { join } from 'node:path';
import { contentHash } from '../build/content-hash.ts';
import { parseFrozen, serializeFrozen } from '../build/frozen-figures.ts';
import { FIGURES_FORMAT, type ReviewFigures } from '../contracts/figures-schema.ts';
import { actionsAsOf } from '../figures/action-figures.ts';
import type { CommandEffects } from './cli-support.ts';
import {
  acceptedDifference,
  compareFrozen,
  correctedDefinition,
  inPublishedThemeOrder,
  keepPublished,
  themeFigure,
  withPublishedVerbatims,
} from './frozen-migration.ts';
import { existingVersions, setFrontmatter, type ExistingVersion } from './report-workflow.ts';
import type { ReviewData } from '../build/review-data.ts';

/** The steps below for one version; a line says what was done or why not. */
type Step = { ok: true; line?: string } | { ok: false; line: string };

/** A file whose snapshot changed since its figures were computed cannot be migrated. */
function dataChanged(file: string, hash: unknown): Step {
  return {
    ok: false,
    line: `${file}: not migrated — its snapshot no longer hashes to ${String(hash)}. Check out the snapshot as it was published, run this command, then restore it.`,
  };
}

/** Records the hash of a published version's frozen file in its frontmatter, once it is valid. */
function recordFiguresHash(version: ExistingVersion, file: string, fx: CommandEffects): Step {
  if (version.data.status !== 'published' || version.data.figuresHash) return { ok: true };
  const text = fx.readFile(file);
  const read = parseFrozen(Buffer.from(text), file, 'restore it from version control first');
  if (!read.ok)
    return {
      ok: false,
      line: `${version.file}: no figuresHash recorded — ${read.problem}; ${read.fix}.`,
    };
  if (read.figures.hash !== version.data.snapshotHash) {
    return {
      ok: false,
      line: `${version.file}: no figuresHash recorded — ${file} was computed from ${read.figures.hash}, but the version pins ${version.data.snapshotHash}; restore both from version control first.`,
    };
  }
  const hash = contentHash(text);
  fx.writeFile(version.file, setFrontmatter(fx.readFile(version.file), { figuresHash: hash }));
  return { ok: true, line: `${version.file}: figuresHash ${hash} recorded for ${file}` };
}

/** Migrates every frozen file under `reportsDir` and its version; returns one line per change. */
export function migrateFrozen(
  review: ReviewData,
  reportsDir: string,
  fx: CommandEffects,
): { lines: string[]; failed: number } {
  const lines: string[] = [];
  let failed = 0;
  const note = (step: Step) => {
    if (step.line) lines.push(step.line);
    if (!step.ok) failed += 1;
    return step.ok;
  };
  for (const period of fx.list(reportsDir).sort()) {
    for (const version of existingVersions(reportsDir, period, fx)) {
      const file = join(reportsDir, `${version.id}.figures.json`);
      if (!fx.exists(file)) continue;
      const old = JSON.parse(fx.readFile(file)) as Record<string, unknown>;
      const computed = review.reviews.find((r) => r.id === version.data.snapshot);
      const date = version.data.date.toISOString().slice(0, 10);
      if (old.format !== FIGURES_FORMAT && !note(recompute(old, computed, date, file, fx)))
        continue;
      note(recordFiguresHash(version, file, fx));
    }
  }
  return { lines, failed };
}

/**
 * An earlier format → current: recomputed from the unchanged snapshot, overdue judged at the
 * publication `date`, every published number checked.
 */
function recompute(
  old: Record<string, unknown>,
  computed: ReviewFigures | undefined,
  date: string,
  file: string,
  fx: CommandEffects,
): Step {
  const publishedHash = old.format === undefined ? old.snapshotHash : old.hash;
  if (!computed || computed.hash !== publishedHash) return dataChanged(file, publishedHash);
  const live = actionsAsOf(withPublishedVerbatims(old, inPublishedThemeOrder(old, computed)), date);
  const { compared, differences } = compareFrozen(old, live);
  const unexpected = differences.filter((d) => !acceptedDifference(d, live));
  if (unexpected.length > 0) {
    return {
      ok: false,
      line: `${file}: not migrated — ${unexpected.length} published number(s) differ from today's computation, e.g. ${unexpected
        .slice(0, 3)
        .map((d) => `${d.path} ${d.published} (now ${d.current})`)
        .join(', ')}. Report this: published numbers must not change.`,
    };
  }
  fx.writeFile(file, serializeFrozen(keepPublished(live, differences)));
  const corrected = differences.filter((d) => correctedDefinition(d) && !themeFigure(d));
  const themes = differences.filter(themeFigure);
  const suppressed = differences.filter((d) => !correctedDefinition(d));
  const from = `migrated from format ${String(old.format ?? 1)}`;
  return {
    ok: true,
    line: [
      differences.length === 0
        ? `${file}: ${from}; all ${compared} published numbers are unchanged`
        : `${file}: ${from}; ${compared - differences.length} of ${compared} published numbers unchanged`,
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
  };
}
