/**
 * The one error an expected build failure throws: the data (a snapshot's diagnostics) or the
 * reports (a tampered published version, a missing frozen file) stop the build. Its message is
 * the whole report, every problem with its location and fix, so the command prints the message
 * alone, never a stack trace: the stack of an expected failure is noise to the analyst.
 */
export class DataValidationError extends Error {
  override name = 'DataValidationError';
}

/**
 * Whether `error` is an expected data failure. Checked by name, not by class: Astro bundles the
 * modules that throw it, so the instance may come from another copy of this module.
 */
export function isDataValidationError(error: unknown): error is DataValidationError {
  return error instanceof Error && error.name === 'DataValidationError';
}
