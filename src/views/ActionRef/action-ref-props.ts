import { z } from 'zod';

/** `<ActionRef id="A-2026-06" />`: an action of the register, cited in the prose. */
export const ActionRefPropsSchema = z.strictObject({
  /** The action's id in `data/actions.csv`. */
  id: z.string().min(1, { error: 'must not be empty' }),
});
export type ActionRefProps = z.input<typeof ActionRefPropsSchema>;
