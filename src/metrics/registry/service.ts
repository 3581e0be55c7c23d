/** Service and complaints from support tickets (brief §4): complaint rate and service times. */
import { rateEstimate } from '../poisson.ts';
import { quantileEstimate } from '../quantile.ts';
import { fromTable, type SingleEntry } from './shapes.ts';
import type { MetricEntry } from './types.ts';

const fromTickets = (entry: SingleEntry<'complaints'>) =>
  fromTable('tickets', 'complaints', 'service', entry);

const QUANTILE_INTERVAL =
  'Distribution-free 95% interval from order statistics (ranks nq ± 1.96√(nq(1 − q))); SE = (upper − lower)/(2 × 1.96)';
const QUANTILE_REFERENCE =
  'Hyndman & Fan (1996) type 7 (numpy.percentile); interval: Conover (1999), Practical Nonparametric Statistics §3.2; change: Price & Bonett (2002), J. Stat. Comput. Simul. 72(2)';

/** Minutes to hours. */
const HOURS = 1 / 60;

/** A quantile of the hours from a ticket's opening to its first response or resolution. */
function timeOf(
  id: string,
  title: string,
  times: 'firstResponse' | 'resolution',
  q: number,
): MetricEntry {
  return fromTickets({
    id,
    title,
    shortLabel: title.replace(' (hours)', ''),
    unit: '',
    changeUnit: 'hours',
    direction: 'lower-is-better',
    decimals: 1,
    kind: 'quantile',
    range: null,
    formula: `The ${q === 0.5 ? 'median' : '90th percentile'} of hours from a ticket’s opening to its ${times === 'firstResponse' ? 'first response' : 'resolution'} (exact, linear interpolation between order statistics; tickets without that time are left out and counted).`,
    interval: QUANTILE_INTERVAL,
    reference: QUANTILE_REFERENCE,
    compute: (c, s) => quantileEstimate(c[times], q, HOURS, s.rule),
  });
}

export const SERVICE_METRICS: readonly MetricEntry[] = [
  fromTickets({
    id: 'complaints_per_1000_orders',
    title: 'Complaints per 1,000 orders',
    shortLabel: 'Complaints per 1,000 orders',
    unit: '',
    changeUnit: 'complaints per 1,000 orders',
    direction: 'lower-is-better',
    decimals: 1,
    kind: 'rate',
    range: null,
    formula:
      'Tickets of type "complaint" × 1000 / counted orders; by category and journey stage in the service section, in Pareto order with cumulative share.',
    interval: 'Poisson rate, SE = 1000·√k/n; 95% Wald interval',
    reference: 'Juran’s Pareto principle; brief §4; change: z on the two Poisson SEs',
    available: 'When the snapshot has tickets and orders.',
    compute: (c) => (c.orders === null ? null : rateEstimate(c.figures.complaints, c.orders, 1000)),
  }),
  timeOf('first_response_median', 'First response time, median (hours)', 'firstResponse', 0.5),
  timeOf(
    'first_response_p90',
    'First response time, 90th percentile (hours)',
    'firstResponse',
    0.9,
  ),
  timeOf('resolution_median', 'Resolution time, median (hours)', 'resolution', 0.5),
  timeOf('resolution_p90', 'Resolution time, 90th percentile (hours)', 'resolution', 0.9),
];
