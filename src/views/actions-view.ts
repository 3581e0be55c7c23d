/**
 * Pure builder of a review's improvement-actions section: the open actions with their status,
 * whether they are overdue (judged at the review's publication date) and the findings they
 * answer; the follow-up of the previous review's actions with whether the metric moved as
 * intended; and the findings no action answers yet, formatted.
 */
import type { ActionRow, Finding, MetricInfo, ReviewFigures } from '../contracts/figures-schema.ts';
import type { CellDifference } from './EstimateCell/build-estimate-cell.ts';
import { numberFormats } from './format.ts';
import { readDifference, type Tone } from './significance.ts';

export interface ActionLine {
  row: ActionRow;
  /** The target metric and group, e.g. "CSAT · SMB". */
  target: string;
  /** "In progress", "Open", "Done", "Dropped". */
  status: string;
  before: string;
  beforePeriod: string;
  after: string;
  change: CellDifference | null;
  /** Whether the metric moved as intended, in words and tone. */
  outcome: { text: string; tone: Tone } | null;
  /** The findings of this review the action answers, as the page titles them. */
  answers: Array<{ id: string; title: string }>;
}

export interface ActionsView {
  /** The date overdue is judged at (the review's publication date). */
  asOf: string;
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

/** An action's status as the pages write it ("In progress"; in a sentence, lower case). */
export const ACTION_STATUS: Record<ActionRow['status'], string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

const OUTCOME: Record<NonNullable<ActionRow['outcome']>, { text: string; tone: Tone }> = {
  improved: { text: 'Moved as intended', tone: 'good' },
  worsened: { text: 'Moved the wrong way', tone: 'bad' },
  unchanged: { text: 'No real change yet', tone: 'neutral' },
  unknown: { text: 'Not measurable (too few responses)', tone: 'neutral' },
};

export function buildActionsView(figures: ReviewFigures, locale: string): ActionsView {
  const byId = new Map(figures.findings.map((f) => [f.id, f]));
  const format = numberFormats(locale, figures.currency ?? null);
  const line = (row: ActionRow): ActionLine => {
    const metric = figures.catalog[row.metric] ?? PLAIN;
    const value = (v: number | null | undefined) =>
      v === null || v === undefined ? 'too few' : format.value(metric, v);
    const change = row.beforeAfter?.change;
    return {
      row,
      target: `${figures.catalog[row.metric]?.shortLabel ?? row.metricLabel}${row.segment ? ` · ${row.segment.level}` : ''}`,
      status: ACTION_STATUS[row.status],
      before: value(row.beforeAfter?.before?.value),
      beforePeriod: row.beforeAfter?.beforePeriod ?? '',
      after: value(row.beforeAfter?.after?.value),
      change: change
        ? {
            text: format.delta(metric, change.delta),
            reading: readDifference(metric, change, change.significant),
          }
        : null,
      outcome: row.outcome ? OUTCOME[row.outcome] : null,
      answers: row.answers.flatMap((id) => {
        const f = byId.get(id);
        return f ? [{ id, title: f.title }] : [];
      }),
    };
  };
  return {
    asOf: figures.actions.asOf,
    open: figures.actions.open.map(line),
    followUp: figures.actions.followUp.map(line),
    unanswered: figures.actions.unanswered.flatMap((id) => byId.get(id) ?? []),
  };
}
