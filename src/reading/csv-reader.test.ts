import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnNames, isSubHeaderRow, readCsv } from './csv-reader.ts';

/**
 * A SurveyMonkey export's first two rows, column by column (question, label under it): metadata,
 * a question of one column, a matrix of three, a question with an "Other" box, a comment.
 */
const COLUMNS: Array<[question: string, label: string]> = [
  ['Respondent ID', ''],
  ['Start Date', ''],
  ['How likely are you to recommend us?', 'Response'],
  ['How satisfied are you with…', 'Delivery'],
  ['', 'Price'],
  ['', 'Customer service'],
  ['Where did you hear about us?', 'Response'],
  ['', 'Other (please specify)'],
  ['Any other comments?', 'Open-Ended Response'],
];
const HEADER = COLUMNS.map(([question]) => question);
const LABELS = COLUMNS.map(([, label]) => label);

describe('isSubHeaderRow(cells, header)', () => {
  it("takes SurveyMonkey's row of labels under questions of several columns", () => {
    expect(isSubHeaderRow(LABELS, HEADER)).toBe(true);
  });

  it('takes a label under the first column of a question of several columns', () => {
    expect(isSubHeaderRow(['', 'Response', 'Delivery', 'Price'], ['Id', 'Q1', 'Rate', ''])).toBe(
      true,
    );
  });

  it('takes a row of "Response" alone, header or not (as before)', () => {
    expect(isSubHeaderRow(['', 'Response', 'Open-Ended Response'])).toBe(true);
    expect(isSubHeaderRow(['', 'Response', 'Open-Ended Response'], ['Id', 'Q1', 'Q2'])).toBe(true);
  });

  it('takes a Qualtrics ImportId row', () => {
    const ids = ['{"ImportId":"startDate"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2_1"}'];
    expect(isSubHeaderRow(ids, ['Start Date', 'Recommend?', 'Rate - Delivery'])).toBe(true);
  });

  it('leaves a data row with "Response" in one cell among numbers as data', () => {
    const header = ['Id', 'Recommend', 'Satisfaction', 'Channel', 'Effort'];
    expect(isSubHeaderRow(['R1', '9', '4', 'Response', '2'], header)).toBe(false);
    // Even under a question of several columns, a number under a question of one is data.
    expect(
      isSubHeaderRow(
        LABELS.map((c, i) => (i === 2 ? '9' : c)),
        HEADER,
      ),
    ).toBe(false);
  });

  it('leaves labels as data without the header, or with no "Response" beside them', () => {
    expect(isSubHeaderRow(LABELS)).toBe(false);
    expect(isSubHeaderRow(['', '', '', 'Delivery', 'Price', 'Customer service'], HEADER)).toBe(
      false,
    );
  });

  it('never takes a row-index column (an empty first header) for a question', () => {
    expect(isSubHeaderRow(['1', 'Response', 'x'], ['', 'Channel', 'Note'])).toBe(false);
  });

  it('is false for a blank row', () => {
    expect(isSubHeaderRow(['', ' ', ''], HEADER)).toBe(false);
  });
});

describe('columnNames(header, subHeader)', () => {
  it('names a column of a question of several columns "<question> — <label>"', () => {
    expect(columnNames(HEADER, LABELS)).toEqual([
      'Respondent ID',
      'Start Date',
      'How likely are you to recommend us?',
      'How satisfied are you with… — Delivery',
      'How satisfied are you with… — Price',
      'How satisfied are you with… — Customer service',
      'Where did you hear about us?',
      'Where did you hear about us? — Other (please specify)',
      'Any other comments?',
    ]);
  });

  it('keeps the header of a row of "Response" alone, and of a Qualtrics export', () => {
    const header = ['Id', 'Q1', 'Q2'];
    expect(columnNames(header, ['', 'Response', 'Open-Ended Response'])).toEqual(header);
    const qualtrics = ['Start Date', 'Rate - Delivery', ''];
    const ids = ['{"ImportId":"startDate"}', '{"ImportId":"QID2_1"}', '{"ImportId":"QID2_2"}'];
    expect(columnNames(qualtrics, ids)).toEqual(qualtrics);
  });
});

/** The header readCsv hands over for `text`, and the rows it reads as data. */
async function read(text: string): Promise<{ header: string[]; rows: number[] }> {
  const path = join(mkdtempSync(join(tmpdir(), 'csv-reader-')), 'survey.csv');
  writeFileSync(path, text);
  let header: string[] = [];
  const rows: number[] = [];
  await readCsv(
    path,
    'survey.csv',
    { encoding: 'utf-8', headerRow: 1 },
    (h) => (header = h),
    (_, row) => rows.push(row),
  );
  return { header, rows };
}

describe('readCsv(path, …) and a second header row', () => {
  it("names the columns by SurveyMonkey's labels and skips their row", async () => {
    const text = [HEADER, LABELS, ['R1', '', '9', '4', '3', '5', 'A friend', '', 'ok']]
      .map((row) => row.map((c) => `"${c}"`).join(','))
      .join('\n');
    expect(await read(text)).toEqual({ header: columnNames(HEADER, LABELS), rows: [3] });
  });

  it('reads a first row with "Response" among numbers as data', async () => {
    expect(await read('Id,Recommend,Channel\nR1,9,Response\nR2,7,Email\n')).toEqual({
      header: ['Id', 'Recommend', 'Channel'],
      rows: [2, 3],
    });
  });

  it('hands over the header of a file without rows', async () => {
    expect(await read('Id,Recommend\n')).toEqual({ header: ['Id', 'Recommend'], rows: [] });
  });
});
