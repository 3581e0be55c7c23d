/**
 * The questionnaire of a snapshot: every rated item the survey's designers wrote, each with the
 * manifest's own id and label, and the roles that give items their meaning to the metrics. The
 * manifest declares items; this module derives, once, everything the rest of the pipeline asks
 * of them (which item is the recommend question, which items make the index, which are
 * drivers), so that rule is written in one place.
 */
import { z } from 'zod';

/** The questions a review's headline metrics are defined on. */
export const ITEM_ROLES = ['recommend', 'satisfaction', 'effort'] as const;
export type ItemRole = (typeof ITEM_ROLES)[number];

/** The components of customer quality the brief names (an attribute item may belong to one). */
export const QUALITY_COMPONENTS = [
  'product_quality',
  'service_quality',
  'reliability',
  'value',
  'emotional',
  'brand',
] as const;
export type QualityComponent = (typeof QUALITY_COMPONENTS)[number];

/** Reader-facing names of the components. */
export const COMPONENT_LABELS: Record<QualityComponent, string> = {
  product_quality: 'Product quality',
  service_quality: 'Service quality',
  reliability: 'Reliability',
  value: 'Value for money',
  emotional: 'Emotional connection',
  brand: 'Brand favourability',
};

/** Components whose items make the satisfaction index and the drivers unless the manifest says. */
const CORE_COMPONENTS: ReadonlySet<QualityComponent> = new Set([
  'product_quality',
  'service_quality',
  'reliability',
  'value',
  'emotional',
]);

/**
 * Labels of the item ids manifests have long used. An item with one of these ids and no role or
 * component of its own takes the role or component its id names, so manifests written before
 * roles existed read as they always did.
 */
const NAMED_ITEMS: Record<
  string,
  { label: string; role?: ItemRole; component?: QualityComponent }
> = {
  recommend: { label: 'Likelihood to recommend', role: 'recommend' },
  satisfaction: { label: 'Overall satisfaction', role: 'satisfaction' },
  effort: { label: 'Ease of doing business (effort)', role: 'effort' },
  product_quality: { label: COMPONENT_LABELS.product_quality, component: 'product_quality' },
  service_quality: { label: COMPONENT_LABELS.service_quality, component: 'service_quality' },
  reliability: { label: COMPONENT_LABELS.reliability, component: 'reliability' },
  value: { label: COMPONENT_LABELS.value, component: 'value' },
  emotional: { label: COMPONENT_LABELS.emotional, component: 'emotional' },
  brand: { label: COMPONENT_LABELS.brand, component: 'brand' },
  expectations: { label: 'Customer expectations' },
};

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

/** One item as the pipeline uses it, every default resolved. */
export interface QuestionnaireItem {
  id: string;
  label: string;
  scale: readonly [number, number];
  /** Points per scale unit: k when the item's score is the mean of k columns. */
  steps: number;
  /** Top scale points counted as satisfied (or easy). */
  topBox: number;
  notApplicable: readonly string[];
  role: ItemRole | null;
  component: QualityComponent | null;
}

/** The resolved questionnaire of a snapshot. */
export interface Questionnaire {
  /** Every item, in the manifest's order. */
  items: readonly QuestionnaireItem[];
  /** Item id of each role present. */
  roles: Partial<Record<ItemRole, string>>;
  /** Items averaged into the satisfaction index. */
  indexItems: readonly string[];
  /** Items analysed as drivers (may be empty). */
  drivers: readonly string[];
  /** Outcomes of key-driver analysis: the satisfaction and recommend items present. */
  outcomes: readonly string[];
}

/** "seat_comfort" → "Seat comfort". */
function humanise(id: string): string {
  const words = id.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Number of points on a scale. */
export function scalePoints(scale: readonly [number, number]): number {
  return scale[1] - scale[0] + 1;
}

/** The top-box size an item gets when the manifest does not give one. */
export function defaultTopBox(scale: readonly [number, number], role: ItemRole | null): number {
  const points = scalePoints(scale);
  if (points <= 2) return 1;
  // "Easy" on an agreement scale is agreeing: the points above the midpoint (5–7 of 1–7).
  if (role === 'effort') return Math.floor(points / 2);
  return 2;
}

/**
 * Resolves the manifest's items into a questionnaire: labels, roles and components from the
 * id when not declared, top-box sizes, the index items and the drivers.
 * @param items the manifest's `items`, in declaration order
 * @param columns the survey table's column mapping (an item mapped to k columns has k steps)
 * @param indexItems the manifest's `index.items`, when given
 */
export function resolveQuestionnaire(
  items: Readonly<Record<string, ItemDeclaration>>,
  columns: Readonly<Record<string, string | readonly string[]>> = {},
  indexItems?: readonly string[],
): Questionnaire {
  const resolved: QuestionnaireItem[] = Object.entries(items).map(([id, def]) => {
    const named = NAMED_ITEMS[id];
    const role = def.role ?? (def.component ? undefined : named?.role) ?? null;
    const component = def.component ?? (def.role ? undefined : named?.component) ?? null;
    const mapping = columns[id];
    return {
      id,
      label: def.label ?? named?.label ?? humanise(id),
      scale: def.scale,
      steps: Array.isArray(mapping) ? mapping.length : 1,
      topBox: def.topBox ?? defaultTopBox(def.scale, role),
      notApplicable: def.notApplicable,
      role,
      component,
    };
  });
  const roles: Partial<Record<ItemRole, string>> = {};
  for (const item of resolved) if (item.role && !roles[item.role]) roles[item.role] = item.id;
  const inCore = (item: QuestionnaireItem) =>
    item.component !== null && CORE_COMPONENTS.has(item.component);
  const marked = resolved.filter((item) => items[item.id]?.driver === true);
  const drivers = (marked.length > 0 ? marked : resolved.filter(inCore))
    .filter((item) => item.role === null || item.role === 'effort')
    .map((item) => item.id);
  const index =
    indexItems ??
    resolved.filter((item) => item.role === 'satisfaction' || inCore(item)).map((i) => i.id);
  return {
    items: resolved,
    roles,
    indexItems: index.filter((id) => id in items),
    drivers,
    outcomes: (['satisfaction', 'recommend'] as const).flatMap((role) =>
      roles[role] ? [roles[role]] : [],
    ),
  };
}

/** The item of a role, or undefined when the questionnaire has none. */
export function roleItem(q: Questionnaire, role: ItemRole): QuestionnaireItem | undefined {
  const id = q.roles[role];
  return id === undefined ? undefined : q.items.find((item) => item.id === id);
}
