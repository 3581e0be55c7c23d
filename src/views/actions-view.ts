/**
 * Pure builder of a report's improvement-actions section: open and new actions, overdue ones,
 * last review's actions with the before/after of the metric they target, and the findings that
 * no action answers yet.
 */
import { compareEstimates, type Change } from '../metrics/change.ts';
import type { Estimate } from '../metrics/estimate.ts';
import { getMetric } from '../metrics/registry.ts';
import type { Finding } from '../figures/root-causes.ts';
import type { SnapshotFigures } from '../figures/snapshot-figures.ts';
import type { Action } from '../contracts/action-schema.ts';

export interface ActionRow {
  action: Action;
  isNew: boolean;
  overdue: boolean;
  /** Before = the metric in the review that opened the action; after = this review. */
  beforeAfter: {
    before: Estimate | null;
    after: Estimate | null;
    beforePeriod: string;
    change: Change | null;
  } | null;
}

export interface ActionsView {
  open: ActionRow[];
  /** Actions opened in the previous review, whatever their status: the follow-up. */
  followUp: ActionRow[];
  unanswered: Finding[];
}

function estimateFor(s: SnapshotFigures | undefined, action: Action): Estimate | null {
  if (!s) return null;
  const m = s.metrics[action.metric];
  if (!m) return null;
  if (!action.segment) return m.overall;
  const [dimension, level] = action.segment.split('=') as [string, string];
  return m.segments[dimension]?.[level] ?? null;
}

/**
 * @param history snapshots up to and including the report's, oldest first
 */
export function buildActionsView(
  actions: readonly Action[],
  history: readonly SnapshotFigures[],
  findings: readonly Finding[],
): ActionsView {
  const current = history.at(-1)!;
  const previous = history.at(-2);
  const started = new Map(history.map((s) => [s.id, s]));
  const row = (action: Action): ActionRow => {
    const opened = started.get(action.opened_in);
    const before = estimateFor(opened, action);
    const after = action.opened_in === current.id ? null : estimateFor(current, action);
    return {
      action,
      isNew: action.opened_in === current.id,
      overdue:
        (action.status === 'open' || action.status === 'in-progress') && action.due < current.end,
      beforeAfter: opened
        ? {
            before,
            after,
            beforePeriod: opened.period,
            change:
              before && after
                ? compareEstimates(after, before, getMetric(action.metric).kind)
                : null,
          }
        : null,
    };
  };
  const known = actions.filter((a) => started.has(a.opened_in));
  const open = known.filter((a) => a.status === 'open' || a.status === 'in-progress').map(row);
  const followUp = previous ? known.filter((a) => a.opened_in === previous.id).map(row) : [];
  const answered = new Set(actions.map((a) => a.finding).filter(Boolean));
  const unanswered = findings.filter(
    (f) =>
      (f.kind === 'decline' ||
        f.kind === 'gap' ||
        f.kind === 'driver' ||
        f.kind === 'complaint' ||
        f.kind === 'operational') &&
      !answered.has(f.id),
  );
  return { open, followUp, unanswered };
}
