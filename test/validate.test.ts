import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSnapshot } from '../src/build/validate-snapshot.ts';
import { ROOT } from './build-site.ts';

const SOURCE = join(ROOT, 'data/2026-Q3');

/** A copy of a demo snapshot with one defect applied to its survey file or manifest. */
function brokenCopy(defect: (dir: string) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'validate-')), '2026-Q3');
  cpSync(SOURCE, dir, { recursive: true });
  defect(dir);
  return dir;
}

function editSurvey(
  dir: string,
  edit: (lines: string[]) => void,
  encoding: BufferEncoding = 'utf8',
) {
  const path = join(dir, 'survey.csv');
  const lines = readFileSync(path, 'utf8').split('\n');
  edit(lines);
  writeFileSync(path, Buffer.from(lines.join('\n'), encoding));
}

/** Rewrites one row in Latin-1 (with an accented word) while the rest stays valid UTF-8. */
function latin1Row(dir: string, row: number) {
  const path = join(dir, 'survey.csv');
  const lines = readFileSync(path, 'utf8').split('\n');
  const parts = lines.map((line, i) => {
    const text = i === row - 1 ? line.replace(/,([^,]*)$/, ',Très bien') : line;
    return Buffer.from(
      `${text}${i < lines.length - 1 ? '\n' : ''}`,
      i === row - 1 ? 'latin1' : 'utf8',
    );
  });
  writeFileSync(path, Buffer.concat(parts));
}

/** Replaces field `index` of a simple (unquoted) CSV line. */
function setField(line: string, index: number, value: string): string {
  const cells = line.split(',');
  cells[index] = value;
  return cells.join(',');
}

function surveyLine(lines: string[], row: number): number {
  // Demo survey rows have no quoted newlines before row 20, so line index = row − 1.
  expect(row).toBeLessThan(20);
  return row - 1;
}

describe('validateSnapshot on broken copies of a demo snapshot', () => {
  it('a valid snapshot has no errors', async () => {
    const report = await validateSnapshot(SOURCE, ROOT);
    expect(report.ok).toBe(true);
    expect(report.errors).toBe(0);
  });

  it.each([
    [
      'wrong delimiter declared',
      (dir: string) => {
        const path = join(dir, 'manifest.json');
        const m = JSON.parse(readFileSync(path, 'utf8'));
        m.tables.survey.format = { delimiter: ';' };
        writeFileSync(path, JSON.stringify(m));
      },
      'missing-column',
      1,
    ],
    [
      'Latin-1 bytes in a file declared UTF-8',
      (dir: string) => latin1Row(dir, 5),
      'invalid-encoding',
      5,
    ],
    [
      'a 0–100 value in a 0–10 column',
      (dir: string) =>
        editSurvey(dir, (l) => (l[surveyLine(l, 7)] = setField(l[surveyLine(l, 7)]!, 5, '85'))),
      'out-of-scale',
      7,
    ],
    [
      'a missing required column',
      (dir: string) => editSurvey(dir, (l) => (l[0] = l[0]!.replace('Response ID', 'Respondent'))),
      'missing-column',
      1,
    ],
    [
      'a duplicate id',
      (dir: string) =>
        editSurvey(
          dir,
          (l) =>
            (l[surveyLine(l, 9)] = setField(
              l[surveyLine(l, 9)]!,
              0,
              l[surveyLine(l, 3)]!.split(',')[0]!,
            )),
        ),
      'duplicate-id',
      9,
    ],
    [
      'a date outside the period',
      (dir: string) =>
        editSurvey(
          dir,
          (l) => (l[surveyLine(l, 4)] = setField(l[surveyLine(l, 4)]!, 2, '2025-01-15')),
        ),
      'date-outside-period',
      4,
    ],
    [
      'a quoted field never closed',
      // Row 7 has no quotes; the stray quote runs into the quoted comment of row 9.
      (dir: string) =>
        editSurvey(
          dir,
          (l) => (l[surveyLine(l, 7)] = setField(l[surveyLine(l, 7)]!, 16, '"never closed')),
        ),
      'unclosed-quote',
      7,
    ],
  ])('%s is reported with its id and row, never a crash', async (_name, defect, id, row) => {
    const report = await validateSnapshot(brokenCopy(defect), ROOT);
    const found = report.diagnostics.find((d) => d.id === id);
    expect(found, JSON.stringify(report.diagnostics.slice(0, 5))).toBeDefined();
    expect(found!.row).toBe(row);
  });

  it('a 0–100 column is recognised as another scale', async () => {
    const dir = brokenCopy((d) =>
      editSurvey(d, (l) => {
        for (let i = 1; i < 15; i++) l[i] = setField(l[i]!, 5, String(40 + i * 3));
      }),
    );
    const report = await validateSnapshot(dir, ROOT);
    const mismatch = report.diagnostics.find((d) => d.id === 'scale-mismatch');
    expect(mismatch).toMatchObject({
      level: 'warning',
      column: 'How likely are you to recommend us to a friend or colleague? (0-10)',
    });
    expect(mismatch!.message).toContain('0–100');
  });

  it('npm run validate prints a table, JSON with --json, and exits 1 on errors', () => {
    const dir = brokenCopy((d) =>
      editSurvey(d, (l) => (l[surveyLine(l, 7)] = setField(l[surveyLine(l, 7)]!, 5, '85'))),
    );
    const run = (args: string[]) =>
      spawnSync(join(ROOT, 'node_modules/.bin/node'), ['src/cli/validate.ts', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const table = run([dir]);
    expect(table.status).toBe(1);
    expect(table.stdout).toContain('ERROR');
    expect(table.stdout).toContain('[out-of-scale]');
    const json = run([dir, '--json']);
    expect(json.status).toBe(1);
    const parsed = JSON.parse(json.stdout) as {
      ok: boolean;
      errors: number;
      diagnostics: Array<{ id: string; row: number }>;
    };
    expect(parsed.ok).toBe(false);
    expect(parsed.errors).toBe(1);
    expect(parsed.diagnostics.find((d) => d.id === 'out-of-scale')!.row).toBe(7);
    expect(run([]).status).toBe(2);
    expect(run([SOURCE]).status).toBe(0);
  });
});
