/** The registry's entries as text (no functions), for downloads and the methodology. */
import type { MetricEntry } from './types.ts';

export interface EntryDefinition {
  id: string;
  title: string;
  section: MetricEntry['section'];
  kind: MetricEntry['kind'];
  unit: MetricEntry['unit'];
  direction: MetricEntry['direction'];
  formula: string;
  interval: string;
  reference: string;
  available: string;
}

/** An entry's definition as data. */
export function definitionOf(entry: MetricEntry): EntryDefinition {
  const { id, title, section, kind, unit, direction, formula, interval, reference, available } =
    entry;
  return { id, title, section, kind, unit, direction, formula, interval, reference, available };
}
