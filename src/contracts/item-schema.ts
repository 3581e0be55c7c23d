/** The manifest's declaration of one questionnaire item (contracts/questionnaire.ts resolves it). */
import { z } from 'zod';
import { ITEM_ROLES, QUALITY_COMPONENTS } from './questionnaire.ts';

/** An item id: the manifest's key for the question, also the id of its metrics. */
export const ItemIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, {
  error: 'an item id is lower-case letters, digits and "_", starting with a letter',
});

/** How one rated item is measured and what it is for. */
export const ItemSchema = z.strictObject({
  /** Label shown to readers wherever the item appears, e.g. "Seat comfort". */
  label: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Label shown to readers wherever the item appears, e.g. "Seat comfort" (default: from the id).',
    ),
  /** Lowest and highest scale point, inclusive, e.g. [1, 5]; [0, 1] for a yes/no outcome. */
  scale: z
    .tuple([z.number().int(), z.number().int()])
    .refine(([min, max]) => max > min, { error: 'scale must be [min, max] with max > min' })
    .describe('Lowest and highest scale point, inclusive, e.g. [1, 5]; [0, 1] for yes/no.'),
  /** Raw codes that mean "not applicable": counted as missing, never as a score. */
  notApplicable: z
    .array(z.string())
    .default([])
    .describe('Raw codes that mean "not applicable": counted as missing, never as a score.'),
  /** How many top scale points count as "satisfied"; fewer than the scale's points. */
  topBox: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      'How many top scale points count as satisfied (or, for the effort item, as easy): default 2 (top-2-box), 1 on a two-point scale, and for the effort item the points above the midpoint (5–7 of 1–7).',
    ),
  /** The question this item is, for the headline metrics. */
  role: z
    .enum(ITEM_ROLES)
    .optional()
    .describe(
      'recommend (the 0–10 question NPS is defined on), satisfaction (overall satisfaction: CSAT) or effort (CES). At most one item each. An item whose id is one of these names takes that role.',
    ),
  /** The component of customer quality this attribute item measures. */
  component: z
    .enum(QUALITY_COMPONENTS)
    .optional()
    .describe(
      `The component of customer quality this item measures (${QUALITY_COMPONENTS.join(', ')}); groups items on the report. An item whose id is a component's name belongs to it.`,
    ),
  /** Include this item as a driver in key-driver analysis. */
  driver: z
    .boolean()
    .optional()
    .describe(
      'Include this item as a driver in key-driver analysis. When no item says, every item of the components other than brand is a driver.',
    ),
});
export type ItemDeclaration = z.output<typeof ItemSchema>;
