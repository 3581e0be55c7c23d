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
 * The metrics a snapshot has, in registry order, each with what a reader needs to read it.
 * @throws "metric id x is defined twice" when two entries give the same id (e.g. an item whose
 * id is a fixed metric's)
 */
export function metricsFor(ctx: RegistryContext): SnapshotMetric[] {
  const seen = new Map<string, string>();
  return REGISTRY.flatMap((entry) =>
    entry.instances(ctx).map((instance) => {
      const first = seen.get(instance.id);
      if (first !== undefined)
        throw new Error(
          `metric id ${instance.id} is defined twice (by ${first} and ${entry.id}): rename the item`,
        );
      seen.set(instance.id, entry.id);
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
      return { entry, instance, info };
    }),
  );
}

/** Ids the registry gives whatever the questionnaire (fixed entries), for checking item ids. */
export function fixedMetricIds(ctx: RegistryContext): string[] {
  return metricsFor(ctx)
    .filter((m) => m.instance.item === null)
    .map((m) => m.instance.id);
}
