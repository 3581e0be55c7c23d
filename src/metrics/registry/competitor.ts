/** Comparison with the main competitor (brief §4): shares better and worse, and the net. */
import { shareEstimate } from '../share.ts';
import { zForConfidence } from '../../statistics/normal.ts';
import { applyMinimumBase, emptyEstimate } from '../estimate.ts';
import { WILSON } from './survey.ts';
import type { MetricEntry, MetricSources } from './types.ts';

type Competitor = NonNullable<MetricSources['competitor']>;

/** A share of the weighted answers (better, worse) on Kish n_eff. */
function shareOf(c: Competitor, side: 'better' | 'worse', s: MetricSources) {
  const share = c.figures[side];
  const p = (share.value ?? 0) / 100;
  return shareEstimate(p * c.figures.n, c.figures.n, s.rule, 0, c.nEffective);
}

function entry(
  id: string,
  title: string,
  shortLabel: string,
  rest: Pick<MetricEntry, 'unit' | 'kind' | 'direction' | 'formula' | 'interval' | 'reference'> & {
    range: [number, number];
    compute: (c: Competitor, s: MetricSources) => ReturnType<typeof shareEstimate>;
  },
): MetricEntry {
  const { range, compute, ...text } = rest;
  return {
    id,
    title,
    section: 'competitor',
    changeUnit: rest.unit === '%' ? 'percentage points' : 'points',
    decimals: 1,
    available: 'When the survey maps a competitor comparison column.',
    ...text,
    instances: (ctx) =>
      ctx.tables.has('survey')
        ? [
            {
              scope: 'snapshot',
              id,
              label: title,
              shortLabel,
              range,
              item: null,
              component: null,
              compute: (s) => (s.competitor ? compute(s.competitor, s) : null),
            },
          ]
        : [],
  };
}

export const COMPETITOR_METRICS: readonly MetricEntry[] = [
  entry('competitor_better', 'Better than the main competitor', 'Better than competitor', {
    unit: '%',
    kind: 'proportion',
    direction: 'higher-is-better',
    range: [0, 100],
    formula: 'Weighted share of answers rating us better than the main competitor, in %.',
    interval: WILSON,
    reference: 'Brief §4; change: pooled two-proportion z-test on n_eff',
    compute: (c, s) => shareOf(c, 'better', s),
  }),
  entry('competitor_worse', 'Worse than the main competitor', 'Worse than competitor', {
    unit: '%',
    kind: 'proportion',
    direction: 'lower-is-better',
    range: [0, 100],
    formula: 'Weighted share of answers rating us worse than the main competitor, in %.',
    interval: WILSON,
    reference: 'Brief §4; change: pooled two-proportion z-test on n_eff',
    compute: (c, s) => shareOf(c, 'worse', s),
  }),
  entry('competitor_net', 'Net comparison with the main competitor', 'Net vs competitor', {
    unit: '',
    kind: 'nps',
    direction: 'higher-is-better',
    range: [-100, 100],
    formula:
      'Share better − share worse, in points (−100 to 100): a net score of one three-way answer, read as NPS is.',
    interval: 'Wald, 95%: v = (b + w) − (b − w)², SE = √(v/n_eff)',
    reference: 'As NPS (Rocks 2016); change: z = Δ/√(se₁² + se₂²)',
    compute: (c, s) => {
      const b = (c.figures.better.value ?? 0) / 100;
      const w = (c.figures.worse.value ?? 0) / 100;
      const n = c.nEffective;
      const empty = emptyEstimate(c.figures.n, n, 0);
      if (!(n > 0)) return applyMinimumBase(empty, s.rule);
      const se = 100 * Math.sqrt(Math.max(0, b + w - (b - w) ** 2) / n);
      const value = 100 * (b - w);
      const z = zForConfidence(0.95);
      return applyMinimumBase(
        { ...empty, value, se, lower: value - z * se, upper: value + z * se },
        s.rule,
      );
    },
  }),
];
