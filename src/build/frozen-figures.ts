/**
 * A published version's figures, frozen at publication next to its MDX
 * (`reports/<period>/v<N>.figures.json`): the review figures its page renders from, so its
 * numbers, findings, tests and trends never change — not when the data is corrected (a new
 * version is published instead), and not when the code improves. The version's frontmatter
 * records the file's content hash (`figuresHash`), so a file edited, replaced or lost after
 * publication fails the build; read back through the figures schema, a file that is not valid
 * figures is an error, never a page.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  FIGURES_FORMAT,
  ReviewFiguresSchema,
  type ReviewFigures,
} from '../contracts/figures-schema.ts';
import { snapshotHash } from '../reading/read-snapshot.ts';
import { contentHash, lineEndingChange, lineEndingsFix } from './content-hash.ts';

/** Path of the frozen figures of a report version, relative to the reports folder. */
export function frozenPath(reportId: string): string {
  return `${reportId}.figures.json`;
}

/** Serialises deterministically (key order as built, 2-space indent, trailing newline). */
export function serializeFrozen(figures: ReviewFigures): string {
  return `${JSON.stringify(figures, null, 2)}\n`;
}

/** A published version whose frozen figures are to be read. */
export interface FrozenVersion {
  /** Absolute path of the frozen figures file. */
  path: string;
  /** The file as messages show it. */
  display: string;
  /** The version's MDX as messages show it. */
  mdx: string;
  /** The `figuresHash` its frontmatter records. */
  recorded: string | undefined;
  /** How to publish different figures for the period (the correction workflow). */
  correction: string;
}

export type FrozenRead =
  | { ok: true; figures: ReviewFigures }
  | {
      ok: false;
      /** The file that is wrong and what is wrong with it. */
      problem: string;
      /** What to do. */
      fix: string;
    };

/** Whether a file's per-file hashes make up its snapshot hash (a hand-edited file breaks it). */
function filesAddUp(figures: ReviewFigures): boolean {
  const parts = Object.entries(figures.files).map(
    ([name, hash]) => [name, hash.replace(/^sha256:/, '')] as [string, string],
  );
  return snapshotHash(parts) === figures.hash;
}

/** Reads a published version's frozen figures and checks them against its recorded hash. */
export function readFrozen(version: FrozenVersion): FrozenRead {
  const { path, display, mdx, recorded, correction } = version;
  const restore = `restore it from version control (\`git checkout -- ${display}\`): a published version renders from the figures frozen at its publication, written by \`npm run publish-report\` only. To publish different figures, ${correction}`;
  if (recorded === undefined) {
    return {
      ok: false,
      problem: `${mdx} is published but its frontmatter records no figuresHash, so its frozen figures (${display}) cannot be verified`,
      fix: 'run `npm run migrate-frozen` once: it checks each published version’s frozen figures against its snapshot and records their hash (`npm run publish-report` records it for new versions)',
    };
  }
  if (!existsSync(path)) return { ok: false, problem: `${display} is missing`, fix: restore };
  const bytes = readFileSync(path);
  const actual = contentHash(bytes);
  if (actual === recorded) return parseFrozen(bytes, display, restore);
  const converted = lineEndingChange(bytes, recorded);
  return converted
    ? {
        ok: false,
        problem: `${display} differs from the file published with ${mdx} only in its line endings (${converted})`,
        fix: lineEndingsFix([display]),
      }
    : {
        ok: false,
        problem: `${display} was changed after publication: it hashes to ${actual}, but ${mdx} recorded ${recorded} (figuresHash) when it was published`,
        fix: restore,
      };
}

/**
 * Parses the bytes of a frozen figures file: JSON, in the current format, valid figures whose
 * file hashes make up their snapshot hash.
 * @param fix what to do when they are not
 */
export function parseFrozen(bytes: Buffer, display: string, fix: string): FrozenRead {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return {
      ok: false,
      problem: `${display} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      fix,
    };
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== FIGURES_FORMAT) {
    return {
      ok: false,
      problem: `${display} holds figures in format ${format === undefined ? 1 : String(format)}, and this version of the tool reads format ${FIGURES_FORMAT}`,
      fix: 'run `npm run migrate-frozen` once: it rewrites frozen figures in the current format and checks every published number is unchanged',
    };
  }
  const parsed = ReviewFiguresSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      problem: `${display} is not valid figures: ${issue.path.join('.') || '(root)'}: ${issue.message}${parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : ''}`,
      fix,
    };
  }
  if (!filesAddUp(parsed.data)) {
    return {
      ok: false,
      problem: `${display} is not valid figures: the file hashes it records do not make up its snapshot hash ${parsed.data.hash}`,
      fix,
    };
  }
  return { ok: true, figures: parsed.data };
}
