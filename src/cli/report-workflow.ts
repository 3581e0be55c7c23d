/**
 * The analyst's report workflow as functions over injected effects:
 * - newReport: scaffold a draft version for a snapshot (refuses a missing or invalid snapshot,
 *   and a snapshot whose data a published version already reports), or re-pin the period's
 *   draft to its snapshot's current data, keeping the analyst's text;
 * - publishReport: freeze the figures of a draft, record their hash and mark it published
 *   (refuses a draft whose data changed since, or that still holds a drafting instruction or
 *   placeholder).
 */
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { formatReport, hasErrors } from '../reading/diagnostics.ts';
import type { ReviewData } from '../build/review-data.ts';
import {
  ReportFrontmatterSchema,
  type ReportFrontmatter,
} from '../contracts/report-frontmatter-schema.ts';
import { contentHash } from '../build/content-hash.ts';
import { namingAllowed } from '../contracts/naming-allowed.ts';
import { frozenPath, serializeFrozen } from '../build/frozen-figures.ts';
import { repinAdvice } from '../build/report-index.ts';
import { actionsAsOf } from '../figures/action-figures.ts';
import { CliError, type CommandEffects } from './cli-support.ts';
import { unfinishedLines } from './draft-placeholders.ts';
import { reportTemplate } from './report-template.ts';
import { unknownSnapshot } from './snapshot-folder.ts';

export interface ExistingVersion {
  id: string;
  file: string;
  data: ReportFrontmatter;
}

/** Reads the versions of one period from `reports/<snapshot>/v<N>.mdx`. */
export function existingVersions(
  reportsDir: string,
  snapshotId: string,
  fx: CommandEffects,
): ExistingVersion[] {
  const dir = join(reportsDir, snapshotId);
  return fx
    .list(dir)
    .filter((name) => /^v\d+\.mdx$/.test(name))
    .map((name) => {
      const file = join(dir, name);
      const text = fx.readFile(file);
      const match = /^---\n([\s\S]*?)\n---/.exec(text);
      if (!match) throw new CliError(`${file}: no frontmatter found`);
      const parsed = ReportFrontmatterSchema.safeParse(parseDocument(match[1]!).toJS(), {
        error: namingAllowed,
      });
      if (!parsed.success) {
        throw new CliError(
          `${file}: invalid frontmatter: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      }
      return { id: `${snapshotId}/${name.replace(/\.mdx$/, '')}`, file, data: parsed.data };
    })
    .sort((a, b) => a.data.version - b.data.version);
}

function requireSnapshot(review: ReviewData, snapshotId: string, dataDir: string) {
  const own = review.diagnostics.filter((d) => d.file.includes(`/${snapshotId}/`));
  if (hasErrors(own)) {
    throw new CliError(
      `Snapshot ${snapshotId} is invalid; fix it first (npm run validate -- ${join(dataDir, snapshotId)}):\n${formatReport(own)}`,
    );
  }
  const position = review.reviews.findIndex((s) => s.id === snapshotId);
  if (position < 0)
    throw unknownSnapshot(
      snapshotId,
      review.reviews.map((s) => s.id),
      dataDir,
    );
  return position;
}

/**
 * Writes a new draft version and returns its path; or, when the period's draft pins data its
 * snapshot no longer has, re-pins that draft to the current data (its text kept) and returns its
 * path. Says on `fx.out` which it did and what to do next.
 * @param dataDir the data folder, as messages name it
 * @throws CliError when the snapshot is missing or invalid, when a draft of the current data
 *   already exists, or when a published version already reports this exact data
 */
export function newReport(
  review: ReviewData,
  snapshotId: string,
  reportsDir: string,
  fx: CommandEffects,
  dataDir = 'data',
): string {
  const figures = review.reviews[requireSnapshot(review, snapshotId, dataDir)]!;
  const versions = existingVersions(reportsDir, snapshotId, fx);
  const draft = versions.find((v) => v.data.status === 'draft');
  const current = versions.find(
    (v) => v.data.status === 'published' && v.data.snapshotHash === figures.hash,
  );
  if (current) {
    throw new CliError(
      `${current.file} is already published for ${snapshotId} with this exact data (${figures.hash}). Published reports are immutable; a new version is only needed when the data is corrected.${draft ? ` ${draft.file} is a draft of other data: delete it.` : ''}`,
    );
  }
  if (draft) {
    if (draft.data.snapshotHash === figures.hash)
      throw new CliError(
        `${draft.file} is already a draft for ${snapshotId}, pinned to its current data: edit it (preview with \`npm run dev\`) and publish it with \`npm run publish-report -- ${snapshotId}\`, or delete it to draft again.`,
      );
    return repinDraft(draft, figures.hash, fx);
  }
  const version = (versions.at(-1)?.data.version ?? 0) + 1;
  const text = reportTemplate({
    figures,
    version,
    date: fx.today(),
    replaces: versions.length > 0 ? versions.at(-1)!.data.version : undefined,
  });
  const file = join(reportsDir, snapshotId, `v${version}.mdx`);
  fx.writeFile(file, text);
  fx.out(
    `Wrote ${file} (draft). Preview it with \`npm run dev\`, write the decisions and the narrative in place of the drafting instructions (publish-report refuses them), then \`npm run publish-report -- ${snapshotId}\`.`,
  );
  return file;
}

/**
 * Pins a draft to its snapshot's current data: only `snapshotHash` changes. The draft renders
 * from the live figures, so its components follow the new data; the analyst's prose and the
 * drafted summary were written against the old numbers, which the message says.
 */
function repinDraft(draft: ExistingVersion, hash: string, fx: CommandEffects): string {
  fx.writeFile(draft.file, setFrontmatter(fx.readFile(draft.file), { snapshotHash: hash }));
  fx.out(
    [
      `Re-pinned ${draft.file} to the current data of ${draft.data.snapshot} (${draft.data.snapshotHash} → ${hash}); its text is kept.`,
      'Its figures now come from the changed data: re-read the narrative and the summary in the frontmatter, whose numbers were written for the old data,',
      `then \`npm run publish-report -- ${draft.data.snapshot}\`.`,
    ].join('\n'),
  );
  return draft.file;
}

/**
 * Publishes the draft of a period: checks it pins the current data, freezes its review figures
 * (findings, tests and trends included) next to it, sets status and date. Returns the paths
 * written.
 */
export function publishReport(
  review: ReviewData,
  snapshotId: string,
  reportsDir: string,
  fx: CommandEffects,
  dataDir = 'data',
): string[] {
  const figures = review.reviews[requireSnapshot(review, snapshotId, dataDir)]!;
  const draft = existingVersions(reportsDir, snapshotId, fx).find((v) => v.data.status === 'draft');
  if (!draft)
    throw new CliError(
      `No draft for ${snapshotId}: run \`npm run new-report -- ${snapshotId}\` first.`,
    );
  // Every reason not to publish at once: the data it pins, and what is left of the drafting.
  const problems = unfinishedLines(fx.readFile(draft.file)).map(
    ({ line, placeholder }) =>
      `${draft.file}:${line}: ${placeholder.what} ("${placeholder.text}"): write your own words or delete it.`,
  );
  if (draft.data.snapshotHash !== figures.hash) {
    problems.unshift(
      `${draft.file} pins ${draft.data.snapshotHash} but ${join(dataDir, snapshotId)} hashes to ${figures.hash}: ${repinAdvice(snapshotId)}.`,
    );
  }
  if (problems.length > 0) {
    throw new CliError(
      problems.length === 1
        ? problems[0]!
        : `${draft.file} is not ready to publish:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
  // Everything the page shows, as computed now: it renders from this file alone from here on,
  // and the version records the file's hash so that a later edit fails the build.
  const frozenFile = join(reportsDir, frozenPath(draft.id));
  // Overdue is judged at the publication date, the date the frontmatter gets below.
  const frozen = serializeFrozen(actionsAsOf(figures, fx.today()));
  fx.writeFile(frozenFile, frozen);
  fx.writeFile(
    draft.file,
    setFrontmatter(fx.readFile(draft.file), {
      status: 'published',
      date: fx.today(),
      figuresHash: contentHash(frozen),
    }),
  );
  return [draft.file, frozenFile];
}

/** An MDX text with frontmatter fields set (the rest of the YAML, comments included, kept as written). */
export function setFrontmatter(text: string, fields: Record<string, string>): string {
  return text.replace(/^---\n([\s\S]*?)\n---/, (_all, yaml: string) => {
    const doc = parseDocument(yaml);
    for (const [key, value] of Object.entries(fields)) doc.set(key, value);
    // No folding: a long summary stays on its line, as the analyst wrote it.
    return `---\n${doc.toString({ lineWidth: 0 }).trimEnd()}\n---`;
  });
}
