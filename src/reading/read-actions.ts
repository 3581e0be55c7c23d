/**
 * Reads the improvement-action register `data/actions.csv` with the same diagnostics as a
 * snapshot: file, row, column, value, what is wrong and what to do, all at once.
 */
import { existsSync } from 'node:fs';
import {
  ACTION_COLUMNS,
  ACTION_STATUSES,
  ActionSchema,
  type Action,
} from '../contracts/action-schema.ts';
import { readCsv } from './csv-reader.ts';
import { diagnostic, type Diagnostic } from './diagnostics.ts';

export interface ActionsLoadResult {
  actions: Action[];
  /** Action id → its row in the file, for diagnostics found later (an unknown metric). */
  rows: Map<string, number>;
  diagnostics: Diagnostic[];
}

const HINTS: Partial<Record<keyof Action, string>> = {
  due: 'write the due date as YYYY-MM-DD',
  status: `use one of: ${ACTION_STATUSES.join(', ')}`,
  segment: 'write the group as dimension=level, e.g. customer_group=SMB, or leave it empty',
};

/**
 * @param path absolute path of actions.csv (a missing file means "no actions yet", not an error)
 * @param displayPath path shown in diagnostics
 * @param snapshotIds known snapshot ids, to check `opened_in`
 */
export async function readActions(
  path: string,
  displayPath: string,
  snapshotIds: readonly string[],
): Promise<ActionsLoadResult> {
  const diagnostics: Diagnostic[] = [];
  const actions: Action[] = [];
  if (!existsSync(path)) return { actions, rows: new Map(), diagnostics };
  let header: string[] = [];
  const seen = new Map<string, number>();
  const result = await readCsv(
    path,
    displayPath,
    { encoding: 'utf-8', headerRow: 1 },
    (h) => {
      header = h;
      for (const column of [
        'id',
        'title',
        'owner',
        'opened_in',
        'due',
        'status',
        'metric',
      ] as const) {
        if (!h.includes(column)) {
          diagnostics.push(
            diagnostic('missing-column', {
              file: displayPath,
              row: 1,
              column,
              message: `the action register needs a "${column}" column`,
              hint: `use the header: ${ACTION_COLUMNS.join(',')}`,
            }),
          );
        }
      }
    },
    (record, row) => {
      const cells = record.fields();
      const raw: Record<string, string | undefined> = {};
      header.forEach((h, i) => {
        const v = cells[i]?.trim();
        if ((ACTION_COLUMNS as string[]).includes(h) && v) raw[h] = v;
      });
      const parsed = ActionSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const column = String(issue.path[0] ?? '');
          diagnostics.push(
            diagnostic('invalid-action', {
              file: displayPath,
              row,
              column,
              value: raw[column],
              message: raw[column] === undefined ? `${column} is required` : issue.message,
              hint: HINTS[column as keyof Action] ?? 'fill in the cell',
            }),
          );
        }
        return;
      }
      const action = parsed.data;
      const problems: Array<[keyof Action, string, string]> = [];
      if (seen.has(action.id))
        problems.push([
          'id',
          `id already used in row ${seen.get(action.id)}`,
          'give each action its own id',
        ]);
      if (!snapshotIds.includes(action.opened_in)) {
        problems.push([
          'opened_in',
          'no snapshot with this id',
          `use one of: ${snapshotIds.join(', ')}`,
        ]);
      }
      for (const [column, message, hint] of problems) {
        diagnostics.push(
          diagnostic('invalid-action', {
            file: displayPath,
            row,
            column,
            value: String(action[column]),
            message,
            hint,
          }),
        );
      }
      if (problems.length === 0) {
        seen.set(action.id, row);
        actions.push(action);
      }
    },
  );
  for (const d of result.diagnostics) diagnostics.push(d);
  return { actions, rows: seen, diagnostics };
}
