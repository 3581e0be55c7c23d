/**
 * The figures that join tables: behaviour and value from orders (with the customer-base
 * movement against earlier periods), complaints from tickets (with the satisfaction of
 * customers whose ticket took longer than the 90th percentile), comment themes, and the
 * competitor comparison.
 */
import type { VoiceFigures } from '../reducing/comment-themes.ts';
import {
  customerBaseFigures,
  type CustomerBaseFigures,
  type CustomerBaseState,
} from '../reducing/customer-base.ts';
import {
  behaviourFigures,
  compareShares,
  share,
  valueLinks,
  type BehaviourFigures,
  type BehaviourState,
  type CustomerAnswers,
  type GroupComparison,
  type Share,
  type ValueLinks,
} from '../reducing/customer-behaviour.ts';
import {
  complaintFigures,
  quantileOfCounts,
  type ComplaintFigures,
  type ComplaintState,
} from '../reducing/service-complaints.ts';
import type { SurveyCell } from '../reducing/survey-state.ts';
import { effectiveN } from '../reducing/weighted-moments.ts';
import { wilson } from '../statistics/wilson.ts';

export interface OperationalFigures {
  behaviour: (BehaviourFigures & { links: ValueLinks }) | null;
  complaints: (ComplaintFigures & { slowResolution: GroupComparison | null }) | null;
  voice: VoiceFigures;
  competitor: CompetitorFigures | null;
  /** Churn from a customer-base table with a churn flag. */
  customers: CustomerBaseFigures | null;
}

export interface CompetitorFigures {
  n: number;
  better: Share;
  same: Share;
  worse: Share;
  /** better − worse, percentage points. */
  net: number;
}

/** Weighted shares better/same/worse with Wilson intervals on Kish n_eff. */
export function competitorFigures(
  cells: readonly SurveyCell[],
  weightOf: (c: SurveyCell) => number,
): CompetitorFigures | null {
  let better = 0;
  let same = 0;
  let worse = 0;
  let sumW = 0;
  let sumW2 = 0;
  let n = 0;
  for (const c of cells) {
    const w = weightOf(c);
    const k = c.competitor.better + c.competitor.same + c.competitor.worse;
    better += w * c.competitor.better;
    same += w * c.competitor.same;
    worse += w * c.competitor.worse;
    sumW += w * k;
    sumW2 += w * w * k;
    n += k;
  }
  if (n === 0) return null;
  const nEff = effectiveN({ sumW, sumW2 });
  const share = (x: number): Share => {
    const p = x / sumW;
    const [lower, upper] = wilson(p * nEff, nEff);
    return { k: Math.round(p * n), n, value: 100 * p, lower: 100 * lower, upper: 100 * upper };
  };
  const b = share(better);
  const w = share(worse);
  return { n, better: b, same: share(same), worse: w, net: b.value! - w.value! };
}

export function operationalFigures(input: {
  behaviour: BehaviourState | null;
  complaints: ComplaintState | null;
  voice: VoiceFigures;
  answers: CustomerAnswers;
  previousActive?: ReadonlyMap<string, Record<string, string | undefined>>;
  everSeen?: ReadonlySet<string>;
  competitor: CompetitorFigures | null;
  customers?: CustomerBaseState | null;
  adjustment?: 'holm' | 'bh';
}): OperationalFigures {
  const behaviour = input.behaviour
    ? {
        ...behaviourFigures(input.behaviour, input.previousActive, input.everSeen),
        links: valueLinks(input.behaviour, input.answers),
      }
    : null;
  let complaints: OperationalFigures['complaints'] = null;
  if (input.complaints) {
    const figures = complaintFigures(input.complaints, behaviour?.orders ?? null);
    const p90 = quantileOfCounts(input.complaints.resolution, 0.9);
    let slowResolution: GroupComparison | null = null;
    if (p90 !== null) {
      const slow = { k: 0, n: 0 };
      const rest = { k: 0, n: 0 };
      for (const [id, minutes] of input.complaints.slowestByCustomer) {
        const group = minutes > p90 ? slow : rest;
        const row = input.answers.find(id);
        if (row < 0) continue;
        group.n += input.answers.get(row, 'satisfactionAnswers');
        group.k += input.answers.get(row, 'satisfied');
      }
      slowResolution = compareShares(
        ['Ticket resolved slower than p90', 'Other customers with a ticket'],
        share(slow.k, slow.n),
        share(rest.k, rest.n),
      );
    }
    complaints = { ...figures, slowResolution };
  }
  return {
    behaviour,
    complaints,
    voice: input.voice,
    competitor: input.competitor,
    customers: input.customers ? customerBaseFigures(input.customers, input.adjustment) : null,
  };
}
