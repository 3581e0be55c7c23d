import { z } from 'zod';

/** `<FindingText id="operational:late-delivery" />`: a finding of the review, in the prose. */
export const FindingTextPropsSchema = z.strictObject({
  /** The finding's id, as the draft writes it (and `data/actions.csv` cites it). */
  id: z.string().min(1, { error: 'must not be empty' }),
  /** title: the finding's sentence; effect: its size with its unit ("13.8 pp"). */
  show: z.enum(['title', 'effect']).default('title'),
});
export type FindingTextProps = z.input<typeof FindingTextPropsSchema>;
