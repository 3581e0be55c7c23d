/**
 * Pure builder of `<ActionRef>`: an action of the review's register as the prose cites it, its
 * title, id, owner, status and due date from the figures, so a decision says what the action
 * it cites says.
 */
import type { ActionRow, ReviewFigures } from '../../contracts/figures-schema.ts';
import { ACTION_STATUS } from '../actions-view.ts';

/** The actions a review knows: open ones and those of last review's follow-up. */
function known(figures: ReviewFigures): ActionRow[] {
  return [...figures.actions.open, ...figures.actions.followUp];
}

/**
 * “Second carrier for next-day SMB deliveries” (A-2026-04; Head of Logistics; open, due 31 Dec
 * 2026): the title quoted, so a sentence can name the action around it.
 * @throws when the review's register has no such action, naming the ones it has
 */
export function buildActionRef(figures: ReviewFigures, id: string, locale: string): string {
  const action = known(figures).find((a) => a.id === id);
  if (!action) {
    const ids = [...new Set(known(figures).map((a) => a.id))];
    throw new Error(
      `<ActionRef id="${id}">: no action "${id}" open or followed up in review ${figures.id} (its actions: ${ids.join(', ') || 'none'})`,
    );
  }
  const due = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${action.due}T00:00:00Z`),
  );
  const status = `${ACTION_STATUS[action.status].toLowerCase()}${action.overdue ? ', overdue' : ''}`;
  return `“${action.title}” (${action.id}; ${action.owner}; ${status}, due ${due})`;
}
