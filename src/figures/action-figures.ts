/**
 * A review's improvement actions: open and new ones, overdue ones (at the review's publication
 * date), the previous review's actions with the before/after of the metric they target, its
 * test and whether it moved as intended, and the findings no action answers yet.
 */
import type { Action } from '../contracts/action-schema.ts';
import type {
  ActionRow,
  Change,
  Estimate,
  Finding,
  MetricInfo,
  ReviewFigures,
} from '../contracts/figures-schema.ts';
import { compareEstimates } from '../metrics/change.ts';
import { measureBreaks, type Measured } from './trends.ts';

type Period = Measured & Pick<ReviewFigures, 'period' | 'end'>;

/** Kinds of finding an action can answer (improvements need none). */
const ACTIONABLE = new Set<Finding['kind']>([
  'decline',
  'gap',
  'driver',
  'complaint',
  'operational',
]);

function segmentOf(action: Action): ActionRow['segment'] {
  if (!action.segment) return null;
  const at = action.segment.indexOf('=');
  return { dimension: action.segment.slice(0, at), level: action.segment.slice(at + 1) };
}

function estimateFor(period: Period | undefined, action: Action): Estimate | null {
  const m = period?.metrics[action.metric];
  if (!m) return null;
  const segment = segmentOf(action);
  if (!segment) return m.overall;
  const figure = m.segments[segment.dimension]?.[segment.level];
  if (!figure) return null;
  const { value, lower, upper, se, n, nEffective, missing, base } = figure;
  return { value, lower, upper, se, n, nEffective, missing, base };
}

/** Still to be done: open or in progress. */
function pending(status: Action['status']): boolean {
  return status === 'open' || status === 'in-progress';
}

/**
 * Whether an action answers a finding: it cites the finding's id, or it targets the metric and
 * the group (or everyone, for an overall finding) of the finding or of a change merged into it.
 */
export function answersFinding(
  action: Pick<Action, 'finding' | 'metric' | 'segment'>,
  finding: Pick<Finding, 'id' | 'metricId' | 'segment' | 'related'>,
): boolean {
  const evidence = [
    { id: finding.id, metricId: finding.metricId ?? null, segment: finding.segment ?? null },
    ...finding.related,
  ];
  return evidence.some(
    (e) =>
      action.finding === e.id ||
      (e.metricId === action.metric &&
        (e.segment ? `${e.segment.dimension}=${e.segment.level}` : undefined) === action.segment),
  );
}

/** Whether the targeted metric moved as intended: its change's direction and significance. */
function outcomeOf(
  change: Change | null,
  direction: MetricInfo['direction'] | undefined,
): ActionRow['outcome'] {
  if (!change || !direction) return 'unknown';
  if (!change.significant) return 'unchanged';
  const better = direction === 'lower-is-better' ? change.delta < 0 : change.delta > 0;
  return better ? 'improved' : 'worsened';
}

/**
 * Whether metric `id` is measured alike from period `from` (one of `history`) to the last: no
 * period after it measured it otherwise (trends.ts's breaks). An action's before and after
 * across such a change compare two measures; it is not judged.
 */
function measuredAlike(history: readonly Period[], from: string, id: string): boolean {
  return measureBreaks(history.slice(history.findIndex((p) => p.id === from)))(id).length === 0;
}

/**
 * @param history periods up to and including the review's, oldest first
 * @param asOf the date overdue is judged at (the review's publication date; its period's end
 *   until it is published, see actionsAsOf)
 */
export function actionFigures(
  actions: readonly Action[],
  history: readonly Period[],
  findings: readonly Finding[],
  asOf: string = history.at(-1)!.end,
): ReviewFigures['actions'] {
  const current = history.at(-1)!;
  const previous = history.at(-2);
  const byId = new Map(history.map((p) => [p.id, p]));
  const row = (action: Action): ActionRow => {
    const opened = byId.get(action.opened_in);
    const before = estimateFor(opened, action);
    const isNew = action.opened_in === current.id;
    const after = isNew ? null : estimateFor(current, action);
    const info = current.catalog[action.metric] ?? opened?.catalog[action.metric];
    const change =
      before && after && info && measuredAlike(history, action.opened_in, action.metric)
        ? compareEstimates(after, before, info.kind)
        : null;
    return {
      id: action.id,
      title: action.title,
      owner: action.owner,
      openedIn: action.opened_in,
      due: action.due,
      status: action.status,
      metric: action.metric,
      metricLabel: info?.label ?? action.metric,
      segment: segmentOf(action),
      finding: action.finding ?? null,
      answers: findings.filter((f) => answersFinding(action, f)).map((f) => f.id),
      isNew,
      overdue: pending(action.status) && action.due < asOf,
      outcome: isNew || !opened ? null : outcomeOf(change, info?.direction),
      beforeAfter: opened ? { beforePeriod: opened.period, before, after, change } : null,
    };
  };
  // Actions of later reviews are unknown here; a finished action answers no new finding.
  const known = actions.filter((a) => byId.has(a.opened_in));
  const answering = known.filter(
    (a) => a.status !== 'dropped' && (pending(a.status) || a.opened_in === current.id),
  );
  return {
    asOf,
    open: known.filter((a) => pending(a.status)).map(row),
    followUp: previous ? known.filter((a) => a.opened_in === previous.id).map(row) : [],
    unanswered: findings
      .filter((f) => ACTIONABLE.has(f.kind) && !answering.some((a) => answersFinding(a, f)))
      .map((f) => f.id),
  };
}

/**
 * The figures with overdue judged at `date` (the review's publication date, or a draft's): the
 * one place overdue is decided after the figures stage.
 */
export function actionsAsOf(figures: ReviewFigures, date: string): ReviewFigures {
  const judge = (r: ActionRow): ActionRow => ({
    ...r,
    overdue: pending(r.status) && r.due < date,
  });
  return {
    ...figures,
    actions: {
      ...figures.actions,
      asOf: date,
      open: figures.actions.open.map(judge),
      followUp: figures.actions.followUp.map(judge),
    },
  };
}
