import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../test/build-site.ts';
import { frozenOf } from '../../../test/frozen-of.ts';
import { buildActionRef } from './build-action-ref.ts';

/** The demo's latest published review, as its page renders it. */
const q3 = () => frozenOf(join(ROOT, 'reports/2026-Q3/v1.figures.json'));

describe('buildActionRef(figures, id)', () => {
  it('cites an action by its title, id, owner, status and due date, overdue said', () => {
    const figures = q3();
    const desk = figures.actions.open.find((a) => a.id === 'A-2026-03')!;
    expect(desk.overdue).toBe(true);
    expect(buildActionRef(figures, 'A-2026-03', 'en-GB')).toBe(
      `“${desk.title}” (A-2026-03; ${desk.owner}; in progress, overdue, due 30 Sept 2026)`,
    );
    // An action of last review's follow-up that is no longer open resolves too.
    const done = figures.actions.followUp.find((a) => a.status === 'done')!;
    expect(buildActionRef(figures, done.id, 'en-GB')).toContain(`“${done.title}” (${done.id};`);
  });

  it('names the actions the review knows when the id is unknown', () => {
    expect(() => buildActionRef(q3(), 'A-1999-01', 'en-GB')).toThrow(
      /no action "A-1999-01" open or followed up in review 2026-Q3 \(its actions: A-2026-02/,
    );
  });
});
