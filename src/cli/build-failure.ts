/**
 * What a failed build prints. An expected failure is its report alone, every problem once with
 * its location and fix, because a stack trace would bury it: the data or the reports stopped the
 * build (a diagnostic, a tampered published version), or a report's own MDX or frontmatter does
 * not compile (the error names the report's file). Any other error is a crash, a bug to report,
 * so it is shown whole: message, Astro's location and hint when it has them, the stack, and
 * each cause.
 */
import { sep } from 'node:path';
import { isDataValidationError } from '../build/data-validation-error.ts';
import {
  astroDetails,
  CRASH_HEADLINE,
  describeCrash,
  type AstroErrorFields,
} from './cli-support.ts';
import { EXIT } from './commands.ts';

/** Whether an error points at a file of the reports folder (Astro's location, or its message). */
function inReport(error: unknown, reportsDir: string): error is Error & AstroErrorFields {
  if (!(error instanceof Error)) return false;
  const folder = `${reportsDir}${sep}`;
  const { loc } = error as AstroErrorFields;
  return (loc?.file?.startsWith(folder) ?? false) || error.message.includes(folder);
}

type Failure =
  | { kind: 'data'; error: Error }
  | { kind: 'report'; error: Error & AstroErrorFields }
  | { kind: 'crash'; error: unknown };

/** What stopped a build: the data or reports (a diagnostic, tampering), a report's MDX, or a bug. */
function failureOf(error: unknown, reportsDir: string): Failure {
  if (isDataValidationError(error)) return { kind: 'data', error };
  return inReport(error, reportsDir) ? { kind: 'report', error } : { kind: 'crash', error };
}

/** The exit code of a failed build: 1 when the data or a report stopped it, 70 for a crash. */
export function buildFailureExitCode(error: unknown, reportsDir: string): number {
  return failureOf(error, reportsDir).kind === 'crash' ? EXIT.crash : EXIT.failed;
}

/**
 * The text a failed build prints.
 * @param site the site folder as the user named it, which the failure left unchanged
 * @param reportsDir the absolute reports folder
 */
export function formatBuildFailure(error: unknown, site: string, reportsDir: string): string {
  const untouched = `Nothing was published: ${site} is as it was before this build.`;
  const failure = failureOf(error, reportsDir);
  if (failure.kind === 'data') return `${failure.error.message}\n${untouched}\n`;
  const lines =
    failure.kind === 'report'
      ? [
          'A report does not compile; fix it and build again.',
          // The bundler copies its plugin's stack into the message: the location is what helps.
          ...failure.error.message.split('\n').filter((line) => !/^\s+at /.test(line)),
          ...astroDetails(failure.error),
        ]
      : [`The build crashed. ${CRASH_HEADLINE}`, ...describeCrash(failure.error)];
  return [...lines, untouched, ''].join('\n');
}
