import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readActions } from '../src/reading/read-actions.ts';

const HEADER = 'id,title,owner,opened_in,due,status,metric,segment,finding';

async function load(lines: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'actions-'));
  const path = join(dir, 'actions.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return readActions(path, 'data/actions.csv', ['2026-Q2', '2026-Q3']);
}

describe('readActions', () => {
  it('reads valid rows', async () => {
    const { actions, diagnostics } = await load([
      HEADER,
      'A1,Fix delivery,Ops,2026-Q2,2026-09-30,open,nps,customer_group=SMB,decline:nps',
    ]);
    expect(diagnostics).toEqual([]);
    expect(actions[0]).toMatchObject({ id: 'A1', segment: 'customer_group=SMB', status: 'open' });
  });

  it('reports every bad cell with its row and column', async () => {
    const { actions, diagnostics } = await load([
      HEADER,
      'A1,Fix delivery,Ops,2026-Q2,30/09/2026,open,nps,,',
      'A2,Train agents,,2026-Q2,2026-09-30,started,csat,,',
      'A3,Call back,CS,2025-Q4,2026-09-30,open,npx,,',
      'A3,Duplicate,CS,2026-Q2,2026-09-30,open,nps,,',
    ]);
    expect(actions.map((a) => a.id)).toEqual(['A3']);
    expect(diagnostics.map((d) => [d.id, d.row, d.column])).toEqual([
      ['invalid-action', 2, 'due'],
      ['invalid-action', 3, 'owner'],
      ['invalid-action', 3, 'status'],
      ['invalid-action', 4, 'opened_in'],
    ]);
    // An unknown metric id ("npx") is found when the review it was opened in is computed
    // (its metrics depend on its questionnaire): test/loader.test.ts.
  });

  it('flags a repeated id', async () => {
    const { diagnostics } = await load([
      HEADER,
      'A1,One,Ops,2026-Q2,2026-09-30,open,nps,,',
      'A1,Two,Ops,2026-Q2,2026-09-30,open,nps,,',
    ]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ id: 'invalid-action', row: 3, column: 'id' });
  });

  it('a missing register is no actions, not an error', async () => {
    const result = await readActions('/nonexistent/actions.csv', 'data/actions.csv', []);
    expect(result).toEqual({ actions: [], rows: new Map(), diagnostics: [] });
  });
});
