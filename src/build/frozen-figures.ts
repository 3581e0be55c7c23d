/**
 * A published version's figures, frozen at publication next to its MDX
 * (`reports/<period>/v<N>.figures.json`): the review figures its page renders from, so its
 * numbers, findings, tests and trends never change — not when the data is corrected (a new
 * version is published instead), and not when the code improves. The version's frontmatter
 * records the file's content hash (`figuresHash`), so a file edited, replaced or lost after
 * publication fails the build; read back through the figures schema, a file that is not valid
 * figures is an error, never a page.
 *
 * History grows linearly: a version freezes its own figures and, of the history, only the trends
 * its page shows (`frozenTrendMetrics`), not every earlier period's figures. A file is then its
 * period's figures (about 140–170 KB for the demo's questionnaire and groups) plus, per trend
 * shown, about 0.26 KB per period: 4 headline trends over 40 quarters add 42 KB to the 40th.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  FIGURES_FORMAT,
  ReviewFiguresSchema,
  type ReviewFigures,
} from '../contracts/figures-schema.ts';
import { withTrends, type Measured } from '../figures/trends.ts';
import { HEADLINE_METRICS } from '../metrics/registry/index.ts';
import { snapshotHash } from '../reading/read-snapshot.ts';
import { contentHash, lineEndingChange, lineEndingsFix } from './content-hash.ts';

/** Path of the frozen figures of a report version, relative to the reports folder. */
export function frozenPath(reportId: string): string {
  return `${reportId}.figures.json`;
}

/** JSON with the first `depth` levels one entry a line (2-space indent), deeper ones compact. */
function layeredJson(value: unknown, depth: number, indent = ''): string {
  if (depth === 0 || value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const lines = Array.isArray(value)
    ? value.map((v) => layeredJson(v ?? null, depth - 1, inner))
    : Object.entries(value)
        // As JSON.stringify: a key whose value is undefined is not written.
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${JSON.stringify(k)}: ${layeredJson(v, depth - 1, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (lines.length === 0) return `${open}${close}`;
  return `${open}\n${lines.map((l) => `${inner}${l}`).join(',\n')}\n${indent}${close}`;
}

/**
 * Serialises deterministically (key order as built): the top two levels one entry a line, each
 * deeper value compact on its line (a metric, a finding, a trend), and a trailing newline. A diff
 * shows which figure changed, and the file is about 40% smaller than indented throughout.
 */
export function serializeFrozen(
  figures: ReviewFigures | Readonly<Record<string, unknown>>,
): string {
  return `${layeredJson(figures, 2)}\n`;
}

/** An MDX text's body (what follows its frontmatter). */
function bodyOf(mdx: string): string {
  return mdx.replace(/^---\n[\s\S]*?\n---/, '');
}

/**
 * The metrics whose trend a version's page can show: the headline metrics (the home page's
 * and `<HeadlineGrid sparklines />`'s sparklines) and every metric its MDX names as a quoted
 * string (`<TrendChart metric="retention" />`, `metrics={["nps", "ces"]}`), among those the
 * figures have. Naming is enough: a `<Figure metric="…">` adds a trend nobody shows, never
 * removes one a page shows.
 */
export function frozenTrendMetrics(figures: Pick<ReviewFigures, 'metrics'>, mdx: string): string[] {
  const body = bodyOf(mdx);
  const named = (id: string) =>
    ['"', "'", '`'].some((quote) => body.includes(`${quote}${id}${quote}`));
  return Object.keys(figures.metrics).filter(
    (id) => (HEADLINE_METRICS as readonly string[]).includes(id) || named(id),
  );
}

/**
 * What a version freezes at publication: its figures with the trends its page shows, over the
 * periods up to its own.
 * @param reviews every period's figures, oldest first (its own among them)
 * @param mdx the version's MDX
 */
export function freezeFigures(
  figures: ReviewFigures,
  reviews: ReadonlyArray<Measured & Pick<ReviewFigures, 'period'>>,
  mdx: string,
): ReviewFigures {
  return withTrends(figures, reviews, frozenTrendMetrics(figures, mdx));
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
  /** Figures validated before from a file of the same hash, by this code (site-data.ts). */
  validated?: ValidatedFigures;
}

/**
 * Frozen figures this code has validated, by the hash of the file they were read from: a build
 * reads the same published files every time, and validating each again cost it 2-3 ms a file.
 */
export interface ValidatedFigures {
  get(hash: string): ReviewFigures | undefined;
  set(hash: string, figures: ReviewFigures): void;
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
  if (actual === recorded) {
    const known = version.validated?.get(actual);
    if (known) return { ok: true, figures: known };
    const read = parseFrozen(bytes, display, restore);
    if (read.ok) version.validated?.set(actual, read.figures);
    return read;
  }
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
