/**
 * The metric registry: every entry, in the order the methodology lists them, and the metrics a
 * snapshot has. To add a metric, add an entry to the section's file (see docs/architecture.md).
 */
import type { MetricInfo } from '../../contracts/figures-schema.ts';
import { BEHAVIOUR_METRICS } from './behaviour.ts';
import { COMPETITOR_METRICS } from './competitor.ts';
import { CUSTOMER_METRICS } from './customers.ts';
import { DRIVER_METRICS } from './drivers.ts';
import { SERVICE_METRICS } from './service.ts';
import { SURVEY_METRICS } from './survey.ts';
import type { MetricEntry, MetricInstance, RegistryContext } from './types.ts';
import { VOICE_METRICS } from './voice.ts';

export type { MetricEntry, MetricInstance, RegistryContext };
export type { MetricSources, SurveySlice, WeightSpread } from './types.ts';
export { topBoxMetricOf } from './survey.ts';

/** Every entry of the registry, in methodology order. */
export const REGISTRY: readonly MetricEntry[] = [
  ...SURVEY_METRICS,
  ...DRIVER_METRICS,
  ...VOICE_METRICS,
  ...COMPETITOR_METRICS,
  ...BEHAVIOUR_METRICS,
  ...SERVICE_METRICS,
  ...CUSTOMER_METRICS,
];

/** The headline metrics of every review, in display order. */
export const HEADLINE_METRICS = ['index', 'nps', 'csat', 'ces'] as const;

/** A metric of a snapshot with its entry. */
export interface SnapshotMetric {
  entry: MetricEntry;
  instance: MetricInstance;
  info: MetricInfo;
}

/**
 * The metrics a snapshot has, in registry order, each with what a reader needs to read it. An
 * id given twice (an item named like a fixed metric) keeps its first definition; see
 * duplicateMetricIds, which the figures stage reports as an error.
 */
export function metricsFor(ctx: RegistryContext): SnapshotMetric[] {
  const seen = new Set<string>();
  return REGISTRY.flatMap((entry) =>
    entry.instances(ctx).flatMap((instance) => {
      if (seen.has(instance.id)) return [];
      seen.add(instance.id);
      const info: MetricInfo = {
        id: instance.id,
        entry: entry.id,
        label: instance.label,
        shortLabel: instance.shortLabel,
        section: entry.section,
        unit: entry.unit,
        changeUnit: entry.changeUnit,
        direction: instance.direction ?? entry.direction,
        decimals: entry.decimals,
        kind: entry.kind,
        range: instance.range,
        item: instance.item,
        component: instance.component,
      };
      return [{ entry, instance, info }];
    }),
  );
}

/** Metric ids two entries give (e.g. an item whose id is "nps"), with the entries. */
export function duplicateMetricIds(ctx: RegistryContext): Array<{ id: string; entries: string[] }> {
  const byId = new Map<string, string[]>();
  for (const entry of REGISTRY)
    for (const instance of entry.instances(ctx))
      byId.set(instance.id, [...(byId.get(instance.id) ?? []), entry.id]);
  return [...byId]
    .filter(([, entries]) => entries.length > 1)
    .map(([id, entries]) => ({ id, entries }));
}
