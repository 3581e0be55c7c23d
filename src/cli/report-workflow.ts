/**
 * The analyst's report workflow as functions over injected effects:
 * - newReport: scaffold a draft version for a snapshot (refuses a missing or invalid snapshot,
 *   and a snapshot whose data a published version already reports);
 * - publishReport: freeze the figures of a draft and mark it published (refuses a draft whose
 *   data changed since, or that still holds a drafting instruction or placeholder).
 */
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { formatReport, hasErrors } from '../reading/diagnostics.ts';
import type { ReviewData } from '../build/review-data.ts';
import {
  ReportFrontmatterSchema,
  type ReportFrontmatter,
} from '../contracts/report-frontmatter-schema.ts';
import { frozenPath, serializeFrozen } from '../build/frozen-figures.ts';
import { actionsAsOf } from '../figures/action-figures.ts';
import { CliError, type CommandEffects } from './cli-support.ts';
import { unfinishedLines } from './draft-placeholders.ts';
import { reportTemplate } from './report-template.ts';

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
      const parsed = ReportFrontmatterSchema.safeParse(parseDocument(match[1]!).toJS());
      if (!parsed.success) {
        throw new CliError(
          `${file}: invalid frontmatter: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      }
      return { id: `${snapshotId}/${name.replace(/\.mdx$/, '')}`, file, data: parsed.data };
    })
    .sort((a, b) => a.data.version - b.data.version);
}

function requireSnapshot(review: ReviewData, snapshotId: string) {
  const own = review.diagnostics.filter((d) => d.file.includes(`/${snapshotId}/`));
  if (hasErrors(own)) {
    throw new CliError(
      `Snapshot ${snapshotId} is invalid; fix it first (npm run validate -- data/${snapshotId}):\n${formatReport(own)}`,
    );
  }
  const position = review.reviews.findIndex((s) => s.id === snapshotId);
  if (position < 0) {
    const known = review.reviews.map((s) => s.id).join(', ') || 'none';
    throw new CliError(
      `No snapshot "${snapshotId}" under data/ (known: ${known}). Add data/${snapshotId}/ with its manifest.json first.`,
    );
  }
  return position;
}

/**
 * Writes a new draft version and returns its path.
 * @throws CliError when the snapshot is missing or invalid, when a draft already exists, or when
 *   a published version already reports this exact data
 */
export function newReport(
  review: ReviewData,
  snapshotId: string,
  reportsDir: string,
  fx: CommandEffects,
): string {
  const figures = review.reviews[requireSnapshot(review, snapshotId)]!;
  const versions = existingVersions(reportsDir, snapshotId, fx);
  const draft = versions.find((v) => v.data.status === 'draft');
  if (draft)
    throw new CliError(
      `${draft.file} is already a draft for ${snapshotId}: edit it, or delete it to start again.`,
    );
  const current = versions.find(
    (v) => v.data.status === 'published' && v.data.snapshotHash === figures.hash,
  );
  if (current) {
    throw new CliError(
      `${current.file} is already published for ${snapshotId} with this exact data (${figures.hash}). Published reports are immutable; a new version is only needed when the data is corrected.`,
    );
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
  return file;
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
): string[] {
  const figures = review.reviews[requireSnapshot(review, snapshotId)]!;
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
      `${draft.file} pins ${draft.data.snapshotHash} but data/${snapshotId} hashes to ${figures.hash}: re-check the draft against the current data and update snapshotHash.`,
    );
  }
  if (problems.length > 0) {
    throw new CliError(
      problems.length === 1
        ? problems[0]!
        : `${draft.file} is not ready to publish:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
  // Everything the page shows, as computed now: it renders from this file alone from here on.
  const frozenFile = join(reportsDir, frozenPath(draft.id));
  // Overdue is judged at the publication date, the date the frontmatter gets below.
  fx.writeFile(frozenFile, serializeFrozen(actionsAsOf(figures, fx.today())));
  const text = fx.readFile(draft.file).replace(/^---\n([\s\S]*?)\n---/, (_all, yaml: string) => {
    const doc = parseDocument(yaml);
    doc.set('status', 'published');
    doc.set('date', fx.today());
    return `---\n${doc.toString().trimEnd()}\n---`;
  });
  fx.writeFile(draft.file, text);
  return [draft.file, frozenFile];
}
