import { z } from 'zod';

/** `<Drivers outcome="satisfaction" />`: key drivers of one outcome. */
export const DriversPropsSchema = z.strictObject({
  /** Outcome explained. */
  outcome: z.enum(['satisfaction', 'recommend']).default('satisfaction'),
});
export type DriversProps = z.input<typeof DriversPropsSchema>;
