/**
 * Complaint and service-time figures from the complaint state: complaints per 1,000 orders,
 * the Pareto of categories, journey stages, first-response and resolution times, and the
 * satisfaction of customers whose ticket was resolved slower than the 90th percentile.
 */
import type { ComplaintFigures } from '../contracts/figures-schema.ts';
import { matchKey } from '../contracts/match-key.ts';
import type { MetricSources } from '../metrics/registry/index.ts';
import type { CustomerAnswers } from '../reducing/behaviour-state.ts';
import type { ComplaintState } from '../reducing/complaint-state.ts';
import { quantileOfCounts } from '../statistics/quantile-interval.ts';
import { DEFAULT_MINIMUM_BASE, type MinimumBase } from '../metrics/estimate.ts';
import { compareShares, share } from './behaviour-figures.ts';

/** The q-quantile in hours, null without times. */
function hoursAt(counts: ReadonlyMap<number, number>, q: number): number | null {
  return counts.size === 0 ? null : quantileOfCounts(counts, q) / 60;
}

function total(counts: ReadonlyMap<number, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/**
 * @param orders counted orders of the period (null without an orders table)
 * @param answers each surveyed customer's answers, for the slow-resolution comparison
 * @param rule the minimum base of the survey shares compared
 */
export function complaintFigures(
  state: ComplaintState,
  orders: number | null,
  answers: CustomerAnswers,
  rule: MinimumBase = DEFAULT_MINIMUM_BASE,
): NonNullable<MetricSources['complaints']> & { spellings: CategorySpellings[] } {
  const rate = (k: number) => (orders && orders > 0 ? (1000 * k) / orders : null);
  const { categories, spellings } = categoriesOf(state.byCategory);
  let cumulative = 0;
  const pareto = categories.map(([category, complaints]) => {
    cumulative += complaints;
    return {
      category,
      complaints,
      per1000Orders: rate(complaints),
      share: (100 * complaints) / state.complaints,
      cumulativeShare: (100 * cumulative) / state.complaints,
    };
  });
  const figures: ComplaintFigures = {
    tickets: state.tickets,
    complaints: state.complaints,
    per1000Orders: rate(state.complaints),
    pareto,
    byStage: Object.entries(state.byStage)
      .sort((a, b) => b[1] - a[1])
      .map(([stage, complaints]) => ({
        stage,
        complaints,
        share: (100 * complaints) / state.complaints,
      })),
    firstResponse: {
      median: hoursAt(state.firstResponse, 0.5),
      p90: hoursAt(state.firstResponse, 0.9),
      n: total(state.firstResponse),
    },
    resolution: {
      median: hoursAt(state.resolution, 0.5),
      p90: hoursAt(state.resolution, 0.9),
      n: total(state.resolution),
      unresolved: state.unresolved,
    },
    slowResolution: slowResolution(state, answers, rule),
  };
  return {
    figures,
    firstResponse: state.firstResponse,
    resolution: state.resolution,
    orders,
    spellings,
  };
}

/** A category written more than one way: the spelling shown and each spelling's complaints. */
export interface CategorySpellings {
  shown: string;
  spellings: Array<[spelling: string, complaints: number]>;
}

/**
 * Complaints by category, most first, categories written alike but for case, spacing and the
 * Unicode form of their accents ("Delivery delay", "delivery  delay"; matchKey) counted as one
 * under their most frequent spelling (ties:
 * the first in order), as exports typed by hand or merged from two tools write them; and the
 * categories so merged, for a warning.
 */
export function categoriesOf(byCategory: Readonly<Record<string, number>>): {
  categories: Array<[category: string, complaints: number]>;
  spellings: CategorySpellings[];
} {
  const groups = new Map<string, Array<[string, number]>>();
  for (const [category, complaints] of Object.entries(byCategory)) {
    const key = matchKey(category).replace(/\s+/g, ' ').trim();
    const group = groups.get(key);
    if (group) group.push([category, complaints]);
    else groups.set(key, [[category, complaints]]);
  }
  const categories: Array<[string, number]> = [];
  const spellings: CategorySpellings[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const shown = group[0]![0];
    categories.push([shown, group.reduce((n, [, k]) => n + k, 0)]);
    if (group.length > 1) spellings.push({ shown, spellings: group });
  }
  categories.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { categories, spellings };
}

/** CSAT of customers whose slowest ticket took longer than the p90 against the others. */
function slowResolution(
  state: ComplaintState,
  answers: CustomerAnswers,
  rule: MinimumBase,
): ComplaintFigures['slowResolution'] {
  if (state.resolution.size === 0) return null;
  const p90 = quantileOfCounts(state.resolution, 0.9);
  const slow = { k: 0, n: 0 };
  const rest = { k: 0, n: 0 };
  for (const [id, minutes] of state.slowestByCustomer) {
    const group = minutes > p90 ? slow : rest;
    const row = answers.find(id);
    if (row < 0) continue;
    group.n += answers.get(row, 'satisfactionAnswers');
    group.k += answers.get(row, 'satisfied');
  }
  return compareShares(
    ['Ticket resolved slower than p90', 'Other customers with a ticket'],
    share(slow.k, slow.n),
    share(rest.k, rest.n),
    rule,
  );
}
