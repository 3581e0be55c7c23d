/**
 * Why a table's rows may not reach the metrics, and how the count of each is said: one wording
 * for the CLI's validation table and the report's methodology.
 */

/** The reasons a row is left out, each counted per table. */
export const DROP_REASONS = {
  invalid: 'with an error',
  'duplicate-id': 'repeating an id (the first copy is kept)',
  'empty-response': 'answering no scored item',
} as const;
export type DropReason = keyof typeof DROP_REASONS;

/**
 * "12 rows with an error, 3 repeating an id (the first copy is kept)"; "" when none.
 * @param format how a count is written (the reader's locale)
 */
export function describeDropped(
  dropped: Readonly<Partial<Record<string, number>>> | undefined,
  format: (n: number) => string = String,
): string {
  const parts = Object.entries(dropped ?? {})
    .filter(([, n]) => n !== undefined && n > 0)
    .map(([reason, n]) => {
      const why = DROP_REASONS[reason as DropReason] ?? reason;
      return `${format(n!)} ${n === 1 ? 'row' : 'rows'} ${why}`;
    });
  return parts.join(', ');
}
