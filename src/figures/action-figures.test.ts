import { describe, expect, it } from 'vitest';
import type { Action } from '../contracts/action-schema.ts';
import type { Estimate, Finding, MetricInfo, ReviewFigures } from '../contracts/figures-schema.ts';
import { actionFigures, actionsAsOf, answersFinding } from './action-figures.ts';

const estimate = (value: number, n = 400): Estimate => ({
  value,
  lower: value - 5,
  upper: value + 5,
  se: Math.sqrt((value * (100 - value)) / n),
  n,
  nEffective: n,
  missing: 0,
  base: 'ok',
});

const info: MetricInfo = {
  id: 'service_quality',
  entry: 'item-top-box',
  label: 'Service quality',
  shortLabel: 'Service quality',
  section: 'attributes',
  unit: '%',
  changeUnit: 'percentage points',
  direction: 'higher-is-better',
  decimals: 1,
  kind: 'proportion',
  range: [0, 100],
  item: 'service_quality',
  component: 'service_quality',
};

/** A period whose service-quality share is `overall`, SMB's `smb`, asked on `scale`. */
function period(
  id: string,
  end: string,
  overall: number,
  smb: number,
  scale: [number, number] = [1, 5],
) {
  const segment = { ...estimate(smb), vsRest: null, change: null, significantButIndicative: false };
  const item = { id: 'service_quality', label: 'Service quality', scale, topBox: 2 };
  return {
    id,
    period: id,
    end,
    questionnaire: {
      items: [{ ...item, role: null, component: 'service_quality' as const }],
      indexItems: [],
      drivers: [],
    },
    currency: null,
    catalog: { service_quality: info },
    metrics: {
      service_quality: {
        overall: estimate(overall, 1600),
        change: null,
        significantButIndicative: false,
        segments: { customer_group: { SMB: segment } },
      },
    },
  } satisfies Pick<
    ReviewFigures,
    'id' | 'period' | 'end' | 'metrics' | 'catalog' | 'questionnaire' | 'currency'
  >;
}

const SMB = { dimension: 'customer_group', level: 'SMB' };
const finding = (over: Partial<Finding> = {}): Finding => ({
  id: 'decline:service_quality:customer_group=SMB',
  kind: 'decline',
  title: 'SMB: service quality fell',
  metricId: 'service_quality',
  segment: SMB,
  effect: -18,
  test: { name: 'two-proportion-z', p: 1e-6 },
  tier: 'change',
  reach: { population: 0.25, revenue: null },
  impact: 4.5,
  significantButIndicative: false,
  related: [],
  drillDown: null,
  ...over,
});

const action = (over: Partial<Action> = {}): Action => ({
  id: 'A-1',
  title: 'Dedicated account desk for SMB',
  owner: 'Head of Sales SMB',
  opened_in: 'Q2',
  due: '2026-09-30',
  status: 'in-progress',
  metric: 'service_quality',
  segment: 'customer_group=SMB',
  ...over,
});

describe('actionFigures', () => {
  const history = [period('Q2', '2026-06-30', 70, 69), period('Q3', '2026-09-30', 65, 50)];

  it('answers a finding by the metric and group an action targets, not only by its id', () => {
    expect(answersFinding(action(), finding())).toBe(true);
    expect(answersFinding(action({ segment: 'customer_group=Consumer' }), finding())).toBe(false);
    expect(answersFinding(action({ segment: undefined }), finding())).toBe(false);
    expect(answersFinding(action({ metric: 'csat' }), finding())).toBe(false);
    // …or through a change merged into the finding (the same SMB change on another metric).
    const merged = finding({
      related: [
        {
          id: 'gap:csat:customer_group=SMB',
          kind: 'gap',
          metricId: 'csat',
          segment: SMB,
          effect: -9,
        },
      ],
    });
    expect(answersFinding(action({ metric: 'csat' }), merged)).toBe(true);
    // An overall action answers the overall finding.
    const overall = finding({ id: 'decline:service_quality', segment: undefined });
    expect(answersFinding(action({ segment: undefined }), overall)).toBe(true);

    const figures = actionFigures([action()], history, [finding()]);
    expect(figures.unanswered).toEqual([]);
    expect(figures.open[0]!.answers).toEqual([finding().id]);
    const other = actionFigures([action({ segment: 'customer_group=Consumer' })], history, [
      finding(),
    ]);
    expect(other.unanswered).toEqual([finding().id]);
    // A finished action of an earlier review answers no new finding.
    const done = actionFigures([action({ status: 'done' })], history, [finding()]);
    expect(done.unanswered).toEqual([finding().id]);
  });

  it('judges overdue at the publication date, not at the end of the quarter', () => {
    const atEnd = actionFigures([action()], history, []);
    expect(atEnd.asOf).toBe('2026-09-30');
    expect(atEnd.open[0]!.overdue).toBe(false); // due on the quarter's last day
    const published = actionsAsOf({ actions: atEnd } as ReviewFigures, '2026-10-21').actions;
    expect(published.asOf).toBe('2026-10-21');
    expect(published.open[0]!.overdue).toBe(true);
    expect(actionFigures([action()], history, [], '2026-10-21').open[0]!.overdue).toBe(true);
    const finished = actionsAsOf(
      { actions: actionFigures([action({ status: 'done' })], history, []) } as ReviewFigures,
      '2026-10-21',
    ).actions;
    expect(finished.followUp[0]!.overdue).toBe(false);
  });

  it('says whether the targeted metric moved as intended', () => {
    const fell = actionFigures([action()], history, []).followUp[0]!;
    expect(fell.beforeAfter!.change!.significant).toBe(true);
    expect(fell.outcome).toBe('worsened');
    const rose = actionFigures(
      [action()],
      [period('Q2', '2026-06-30', 70, 50), period('Q3', '2026-09-30', 65, 69)],
      [],
    ).followUp[0]!;
    expect(rose.outcome).toBe('improved');
    const flat = actionFigures(
      [action()],
      [period('Q2', '2026-06-30', 70, 60), period('Q3', '2026-09-30', 65, 61)],
      [],
    ).followUp[0]!;
    expect(flat.outcome).toBe('unchanged');
    const opened = actionFigures([action({ opened_in: 'Q3' })], history, []).open[0]!;
    expect(opened.outcome).toBeNull();
  });

  it('does not judge an action across a period that measured its metric otherwise', () => {
    const redefined = period('Q3', '2026-09-30', 65, 50, [0, 10]);
    const row = actionFigures([action()], [period('Q2', '2026-06-30', 70, 69), redefined], [])
      .followUp[0]!;
    expect(row.beforeAfter!.change).toBeNull();
    expect(row.outcome).toBe('unknown');
  });
});
