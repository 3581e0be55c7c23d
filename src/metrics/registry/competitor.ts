/** Comparison with the main competitor (brief §4): shares better and worse, and the net. */
import { zForConfidence } from '../../statistics/normal.ts';
import { applyMinimumBase, emptyEstimate } from '../estimate.ts';
import { shareEstimate } from '../share.ts';
import { fromTable, SHARE, type SingleEntry } from './shapes.ts';
import type { MetricEntry, MetricSources } from './types.ts';

type Competitor = NonNullable<MetricSources['competitor']>;

const fromCompetitor = (entry: Omit<SingleEntry<'competitor'>, 'available'>) =>
  fromTable('survey', 'competitor', 'competitor', {
    ...entry,
    available: 'When the survey maps a competitor comparison column.',
  });

/** A weighted share of the answers (better or worse) on Kish n_eff. */
function sideOf(side: 'better' | 'worse'): MetricEntry {
  return fromCompetitor({
    ...SHARE,
    id: `competitor_${side}`,
    title: `${side === 'better' ? 'Better' : 'Worse'} than the main competitor`,
    shortLabel: `${side === 'better' ? 'Better' : 'Worse'} than competitor`,
    direction: side === 'better' ? 'higher-is-better' : 'lower-is-better',
    range: [0, 100],
    formula: `Weighted share of answers rating us ${side} than the main competitor, in %.`,
    reference: 'Brief §4; change: pooled two-proportion z-test on n_eff',
    compute: (c: Competitor, s) => {
      const p = (c.figures[side].value ?? 0) / 100;
      return shareEstimate(p * c.figures.n, c.figures.n, s.rule, 0, c.nEffective);
    },
  });
}

export const COMPETITOR_METRICS: readonly MetricEntry[] = [
  sideOf('better'),
  sideOf('worse'),
  fromCompetitor({
    id: 'competitor_net',
    title: 'Net comparison with the main competitor',
    shortLabel: 'Net vs competitor',
    unit: '',
    changeUnit: 'points',
    direction: 'higher-is-better',
    decimals: 1,
    kind: 'nps',
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
