/**
 * Pure builder of a review's improvement-actions section: the rows of the open actions, the
 * follow-up of the previous review's actions, and the findings no action answers, formatted.
 */
import type { ActionRow, Finding, MetricInfo, ReviewFigures } from '../contracts/figures-schema.ts';
import { formatDelta, formatP, formatValue } from './format.ts';

export interface ActionLine {
  row: ActionRow;
  /** The target metric and group, e.g. "CSAT · SMB". */
  target: string;
  before: string;
  beforePeriod: string;
  after: string;
  change: string;
}

export interface ActionsView {
  open: ActionLine[];
  followUp: ActionLine[];
  unanswered: Finding[];
}

/** A neutral format for a metric a review no longer has. */
const PLAIN: Pick<MetricInfo, 'unit' | 'decimals' | 'direction' | 'changeUnit'> = {
  unit: '',
  decimals: 1,
  direction: 'higher-is-better',
  changeUnit: '',
};

export function buildActionsView(figures: ReviewFigures, locale: string): ActionsView {
  const line = (row: ActionRow): ActionLine => {
    const metric = figures.catalog[row.metric] ?? PLAIN;
    const value = (v: number | null | undefined) =>
      v === null || v === undefined ? 'suppressed' : formatValue(metric, v, locale);
    const change = row.beforeAfter?.change;
    return {
      row,
      target: `${figures.catalog[row.metric]?.shortLabel ?? row.metricLabel}${row.segment ? ` · ${row.segment.level}` : ''}`,
      before: value(row.beforeAfter?.before?.value),
      beforePeriod: row.beforeAfter?.beforePeriod ?? '',
      after: value(row.beforeAfter?.after?.value),
      change: change
        ? `${formatDelta(metric, change.delta, locale)} (${change.significant ? 'significant' : 'not significant'}, ${formatP(change.p)})`
        : '—',
    };
  };
  const byId = new Map(figures.findings.map((f) => [f.id, f]));
  return {
    open: figures.actions.open.map(line),
    followUp: figures.actions.followUp.map(line),
    unanswered: figures.actions.unanswered.flatMap((id) => byId.get(id) ?? []),
  };
}
