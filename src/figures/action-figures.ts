/**
 * A review's improvement actions: open and new ones, overdue ones, the previous review's
 * actions with the before/after of the metric they target (and its test), and the findings no
 * action answers yet.
 */
import type { Action } from '../contracts/action-schema.ts';
import type { ActionRow, Estimate, Finding, ReviewFigures } from '../contracts/figures-schema.ts';
import { compareEstimates } from '../metrics/change.ts';

type Period = Pick<ReviewFigures, 'id' | 'period' | 'end' | 'metrics' | 'catalog'>;

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

/**
 * @param history periods up to and including the review's, oldest first
 */
export function actionFigures(
  actions: readonly Action[],
  history: readonly Period[],
  findings: readonly Finding[],
): ReviewFigures['actions'] {
  const current = history.at(-1)!;
  const previous = history.at(-2);
  const byId = new Map(history.map((p) => [p.id, p]));
  const row = (action: Action): ActionRow => {
    const opened = byId.get(action.opened_in);
    const before = estimateFor(opened, action);
    const after = action.opened_in === current.id ? null : estimateFor(current, action);
    const kind = current.catalog[action.metric]?.kind ?? opened?.catalog[action.metric]?.kind;
    return {
      id: action.id,
      title: action.title,
      owner: action.owner,
      openedIn: action.opened_in,
      due: action.due,
      status: action.status,
      metric: action.metric,
      metricLabel:
        current.catalog[action.metric]?.label ??
        opened?.catalog[action.metric]?.label ??
        action.metric,
      segment: segmentOf(action),
      finding: action.finding ?? null,
      isNew: action.opened_in === current.id,
      overdue:
        (action.status === 'open' || action.status === 'in-progress') && action.due < current.end,
      beforeAfter: opened
        ? {
            beforePeriod: opened.period,
            before,
            after,
            change: before && after && kind ? compareEstimates(after, before, kind) : null,
          }
        : null,
    };
  };
  const known = actions.filter((a) => byId.has(a.opened_in));
  const answered = new Set(actions.map((a) => a.finding).filter(Boolean));
  return {
    open: known.filter((a) => a.status === 'open' || a.status === 'in-progress').map(row),
    followUp: previous ? known.filter((a) => a.opened_in === previous.id).map(row) : [],
    unanswered: findings
      .filter((f) => ACTIONABLE.has(f.kind) && !answered.has(f.id))
      .map((f) => f.id),
  };
}
