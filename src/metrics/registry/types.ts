/**
 * What a registry entry is: one metric (or one family of metrics, such as "each attribute
 * item's top-box share") with everything a reader and the code need — its label, unit,
 * direction, format, formula in words, reference, interval method, when it is available, and
 * the function that computes it. The figures stage, the figures JSON and CSV, `<Figure>` and
 * the methodology page all read the registry; nothing defines a metric anywhere else.
 */
import type { TableName } from '../../contracts/fields.ts';
import type {
  BehaviourFigures,
  ComplaintFigures,
  CompetitorFigures,
  CustomerBaseFigures,
  Estimate,
  MetricKind,
  Section,
  VoiceFigures,
} from '../../contracts/figures-schema.ts';
import type { ItemRole, QualityComponent, Questionnaire } from '../../contracts/questionnaire.ts';
import type { SurveyCell } from '../../reducing/survey-state.ts';
import type { Moments } from '../../statistics/mean-interval.ts';
import type { RatioSums } from '../../statistics/ratio-estimate.ts';
import type { MinimumBase } from '../estimate.ts';

/** The survey responses of one slice (all, a group, or the rest), pooled and weighted. */
export interface SurveySlice {
  cell: SurveyCell | null;
  questionnaire: Questionnaire;
  rule: MinimumBase;
}

/** A relative weight (or R²) with the spread of its parametric bootstrap. */
export interface WeightSpread {
  /** Share in %. */
  value: number;
  se: number;
  lower: number;
  upper: number;
}

/** What the snapshot-level metrics are computed from: the detail figures and their sums. */
export interface MetricSources {
  questionnaire: Questionnaire;
  rule: MinimumBase;
  behaviour: {
    figures: BehaviourFigures;
    /** Orders per active customer. */
    ordersPerCustomer: Moments;
    /** Revenue per active customer. */
    revenuePerCustomer: Moments;
    /** Revenue (y) over priced orders (x), customers as clusters. */
    orderValue: RatioSums;
    /** Detractors' revenue (y) over revenue (x), matched surveyed customers as clusters. */
    revenueAtRisk: RatioSums;
  } | null;
  complaints: {
    figures: ComplaintFigures;
    /** Minutes → tickets. */
    firstResponse: ReadonlyMap<number, number>;
    resolution: ReadonlyMap<number, number>;
    /** Counted orders of the period (the rate's exposure), null without orders. */
    orders: number | null;
  } | null;
  voice: VoiceFigures;
  competitor: { figures: CompetitorFigures; nEffective: number } | null;
  customers: {
    figures: CustomerBaseFigures;
    /** Churned customers' revenue (y) over revenue (x), customers as clusters. */
    revenueAtRisk: RatioSums;
  } | null;
  /** Outcome role → each driver's relative weight and the R², with bootstrap spreads. */
  drivers: Partial<
    Record<
      'satisfaction' | 'recommend',
      { n: number; r2: WeightSpread; weights: Record<string, WeightSpread> } | null
    >
  >;
}

/** What decides which metrics a snapshot has. */
export interface RegistryContext {
  questionnaire: Questionnaire;
  /** Tables the snapshot has. */
  tables: ReadonlySet<TableName>;
  /** Themes of the comment dictionary. */
  themes: ReadonlyArray<{ id: string; label: string; sentiment: 'problem' | 'praise' }>;
}

interface InstanceBase {
  id: string;
  label: string;
  shortLabel: string;
  /** Lowest and highest possible value, for chart axes; null when unbounded. */
  range: [number, number] | null;
  item: string | null;
  component: QualityComponent | null;
  /** When it differs from the entry's (a praise theme is better when higher). */
  direction?: MetricEntry['direction'];
}

/** A metric computed from survey responses: for all of them and for every group. */
export interface SurveyInstance extends InstanceBase {
  scope: 'survey';
  compute: (slice: SurveySlice) => Estimate;
}

/** A metric computed once per snapshot from its other tables (or the survey as a whole). */
export interface SnapshotInstance extends InstanceBase {
  scope: 'snapshot';
  /** Null when the snapshot cannot give it (e.g. retention in the first period). */
  compute: (sources: MetricSources) => Estimate | null;
}

export type MetricInstance = SurveyInstance | SnapshotInstance;

export interface MetricEntry {
  /** The metric's id, or for a family the family's name. */
  id: string;
  /** Heading on the methodology page. */
  title: string;
  section: Section;
  unit: '' | '%';
  changeUnit: string;
  direction: 'higher-is-better' | 'lower-is-better';
  decimals: number;
  kind: MetricKind;
  formula: string;
  interval: string;
  reference: string;
  /** When a snapshot has it, in words. */
  available: string;
  /** The metrics this entry gives a snapshot (none when unavailable). */
  instances: (ctx: RegistryContext) => MetricInstance[];
}

export type { ItemRole };
