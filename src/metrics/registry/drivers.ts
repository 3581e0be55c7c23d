/**
 * Key drivers (brief §4): how much of the outcome's variance the drivers explain together
 * (R²), and each driver's share of it (Johnson's relative weight), for overall satisfaction
 * and for recommendation.
 */
import type { Estimate } from '../estimate.ts';
import { baseStatus } from '../estimate.ts';
import type { MetricEntry, MetricInstance, WeightSpread } from './types.ts';

const OUTCOMES = [
  ['satisfaction', 'satisfaction'],
  ['recommend', 'recommendation'],
] as const;

const BOOTSTRAP =
  'Parametric bootstrap, 250 draws of the covariance matrix from its Wishart distribution (multivariate normal answers); SE = sd of the draws, 95% percentile interval';

function fromSpread(spread: WeightSpread, n: number): Estimate {
  return {
    value: spread.value,
    lower: spread.lower,
    upper: spread.upper,
    se: spread.se,
    n,
    nEffective: n,
    missing: 0,
    base: baseStatus(n),
  };
}

/** A share of the outcome's explained variance, in %, with its bootstrap spread. */
const WEIGHT = {
  section: 'drivers',
  unit: '%',
  changeUnit: 'percentage points',
  direction: 'higher-is-better',
  decimals: 1,
  kind: 'weight',
  interval: BOOTSTRAP,
} as const;

export const DRIVER_METRICS: readonly MetricEntry[] = [
  {
    ...WEIGHT,
    id: 'driver-r2',
    title: 'Variance explained by the drivers (R²)',
    formula:
      'R² of the least-squares regression of the outcome (overall satisfaction, or likelihood to recommend) on all drivers, in %, on weighted complete responses (listwise). Ids: driver_r2_satisfaction, driver_r2_recommend.',
    reference: 'Change: z on the two bootstrap SEs',
    available:
      'When the questionnaire has drivers and the outcome item, and at least the minimum base of complete responses.',
    instances: (ctx) =>
      OUTCOMES.flatMap(([role, noun]): MetricInstance[] =>
        ctx.questionnaire.roles[role] && ctx.questionnaire.drivers.length > 0
          ? [
              {
                scope: 'snapshot',
                id: `driver_r2_${role}`,
                label: `Variance of ${noun} explained by the drivers (R²)`,
                shortLabel: `R² (${noun})`,
                range: [0, 100],
                item: null,
                component: null,
                compute: (s) => {
                  const d = s.drivers[role];
                  return d ? fromSpread(d.r2, d.n) : null;
                },
              },
            ]
          : [],
      ),
  },
  {
    ...WEIGHT,
    id: 'driver-weight',
    title: 'Each driver’s relative importance',
    formula:
      'Johnson’s relative weight of the driver as a share of R², in % (the shares of all drivers sum to 100): the drivers are replaced by their closest orthogonal counterparts through the eigen-decomposition of their correlation matrix. Ids: driver_<outcome>_<item>, e.g. driver_satisfaction_service_quality. The drivers section also shows the Shapley/LMG decomposition and Pearson r.',
    reference:
      'Johnson (2000), Multivariate Behavioral Research 35(1); Tonidandel, LeBreton & Johnson (2009), Psychological Methods 14(4) (who bootstrap rows; the state keeps cross-products only, hence the parametric variant)',
    available: 'As R², for every driver item.',
    instances: (ctx) =>
      OUTCOMES.flatMap(([role, noun]) =>
        ctx.questionnaire.roles[role]
          ? ctx.questionnaire.drivers.map((driver): MetricInstance => {
              const item = ctx.questionnaire.items.find((i) => i.id === driver)!;
              return {
                scope: 'snapshot',
                id: `driver_${role}_${driver}`,
                label: `${item.label}: importance for ${noun} (share of R²)`,
                shortLabel: `${item.label} (importance)`,
                range: [0, 100],
                item: driver,
                component: item.component,
                compute: (s) => {
                  const d = s.drivers[role];
                  const w = d?.weights[driver];
                  return d && w ? fromSpread(w, d.n) : null;
                },
              };
            })
          : [],
      ),
  },
];
