/**
 * Survey metrics: the satisfaction index, NPS, CSAT, CES and each attribute item's scores.
 * Each is computed from a slice's pooled histograms, so every one is broken down by group and
 * tested against the rest of the sample as well as against the previous period.
 */
import { roleItem, type ItemRole } from '../../contracts/questionnaire.ts';
import type { QuestionnaireItem } from '../../contracts/questionnaire.ts';
import { applyMinimumBase, emptyEstimate, type Estimate } from '../estimate.ts';
import { meanEstimate, meanScore } from '../mean-score.ts';
import { nps } from '../nps.ts';
import { topBox } from '../top-box.ts';
import { MEAN as MEAN_OF, SHARE as SHARE_OF } from './shapes.ts';
import type { MetricEntry, RegistryContext, SurveyInstance, SurveySlice } from './types.ts';

/** Survey shares and means are better when higher. */
const SHARE = { ...SHARE_OF, direction: 'higher-is-better' } as const;
const MEAN = { ...MEAN_OF, direction: 'higher-is-better' } as const;

type Histogram = NonNullable<SurveySlice['cell']>['items'][string];

/** The histogram of an item in a slice; an empty estimate when the slice has no responses. */
function ofItem(
  slice: SurveySlice,
  itemId: string,
  estimate: (h: Histogram) => Estimate,
): Estimate {
  const h = slice.cell?.items[itemId];
  if (!h) return applyMinimumBase(emptyEstimate(0, 0, 0), slice.rule);
  return estimate(h);
}

/** The item's top-box share and its mean, as estimators of a slice. */
const topBoxOf = (item: QuestionnaireItem) => (slice: SurveySlice) =>
  ofItem(slice, item.id, (h) => topBox(h, item.topBox, slice.rule));
const meanOf = (item: QuestionnaireItem) => (slice: SurveySlice) =>
  ofItem(slice, item.id, (h) => meanScore(h, slice.rule));

/** The scale of an item, as a reader sees it: "1–5". */
function scaleText(item: QuestionnaireItem): string {
  return `${item.scale[0]}–${item.scale[1]}`;
}

/** The points counted in an item's top box: "4–5", or "1" on a yes/no scale. */
function topBoxText(item: QuestionnaireItem): string {
  const from = item.scale[1] - item.topBox + 1;
  return from === item.scale[1] ? String(from) : `${from}–${item.scale[1]}`;
}

/** A metric on the item of a role: one instance when the role is present (and `when` holds). */
function ofRole(
  role: ItemRole,
  make: (item: QuestionnaireItem) => Omit<SurveyInstance, 'scope' | 'item' | 'component'>,
  when: (item: QuestionnaireItem) => boolean = () => true,
): (ctx: RegistryContext) => SurveyInstance[] {
  return (ctx) => {
    const item = roleItem(ctx.questionnaire, role);
    return item && when(item)
      ? [{ scope: 'survey', item: item.id, component: null, ...make(item) }]
      : [];
  };
}

/** A metric for each attribute item (every item without a role). */
function ofAttributes(
  make: (item: QuestionnaireItem) => Omit<SurveyInstance, 'scope' | 'item' | 'component'>,
): (ctx: RegistryContext) => SurveyInstance[] {
  return (ctx) =>
    ctx.questionnaire.items
      .filter((item) => item.role === null)
      .map((item) => ({
        scope: 'survey',
        item: item.id,
        component: item.component,
        ...make(item),
      }));
}

/** On a yes/no item the mean is the share itself. */
const hasMidpoints = (item: QuestionnaireItem) => item.scale[1] - item.scale[0] >= 2;

export const SURVEY_METRICS: readonly MetricEntry[] = [
  {
    ...MEAN,
    id: 'index',
    title: 'Satisfaction index',
    section: 'headline',
    changeUnit: 'points',
    decimals: 1,
    formula:
      'ACSI-style 0–100 index: for each respondent, the mean over the answered index items of (answer − scale min) / (scale max − scale min) × 100; the index is the mean over respondents.',
    reference:
      'Fornell et al. (1996), The American Customer Satisfaction Index, J. Marketing 60(4); change: Welch’s t-test',
    available:
      'When the questionnaire has index items (by default the overall satisfaction item and the items of the quality components other than brand).',
    instances: (ctx) =>
      ctx.questionnaire.indexItems.length === 0
        ? []
        : [
            {
              scope: 'survey',
              id: 'index',
              label: 'Satisfaction index',
              shortLabel: 'Index',
              range: [0, 100],
              item: null,
              component: null,
              compute: (slice) =>
                slice.cell
                  ? meanEstimate(slice.cell.index, slice.cell.indexMissing, slice.rule)
                  : applyMinimumBase(emptyEstimate(0, 0, 0), slice.rule),
            },
          ],
  },
  {
    id: 'nps',
    title: 'Net Promoter Score',
    section: 'headline',
    unit: '',
    changeUnit: 'points',
    direction: 'higher-is-better',
    decimals: 1,
    kind: 'nps',
    formula:
      '100 × (share of promoters, 9–10 − share of detractors, 0–6) on the 0–10 likelihood-to-recommend item.',
    interval:
      'Adjusted Wald, 95%: add 0.75 detractors, 1.5 passives, 0.75 promoters; v = (p + d) − (p − d)², SE = √(v/n)',
    reference:
      'Reichheld (2003); interval: Rocks (2016), Interval estimation for the Net Promoter Score, Am. Statistician 70(4); change: z = Δ/√(v₁/n₁ + v₂/n₂)',
    available: 'When the questionnaire has an item with the recommend role (0–10).',
    instances: ofRole('recommend', (item) => ({
      id: 'nps',
      label: 'Net Promoter Score',
      shortLabel: 'NPS',
      range: [-100, 100],
      compute: (slice) => ofItem(slice, item.id, (h) => nps(h, slice.rule)),
    })),
  },
  {
    ...SHARE,
    id: 'csat',
    title: 'Customer satisfaction (CSAT)',
    section: 'headline',
    formula:
      'Share of answers in the top box of the overall satisfaction item (top-2-box on a 1–5 scale; the "yes" of a yes/no outcome), in %.',
    reference: 'Top-2-box convention; change tested with the pooled two-proportion z-test',
    available: 'When the questionnaire has an item with the satisfaction role.',
    instances: ofRole('satisfaction', (item) => ({
      id: 'csat',
      label: `Customer satisfaction (CSAT, ${topBoxText(item)} of ${scaleText(item)})`,
      shortLabel: 'CSAT',
      range: [0, 100],
      compute: topBoxOf(item),
    })),
  },
  {
    ...MEAN,
    id: 'csat_mean',
    title: 'Overall satisfaction (mean)',
    section: 'headline',
    formula: 'Mean of the overall satisfaction answers on the item’s declared scale.',
    reference: 'Change tested with Welch’s t-test',
    available: 'When the questionnaire has an item with the satisfaction role on 3 or more points.',
    instances: ofRole(
      'satisfaction',
      (item) => ({
        id: 'csat_mean',
        label: `Overall satisfaction (mean, ${scaleText(item)})`,
        shortLabel: 'Satisfaction mean',
        range: [item.scale[0], item.scale[1]],
        compute: meanOf(item),
      }),
      hasMidpoints,
    ),
  },
  {
    ...MEAN,
    id: 'ces',
    title: 'Customer effort (mean)',
    section: 'headline',
    formula:
      'Mean of the effort (ease) item on its declared scale; higher means easier (e.g. 7 = very easy on 1–7).',
    reference:
      'Dixon, Freeman & Toman (2010), Stop trying to delight your customers, HBR; change: Welch’s t-test',
    available: 'When the questionnaire has an item with the effort role.',
    instances: ofRole('effort', (item) => ({
      id: 'ces',
      label: `Customer effort (mean, ${scaleText(item)}, higher = easier)`,
      shortLabel: 'CES',
      range: [item.scale[0], item.scale[1]],
      compute: meanOf(item),
    })),
  },
  {
    ...SHARE,
    id: 'ces_agree',
    title: 'Customer effort: share finding it easy',
    section: 'headline',
    formula:
      'Share answering in the effort item’s “easy” box, in %: the points above the scale’s midpoint unless the manifest sets the item’s top box (5–7 on 1–7, 4–5 on 1–5).',
    reference: 'Change tested with the pooled two-proportion z-test',
    available: 'When the questionnaire has an item with the effort role.',
    instances: ofRole('effort', (item) => ({
      id: 'ces_agree',
      label: `Customer effort: share finding it easy (${topBoxText(item)} of ${scaleText(item)})`,
      shortLabel: 'CES easy',
      range: [0, 100],
      compute: topBoxOf(item),
    })),
  },
  {
    ...SHARE,
    id: 'item-top-box',
    title: 'Each attribute item: top-box share',
    section: 'attributes',
    formula:
      'For each attribute item of the questionnaire (every item without a role), the share of answers in its top box (top-2-box unless the manifest says), in %. Its id is the item’s id; its label the item’s label.',
    reference: 'Top-2-box convention; change tested with the pooled two-proportion z-test',
    available: 'For every item of the questionnaire that has no role.',
    instances: ofAttributes((item) => ({
      id: item.id,
      label: item.label,
      shortLabel: item.label,
      range: [0, 100],
      compute: topBoxOf(item),
    })),
  },
  {
    ...MEAN,
    id: 'item-mean',
    title: 'Each attribute item: mean score',
    section: 'attributes',
    formula:
      'For each attribute item, the mean of its answers on the item’s declared scale. Its id is the item’s id followed by “_mean”.',
    reference: 'Change tested with Welch’s t-test',
    available: 'For every item of the questionnaire that has no role.',
    instances: ofAttributes((item) => ({
      id: `${item.id}_mean`,
      label: `${item.label} (mean, ${scaleText(item)})`,
      shortLabel: `${item.label} mean`,
      range: [item.scale[0], item.scale[1]],
      compute: meanOf(item),
    })),
  },
];

/** The metric id of an item's top-box share: CSAT, CES easy, or the item's own. */
export function topBoxMetricOf(
  q: { items: readonly Pick<QuestionnaireItem, 'id' | 'role'>[] },
  itemId: string,
): string {
  const item = q.items.find((i) => i.id === itemId);
  if (item?.role === 'satisfaction') return 'csat';
  if (item?.role === 'effort') return 'ces_agree';
  return itemId;
}
