/**
 * A SurveyMonkey CSAT export as its "expanded" CSV comes: two header rows, the question texts
 * then "Response" / "Open-Ended Response" under questions of one column, and under questions of
 * several columns (a matrix rating three aspects on 1–5, the "Other (please specify)" column of
 * a choice) the label of each column, their question's text only over its first column.
 */

/** The matrix question, over its three columns. */
export const MATRIX_QUESTION = 'How satisfied are you with each of the following?';
/** The matrix's rows, in column order. */
export const MATRIX_ROWS = ['Delivery', 'Price', 'Customer service'] as const;
export const RECOMMEND_QUESTION =
  'How likely is it that you would recommend this company to a friend or colleague?';
export const SOURCE_QUESTION = 'Where did you hear about us?';
export const COMMENT_QUESTION = 'Is there anything else you would like to tell us?';

const METADATA = [
  'Respondent ID',
  'Collector ID',
  'Start Date',
  'End Date',
  'IP Address',
  'Email Address',
  'First Name',
  'Last Name',
  'Custom Data 1',
];

export interface SurveyMonkeyExport {
  /** The CSV file's text: every cell quoted, CRLF line ends. */
  text: string;
  /** The 0–10 answers, one per respondent. */
  recommend: number[];
  /** Matrix row → its 1–5 answers (NaN where the respondent skipped it). */
  matrix: Record<(typeof MATRIX_ROWS)[number], number[]>;
}

/** `respondents` answers, deterministic, some matrix rows skipped. */
export function surveyMonkeyExport(respondents: number): SurveyMonkeyExport {
  const header = [
    ...METADATA,
    RECOMMEND_QUESTION,
    MATRIX_QUESTION,
    '',
    '',
    SOURCE_QUESTION,
    '',
    COMMENT_QUESTION,
  ];
  const labels = [
    ...METADATA.map(() => ''),
    'Response',
    ...MATRIX_ROWS,
    'Response',
    'Other (please specify)',
    'Open-Ended Response',
  ];
  const recommend: number[] = [];
  const matrix = { Delivery: [] as number[], Price: [] as number[], 'Customer service': [] };
  const rows: string[][] = [];
  for (let i = 0; i < respondents; i++) {
    const score = (i * 7) % 11;
    // Each aspect its own pattern on 1–5, one in seven of the Price answers skipped.
    const rated = [(i % 5) + 1, i % 7 === 3 ? NaN : ((i * 3) % 5) + 1, ((i * 2 + 1) % 5) + 1];
    recommend.push(score);
    MATRIX_ROWS.forEach((row, k) => (matrix[row] as number[]).push(rated[k]!));
    const day = String((i % 27) + 1).padStart(2, '0');
    rows.push([
      String(114_000_000 + i),
      '431234567',
      `02/${day}/2026 ${(i % 12) + 1}:04:00 ${i % 2 ? 'PM' : 'AM'}`,
      `02/${day}/2026 ${(i % 12) + 1}:09:00 ${i % 2 ? 'PM' : 'AM'}`,
      `203.0.113.${i % 250}`,
      '',
      '',
      '',
      '',
      String(score),
      ...rated.map((r) => (Number.isNaN(r) ? '' : String(r))),
      i % 4 === 3 ? '' : ['A friend', 'An advert', 'A search engine'][i % 3]!,
      i % 4 === 3 ? 'A podcast' : '',
      i % 3 === 0 ? 'Delivery was late twice' : '',
    ]);
  }
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const text = [header, labels, ...rows].map((row) => row.map(quote).join(',')).join('\r\n');
  return { text: `${text}\r\n`, recommend, matrix };
}

/** The manifest an analyst writes for the export, the matrix's rows by their joined names. */
export function surveyMonkeyManifest(): Record<string, unknown> {
  return {
    id: '2026-Q1',
    period: 'Q1 2026',
    start: '2026-01-01',
    end: '2026-03-31',
    segments: {},
    items: {
      recommend: { scale: [0, 10] },
      delivery: { label: 'Delivery', scale: [1, 5] },
      price: { label: 'Price', scale: [1, 5] },
      customer_service: { label: 'Customer service', scale: [1, 5] },
    },
    tables: {
      survey: {
        file: 'survey.csv',
        columns: {
          response_id: 'Respondent ID',
          recommend: RECOMMEND_QUESTION,
          delivery: `${MATRIX_QUESTION} — Delivery`,
          price: `${MATRIX_QUESTION} — Price`,
          customer_service: `${MATRIX_QUESTION} — Customer service`,
          comment: COMMENT_QUESTION,
        },
        format: {
          ignore: [
            ...METADATA.filter((h) => h !== 'Respondent ID'),
            SOURCE_QUESTION,
            `${SOURCE_QUESTION} — Other (please specify)`,
          ],
        },
      },
    },
  };
}

/** The mean of the answers, skipped ones (NaN) left out. */
export function meanOf(answers: readonly number[]): number {
  const given = answers.filter((a) => !Number.isNaN(a));
  return given.reduce((sum, a) => sum + a, 0) / given.length;
}
