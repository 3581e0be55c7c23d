import { z } from 'zod';

export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;

/** One improvement action, a row of `data/actions.csv`. Column names are these field names. */
export const ActionSchema = z.strictObject({
  /** Stable id, e.g. "A-2026-07". */
  id: z.string().min(1),
  /** What will be done. */
  title: z.string().min(1),
  /** Who is accountable. */
  owner: z.string().min(1),
  /** Snapshot id of the review that opened the action. */
  opened_in: z.string().min(1),
  /** Due date YYYY-MM-DD. */
  due: z.iso.date(),
  status: z.enum(ACTION_STATUSES),
  /** Metric id the action aims to move (see the methodology page). */
  metric: z.string().min(1),
  /** Optional group the action targets, "dimension=level", e.g. "customer_group=SMB". */
  segment: z
    .string()
    .regex(/^[a-z][a-z0-9_]*=.+$/)
    .optional(),
  /** Optional id of the root-cause finding the action answers. */
  finding: z.string().optional(),
});
export type Action = z.output<typeof ActionSchema>;

/** Columns of actions.csv, in the order the scaffold writes them. */
export const ACTION_COLUMNS = Object.keys(ActionSchema.shape) as Array<keyof Action>;
