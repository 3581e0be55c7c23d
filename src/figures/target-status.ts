/**
 * Each headline metric (and every metric with a target) against its target: met, missed by how
 * much, no target set, or no value to judge (suppressed). Computed once here so every view
 * says the same thing. Pure.
 */
import type { MetricFigures, MetricInfo, TargetStatus } from '../contracts/figures-schema.ts';

/**
 * The status of one value against one target, in the metric's direction.
 * @example targetStatusOf(4.6, 35, 'higher-is-better') // { status: 'missed', shortfall: 30.4, … }
 */
export function targetStatusOf(
  value: number | null,
  target: number | undefined,
  direction: MetricInfo['direction'],
): TargetStatus {
  if (target === undefined) return { status: 'no-target', target: null, value, shortfall: null };
  if (value === null) return { status: 'no-value', target, value, shortfall: null };
  const shortfall = direction === 'lower-is-better' ? value - target : target - value;
  return shortfall > 0
    ? { status: 'missed', target, value, shortfall }
    : { status: 'met', target, value, shortfall: null };
}

/** Metric id → its status against target, for the headline metrics and those with a target. */
export function targetStatuses(
  catalog: Readonly<Record<string, MetricInfo>>,
  metrics: Readonly<Record<string, MetricFigures>>,
  targets: Readonly<Record<string, number>>,
): Record<string, TargetStatus> {
  const out: Record<string, TargetStatus> = {};
  for (const [id, info] of Object.entries(catalog)) {
    const figures = metrics[id];
    if (!figures || (info.section !== 'headline' && targets[id] === undefined)) continue;
    out[id] = targetStatusOf(figures.overall.value, targets[id], info.direction);
  }
  return out;
}
