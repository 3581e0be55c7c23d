/**
 * What entries of one kind have in common (a share in %, a mean, a count, a ratio), and the
 * builder of an entry that gives a snapshot one metric computed from one of its tables: the
 * registry's files declare their metrics with these instead of repeating them.
 */
import type { TableName } from '../../contracts/fields.ts';
import type { MetricEntry, MetricSources, SnapshotInstance } from './types.ts';
import type { ItemRole } from '../../contracts/questionnaire.ts';

export const WILSON = 'Wilson score interval, 95% (Wilson 1927; Newcombe 1998), on Kish n_eff';
export const T_INTERVAL = 't interval, 95%, SE = s/√n_eff (Kish n_eff when weighted)';
export const POISSON = 'Poisson, SE = √count; 95% Wald interval';
export const RATIO = 'Linearisation (Taylor) SE with clusters, 95% normal interval';

/** A share of a base, in %, tested with the pooled two-proportion z-test. */
export const SHARE = {
  unit: '%',
  changeUnit: 'percentage points',
  decimals: 1,
  kind: 'proportion',
  interval: WILSON,
} as const;

/** A mean answer on an item's scale, tested with Welch's t-test. */
export const MEAN = {
  unit: '',
  changeUnit: 'scale points',
  decimals: 2,
  kind: 'mean',
  interval: T_INTERVAL,
} as const;

/** A count of customers, tested as two Poisson counts. */
export const COUNT = {
  unit: '',
  changeUnit: 'customers',
  decimals: 0,
  kind: 'count',
  interval: POISSON,
} as const;

/** The part of the sources a table's metrics read (null when the snapshot lacks the table). */
type Part<K extends keyof MetricSources> = NonNullable<MetricSources[K]>;

/** An entry declared with its one metric's labels and computation. */
export type SingleEntry<K extends keyof MetricSources> = Omit<
  MetricEntry,
  'section' | 'instances' | 'available'
> & {
  shortLabel: string;
  range: [number, number] | null;
  available?: string;
  /** The role of the questionnaire item it counts answers of, when one (a CSAT of a group). */
  reads?: ItemRole;
  compute: (part: Part<K>, sources: MetricSources) => ReturnType<SnapshotInstance['compute']>;
};

/**
 * An entry that gives a snapshot with `table` one metric of the entry's id, computed from the
 * `part` of the sources (e.g. the behaviour figures for the orders table).
 */
export function fromTable<K extends keyof MetricSources>(
  table: TableName,
  part: K,
  section: MetricEntry['section'],
  entry: SingleEntry<K>,
): MetricEntry {
  const { shortLabel, range, reads, compute, ...rest } = entry;
  return {
    ...rest,
    section,
    available: entry.available ?? `When the snapshot has a ${table} table.`,
    instances: (ctx) =>
      ctx.tables.has(table)
        ? [
            {
              scope: 'snapshot',
              id: entry.id,
              label: entry.title,
              shortLabel,
              range,
              item: reads ? (ctx.questionnaire.roles[reads] ?? null) : null,
              component: null,
              compute: (s) => {
                const value = s[part];
                return value === null || value === undefined ? null : compute(value as Part<K>, s);
              },
            },
          ]
        : [],
  };
}
