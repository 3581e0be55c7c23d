/**
 * How a field's mapping is shown to analysts. Kept apart from the manifest schema so that code
 * reading tables (a worker thread among it) need not load the schema library.
 */
import type { Table } from './manifest-schema.ts';

/** The export header(s) a field is mapped to, as shown to analysts: "A", or "A + B" for a construct. */
export function mappedHeader(table: Table | undefined, field: string): string | undefined {
  const mapping = table?.columns[field];
  return Array.isArray(mapping) ? mapping.join(' + ') : mapping;
}
