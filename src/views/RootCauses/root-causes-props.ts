import { z } from 'zod';

/** `<RootCauses limit={5} />`: the root-cause findings, most important first. */
export const RootCausesPropsSchema = z.strictObject({
  /** How many findings to show. */
  limit: z.number().int().positive().default(12),
});
export type RootCausesProps = z.input<typeof RootCausesPropsSchema>;
