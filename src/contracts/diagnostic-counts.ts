/**
 * How many problems a list of diagnostics stands for: a list is capped per kind (see
 * DiagnosticCollector in reading/diagnostics.ts), the last kept diagnostic of a kind counting
 * the ones left out in `more`. Here, so that views, which show the figures' warnings, count
 * them as the CLI does.
 */

/** Diagnostics a list stands for, by level: each counts once plus the ones its `more` left out. */
export function diagnosticCounts(
  diagnostics: ReadonlyArray<{ level: 'error' | 'warning'; more?: number }>,
): {
  errors: number;
  warnings: number;
} {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    const n = 1 + (d.more ?? 0);
    if (d.level === 'error') errors += n;
    else warnings += n;
  }
  return { errors, warnings };
}
