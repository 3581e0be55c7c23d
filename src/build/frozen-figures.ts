/**
 * A published version's figures, frozen at publication next to its MDX
 * (`reports/<period>/v<N>.figures.json`): the review figures its page renders from, so its
 * numbers, findings, tests and trends never change — not when the data is corrected (a new
 * version is published instead), and not when the code improves. Read back through the figures
 * schema: a file that is not valid figures is an error, never a page.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  FIGURES_FORMAT,
  ReviewFiguresSchema,
  type ReviewFigures,
} from '../contracts/figures-schema.ts';

/** Path of the frozen figures of a report version, relative to the reports folder. */
export function frozenPath(reportId: string): string {
  return `${reportId}.figures.json`;
}

/** Serialises deterministically (key order as built, 2-space indent, trailing newline). */
export function serializeFrozen(figures: ReviewFigures): string {
  return `${JSON.stringify(figures, null, 2)}\n`;
}

export type FrozenRead =
  | { ok: true; figures: ReviewFigures }
  | { ok: false; missing: boolean; message: string; hint: string };

/**
 * Reads and validates a frozen figures file.
 * @param display the file's path as messages show it
 */
export function readFrozen(path: string, display: string): FrozenRead {
  if (!existsSync(path)) {
    return {
      ok: false,
      missing: true,
      message: `${display} is missing`,
      hint: 'restore it from version control; a published version renders from its frozen figures only',
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return {
      ok: false,
      missing: false,
      message: `${display} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'restore it from version control',
    };
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== FIGURES_FORMAT) {
    return {
      ok: false,
      missing: false,
      message: `${display} holds figures in format ${format === undefined ? 1 : String(format)}, and this version of the tool reads format ${FIGURES_FORMAT}`,
      hint: 'run `npm run migrate-frozen` once: it rewrites frozen figures in the current format and checks every published number is unchanged',
    };
  }
  const parsed = ReviewFiguresSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      missing: false,
      message: `${display} is not valid figures: ${issue.path.join('.') || '(root)'}: ${issue.message}${parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : ''}`,
      hint: 'restore it from version control; figures are written by `npm run publish-report`, never by hand',
    };
  }
  return { ok: true, figures: parsed.data };
}
