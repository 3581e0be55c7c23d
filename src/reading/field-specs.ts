/**
 * What each canonical field of each table holds, derived from the manifest: the spec drives
 * both the header check and the conversion of every cell.
 */
import {
  CHURN_VALUES,
  COMPETITOR_VALUES,
  CUSTOMER_FIELDS,
  JOURNEY_STAGES,
  ORDER_FIELDS,
  SURVEY_FIELDS,
  TICKET_FIELDS,
  type TableName,
} from '../contracts/fields.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';

export type FieldKind =
  | { type: 'id' }
  /** free: a free-text answer (comments), whose placeholders ("N/A", "none") are missing. */
  | { type: 'text'; free: boolean }
  | { type: 'date' }
  | { type: 'datetime' }
  /** max: the largest plausible magnitude, when the manifest declares one. */
  | { type: 'number'; max?: number }
  | { type: 'score'; min: number; max: number; notApplicable: readonly string[] }
  | { type: 'level'; levels: readonly string[] }
  | { type: 'choice'; choices: readonly string[] };

export interface FieldSpec {
  field: string;
  kind: FieldKind;
  /** The table cannot be read without this column. */
  requiredColumn: boolean;
  /** A row without a value here is an error. */
  requiredValue: boolean;
  /** What else the analyst may do about an empty required cell, beyond filling it in. */
  emptyHint?: string;
}

/** Fields holding ids: read as IdRefs (a numbered id is a number, see id-refs.ts). */
export const ID_FIELDS: ReadonlySet<string> = new Set([
  'response_id',
  'order_id',
  'ticket_id',
  'customer_id',
]);

/** The canonical fields a table may map, including the manifest's segment dimensions. */
export function allowedFields(table: TableName, manifest: Manifest): string[] {
  const segments = Object.keys(manifest.segments);
  if (table === 'survey') return [...SURVEY_FIELDS, ...Object.keys(manifest.items), ...segments];
  if (table === 'orders') return [...ORDER_FIELDS, ...segments];
  if (table === 'customers') return [...CUSTOMER_FIELDS, ...segments];
  return [...TICKET_FIELDS];
}

/** Field specs of a table, for the fields its mapping names. */
export function fieldSpecs(table: TableName, manifest: Manifest): FieldSpec[] {
  const mapped = manifest.tables[table]?.columns ?? {};
  const specs: FieldSpec[] = [];
  for (const field of Object.keys(mapped)) {
    const kind = fieldKind(table, field, manifest);
    if (!kind) continue;
    const required = REQUIRED_FIELDS[table].includes(field);
    // A declared guest order is one without a customer id: the column stays, the cell may be empty.
    const guest =
      table === 'orders' && field === 'customer_id' && manifest.orders.guests === 'count';
    specs.push({
      field,
      kind,
      requiredColumn: required,
      // A mapped response id must be filled in; without one, rows are told apart by position.
      requiredValue: (required && !guest) || field === 'response_id',
      ...(table === 'orders' && field === 'customer_id'
        ? {
            emptyHint:
              'declare "orders": { "guests": "count" } in manifest.json if orders without a customer are guest orders',
          }
        : {}),
    });
  }
  return specs;
}

/** Fields a table cannot be read without: the manifest must map them. */
export const REQUIRED_FIELDS: Record<TableName, readonly string[]> = {
  survey: [],
  orders: ['order_id', 'customer_id', 'date'],
  tickets: ['ticket_id', 'opened', 'category'],
  customers: ['customer_id', 'churned'],
};

function fieldKind(table: TableName, field: string, manifest: Manifest): FieldKind | null {
  const dimension = manifest.segments[field];
  if (dimension && table !== 'tickets')
    return { type: 'level', levels: Object.keys(dimension.levels) };
  const item = table === 'survey' ? manifest.items[field] : undefined;
  if (item) {
    return {
      type: 'score',
      min: item.scale[0],
      max: item.scale[1],
      notApplicable: item.notApplicable,
    };
  }
  if (ID_FIELDS.has(field)) return { type: 'id' };
  switch (field) {
    case 'comment':
      return { type: 'text', free: true };
    case 'category':
    case 'status':
    case 'type':
      return { type: 'text', free: false };
    case 'date':
      return { type: 'date' };
    // Delivery promises and deliveries keep their time: "late" compares timestamps.
    case 'estimated_delivery':
    case 'delivered':
    case 'opened':
    case 'first_response':
    case 'resolved':
      return { type: 'datetime' };
    case 'amount':
      return { type: 'number', max: manifest.orders.maxAmount };
    case 'revenue':
    case 'quantity':
    case 'unit_price':
      return { type: 'number' };
    case 'churned':
      return { type: 'choice', choices: CHURN_VALUES };
    case 'competitor':
      return { type: 'choice', choices: COMPETITOR_VALUES };
    case 'journey_stage':
      return { type: 'choice', choices: JOURNEY_STAGES };
    default:
      return null;
  }
}
