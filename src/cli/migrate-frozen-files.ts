/**
 * What `npm run migrate-frozen` does: brings frozen figures and the versions that cite them to the current
 * format, never changing a published number.
 * - Formats 1 (before the figures schema), 2 (before findings were ranked and the snapshot's
 *   files hashed) and 3 (before verbatims were chosen by sentiment, with their language) are
 *   rewritten from the current computation of the same (unchanged) snapshot, every published
 *   number checked against it (frozen-migration.ts), with only the metrics they published (a
 *   metric added to the registry since is not given to them); overdue actions are judged at the
 *   version's publication date. Only then are the snapshots read.
 * - Later formats move by the steps of `FORMAT_STEPS`, which recompute nothing (format 4 → 5
 *   keeps only the trends the page shows); a file whose bytes are not the ones its version
 *   recorded is not moved. The version's `figuresHash` then records the moved file.
 * - A published version without a `figuresHash` gets the hash of its frozen file, once the file
 *   is valid figures of the snapshot it pins. That first record trusts the file as it is: run
 *   the command on a checkout of what was published.
 * Nothing is written for a file whose snapshot changed since, or whose numbers differ other than
 * by a corrected definition or a base now suppressed; such a file is named with the reason.
 */
import { join } from 'node:path';
import { contentHash } from '../build/content-hash.ts';
import { freezeFigures, parseFrozen, serializeFrozen } from '../build/frozen-figures.ts';
import { FIGURES_FORMAT } from '../contracts/figures-schema.ts';
import { actionsAsOf } from '../figures/action-figures.ts';
import type { CommandEffects } from './cli-support.ts';
import {
  acceptedDifference,
  compareFrozen,
  correctedDefinition,
  FORMAT_STEPS,
  inPublishedThemeOrder,
  keepPublished,
  publishedMetricsOnly,
  themeFigure,
  withPublishedVerbatims,
} from './frozen-migration.ts';
import { existingVersions, setFrontmatter, type ExistingVersion } from './report-workflow.ts';
import type { ReviewData } from '../build/review-data.ts';

/** The formats rewritten from their snapshot's current computation (format 1 has no field). */
const RECOMPUTED_FORMATS: readonly number[] = [1, 2, 3];

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

/**
 * Moves a file of a format that needs no recomputation to the current one, step by step, and
 * records the moved file's hash.
 */
function stepForward(
  text: string,
  version: ExistingVersion,
  file: string,
  fx: CommandEffects,
): Step {
  const recorded = version.data.figuresHash;
  if (recorded !== undefined && contentHash(text) !== recorded) {
    return {
      ok: false,
      line: `${file}: not migrated — it was changed after publication (${version.file} recorded ${recorded}); restore it from version control first.`,
    };
  }
  const mdx = fx.readFile(version.file);
  let json = JSON.parse(text) as Record<string, unknown>;
  const done: string[] = [];
  while (json.format !== FIGURES_FORMAT) {
    const step = FORMAT_STEPS[Number(json.format)];
    if (!step)
      return {
        ok: false,
        line: `${file}: not migrated — no step from format ${String(json.format)}`,
      };
    json = step.run(json, mdx);
    done.push(step.name);
  }
  const moved = serializeFrozen(json);
  const read = parseFrozen(Buffer.from(moved), file, 'report this: a migration step wrote it');
  if (!read.ok) return { ok: false, line: `${file}: not migrated — ${read.problem}` };
  fx.writeFile(file, moved);
  const hash = contentHash(moved);
  if (version.data.status === 'published')
    fx.writeFile(version.file, setFrontmatter(mdx, { figuresHash: hash }));
  return { ok: true, line: `${file}: ${done.join('; ')}; figuresHash ${hash} recorded` };
}

/**
 * Migrates every frozen file under `reportsDir` and its version; returns one line per change.
 * @param data the snapshots' figures, loaded only if a file must be recomputed
 */
export async function migrateFrozen(
  data: () => Promise<ReviewData>,
  reportsDir: string,
  fx: CommandEffects,
): Promise<{ lines: string[]; failed: number }> {
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
      const text = fx.readFile(file);
      const old = JSON.parse(text) as Record<string, unknown>;
      if (old.format === undefined || RECOMPUTED_FORMATS.includes(Number(old.format))) {
        const review = await data();
        const date = version.data.date.toISOString().slice(0, 10);
        if (!note(recompute(old, review, version, date, file, fx))) continue;
      } else if (old.format !== FIGURES_FORMAT) {
        if (!note(stepForward(text, version, file, fx))) continue;
      }
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
  review: ReviewData,
  version: ExistingVersion,
  date: string,
  file: string,
  fx: CommandEffects,
): Step {
  const publishedHash = old.format === undefined ? old.snapshotHash : old.hash;
  const computed = review.reviews.find((r) => r.id === version.data.snapshot);
  if (!computed || computed.hash !== publishedHash) return dataChanged(file, publishedHash);
  const frozen = freezeFigures(computed, review.reviews, fx.readFile(version.file));
  const live = publishedMetricsOnly(
    actionsAsOf(withPublishedVerbatims(old, inPublishedThemeOrder(old, frozen)), date),
    old,
  );
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
