/**
 * The questionnaire of a snapshot: every rated item the survey's designers wrote, each with the
 * manifest's own id and label, and the roles that give items their meaning to the metrics. The
 * manifest declares items; this module derives, once, everything the rest of the pipeline asks
 * of them (which item is the recommend question, which items make the index, which are
 * drivers), so that rule is written in one place. It imports no schema library: the orders
 * worker reads with it and starts without one.
 */
import type { ItemDeclaration } from './item-schema.ts';

export type { ItemDeclaration };

/** The questions a review's headline metrics are defined on. */
export const ITEM_ROLES = ['recommend', 'satisfaction', 'effort'] as const;
export type ItemRole = (typeof ITEM_ROLES)[number];

/**
 * The components of customer quality the brief names (an attribute item may belong to one), in
 * the brief's order, with their reader-facing names.
 */
export const COMPONENT_LABELS = {
  product_quality: 'Product quality',
  service_quality: 'Service quality',
  reliability: 'Reliability',
  value: 'Value for money',
  emotional: 'Emotional connection',
  brand: 'Brand favourability',
} as const;
export type QualityComponent = keyof typeof COMPONENT_LABELS;

/** The components' ids, in the same order: each is written once, with its name. */
export const QUALITY_COMPONENTS = Object.keys(COMPONENT_LABELS) as [
  QualityComponent,
  ...QualityComponent[],
];

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
