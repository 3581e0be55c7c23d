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

/** The fields Astro adds to the errors it raises (a location in a report, a hint). */
interface AstroErrorFields {
  hint?: string;
  loc?: { file?: string; line?: number; column?: number };
  frame?: string;
}

/** Astro's location, code frame and hint of an error, when it has them. */
function astroDetails(error: Error & AstroErrorFields): string[] {
  const { loc, frame, hint } = error;
  return [
    ...(loc?.file ? [`  at ${loc.file}:${loc.line ?? 0}:${loc.column ?? 0}`] : []),
    ...(frame ? [frame] : []),
    ...(hint ? [`  hint: ${hint}`] : []),
  ];
}

/** Whether an error points at a file of the reports folder (Astro's location, or its message). */
function inReport(error: unknown, reportsDir: string): error is Error & AstroErrorFields {
  if (!(error instanceof Error)) return false;
  const folder = `${reportsDir}${sep}`;
  const { loc } = error as AstroErrorFields;
  return (loc?.file?.startsWith(folder) ?? false) || error.message.includes(folder);
}

/** A crash with its stack and its causes, innermost last. */
function describeCrash(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    if (depth > 0) lines.push('Caused by:');
    if (!(current instanceof Error)) {
      lines.push(String(current));
      break;
    }
    lines.push(current.stack ?? `${current.name}: ${current.message}`, ...astroDetails(current));
    current = current.cause;
  }
  return lines;
}

/**
 * The text a failed build prints.
 * @param site the site folder as the user named it, which the failure left unchanged
 * @param reportsDir the absolute reports folder
 */
export function formatBuildFailure(error: unknown, site: string, reportsDir: string): string {
  const untouched = `Nothing was published: ${site} is as it was before this build.`;
  if (isDataValidationError(error)) return `${error.message}\n${untouched}\n`;
  const lines = inReport(error, reportsDir)
    ? [
        'A report does not compile; fix it and build again.',
        // The bundler copies its plugin's stack into the message: the location is what helps.
        ...error.message.split('\n').filter((line) => !/^\s+at /.test(line)),
        ...astroDetails(error),
      ]
    : [
        'The build crashed. This is a bug: please report it with everything below.',
        ...describeCrash(error),
      ];
  return [...lines, untouched, ''].join('\n');
}
