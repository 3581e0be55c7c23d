/**
 * `new-snapshot`'s drafts, validated and computed as an analyst would use them: small exports
 * of the shapes that published wrong numbers (test/fixtures/new-snapshot: a two-level outcome
 * and 0 as "not applicable" on 1–5 ratings; labels in words with their middle points, a comment
 * column without the word "comment", case variants of a level; Chinese comments with
 * placeholders; a French NPS export with no response id), and the shared real datasets. Each
 * expected figure is counted here from the fixture's own cells, independently of the pipeline.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { validateSnapshot } from '../src/build/validate-snapshot.ts';
import { loadReviews } from '../src/build/review-data.ts';
import { ManifestSchema, type Manifest } from '../src/contracts/manifest-schema.ts';
import type { ReviewFigures } from '../src/contracts/figures-schema.ts';
import { readHead } from '../src/reading/csv-reader.ts';
import { guessEncoding, guessSnapshot } from '../src/reading/guess-mapping.ts';
import { isNoAnswer } from '../src/reading/no-answer.ts';
import { ROOT } from './build-site.ts';
import { reference } from './oracles.ts';
import { sharedDataset } from './shared-datasets.ts';
import {
  COMMENT_QUESTION,
  MATRIX_QUESTION,
  MATRIX_ROWS,
  RECOMMEND_QUESTION,
  SOURCE_QUESTION,
  surveyMonkeyExport,
} from './surveymonkey-export.ts';

const FIXTURES = new URL('./fixtures/new-snapshot/', import.meta.url).pathname;

/** The draft new-snapshot writes for these exports (read as the command reads them). */
function draft(paths: readonly string[], id = 'draft') {
  const samples = paths.map((path) => {
    const bytes = readHead(path, 1 << 20);
    const encoding = guessEncoding(bytes);
    return { name: basename(path), text: new TextDecoder(encoding).decode(bytes), encoding };
  });
  const guessed = guessSnapshot(samples, { id });
  return { ...guessed, parsed: ManifestSchema.parse(guessed.manifest) };
}

/** A data folder holding the exports and the manifest, as new-snapshot leaves them. */
function snapshotOf(paths: readonly string[], manifest: object): { dataDir: string; dir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'new-snapshot-'));
  const id = (manifest as { id: string }).id;
  const dir = join(dataDir, id);
  mkdirSync(dir);
  for (const path of paths) copyFileSync(path, join(dir, basename(path)));
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dataDir, dir };
}

/** NPS of 0–10 scores, counted directly: promoters 9–10 minus detractors 0–6, in percent. */
function npsOf(scores: readonly number[]): number {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return (100 * (promoters - detractors)) / scores.length;
}

/** Rows as a CSV export writes them: every cell quoted, CRLF line ends. */
function csvText(rows: ReadonlyArray<readonly string[]>): string {
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  return rows.map((row) => row.map(quote).join(',')).join('\r\n');
}

async function figuresOf(paths: readonly string[], manifest: object): Promise<ReviewFigures> {
  const { dataDir } = snapshotOf(paths, manifest);
  const review = await loadReviews(dataDir, dataDir);
  expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  return review.reviews[0]!;
}

/** The fixture's rows as objects, header → cell. */
function rowsOf(path: string, delimiter = ','): Array<Record<string, string>> {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    delimiter,
    skipEmptyLines: true,
  }).data;
}

const percent = (k: number, n: number) => (100 * k) / n;

describe('a survey with a two-level outcome and 0 as "not applicable" on 1–5 ratings', () => {
  const path = join(FIXTURES, 'airline-two-level.csv');
  const rows = rowsOf(path);
  const { manifest, parsed } = draft([path]);

  it('drafts the outcome as 0–1 and each rating as 1–5 with 0 not applicable', () => {
    expect(parsed.items.satisfaction!.scale).toEqual([0, 1]);
    expect(parsed.tables.survey!.values.satisfaction).toEqual({
      satisfied: 1,
      'neutral or dissatisfied': 0,
    });
    for (const item of ['seat_comfort', 'cleanliness', 'inflight_wifi_service'])
      expect(parsed.items[item]).toMatchObject({ scale: [1, 5], notApplicable: ['0'] });
  });

  it('maps a column of numbers whose header says "time" as a rating, never as a date', () => {
    expect(parsed.tables.survey!.columns.date).toBeUndefined();
    expect(parsed.tables.survey!.columns.departure_arrival_time_convenient).toBe(
      'Departure/Arrival time convenient',
    );
  });

  it('records each assumption that could change a figure; validate warns until it is deleted', async () => {
    const recorded = parsed.assumptions ?? [];
    expect(recorded.some((a) => a.includes('"Seat comfort"') && a.includes('0 as'))).toBe(true);
    expect(recorded.some((a) => a.includes('two-level outcome'))).toBe(true);
    const unconfirmed = async (m: object) =>
      (await validateSnapshot(snapshotOf([path], m).dir)).diagnostics.filter(
        (d) => d.id === 'unconfirmed-assumption',
      );
    const warnings = await unconfirmed(manifest);
    expect(warnings.map((w) => w.level)).toEqual(recorded.map(() => 'warning'));
    expect(warnings[0]!.file).toMatch(/manifest\.json$/);
    expect(await unconfirmed({ ...manifest, assumptions: undefined })).toEqual([]);
  });

  it('gives the CSAT and the rating top-2 counted from the export', async () => {
    const figures = await figuresOf([path], manifest);
    const satisfied = rows.filter((r) => r.satisfaction === 'satisfied').length;
    expect(figures.metrics.csat!.overall.n).toBe(rows.length);
    expect(figures.metrics.csat!.overall.value).toBeCloseTo(percent(satisfied, rows.length), 10);
    const seat = rows.map((r) => Number(r['Seat comfort'])).filter((v) => v !== 0);
    const top2 = seat.filter((v) => v >= 4).length;
    expect(figures.metrics.seat_comfort!.overall.n).toBe(seat.length);
    expect(figures.metrics.seat_comfort!.overall.value).toBeCloseTo(percent(top2, seat.length), 10);
  });
});

describe('a survey written in words, with "Neutral" and "Neither agree nor disagree"', () => {
  const path = join(FIXTURES, 'airline-labels.csv');
  const rows = rowsOf(path);
  const { manifest, parsed } = draft([path]);
  const survey = parsed.tables.survey!;

  it('reads the middle points as scale points and only "Don\'t know" and "N/A" as not applicable', () => {
    expect(survey.values.satisfaction).toMatchObject({ Neutral: 3, Satisfied: 4 });
    expect(parsed.items.satisfaction).toMatchObject({
      scale: [1, 5],
      notApplicable: ["Don't know"],
    });
    expect(survey.values.the_crew_was_helpful).toMatchObject({ 'Neither agree nor disagree': 3 });
    expect(parsed.items.the_crew_was_helpful!.notApplicable).toEqual(['N/A']);
  });

  it('recognises the respondent, customer and comment columns, and day-first dates', () => {
    expect(survey.columns).toMatchObject({
      response_id: 'Respondent',
      customer_id: 'Customer number',
      comment: 'What could we improve?',
      date: 'Submitted',
    });
    expect(survey.format.dateFormat).toBe('DD/MM/YYYY');
  });

  it('drafts "Gold", "GOLD" and "gold" as one level', () => {
    expect(Object.keys(parsed.segments.loyalty_tier!.levels)).toEqual(['Bronze', 'Gold', 'Silver']);
  });

  it('gives the CSAT, the Gold group and the comment count counted from the export', async () => {
    const figures = await figuresOf([path], manifest);
    const answered = rows.filter((r) => r['Overall satisfaction'] !== "Don't know");
    const satisfied = answered.filter((r) =>
      /^(very )?satisfied$/i.test(r['Overall satisfaction']!),
    );
    expect(figures.metrics.csat!.overall.n).toBe(answered.length);
    expect(figures.metrics.csat!.overall.value).toBeCloseTo(
      percent(satisfied.length, answered.length),
      10,
    );
    const gold = answered.filter((r) => r['Loyalty tier']!.toLowerCase() === 'gold');
    expect(figures.metrics.csat!.segments.loyalty_tier!.Gold!.n).toBe(gold.length);
    const comments = rows.filter((r) => {
      const text = r['What could we improve?']!.trim();
      return text !== '' && !['NA', 'N/A', '-', 'none', 'null', 'n/a'].includes(text);
    });
    expect(figures.voice.comments).toBe(comments.length);
  });
});

describe('Chinese comments', () => {
  const path = join(FIXTURES, 'chinese-comments.csv');
  const rows = rowsOf(path);
  const { manifest, parsed } = draft([path]);

  it('counts no placeholder as a comment and finds the themes each comment was written for', async () => {
    expect(parsed.tables.survey!.columns.comment).toBe('Comment');
    const figures = await figuresOf([path], manifest);
    const written = rows.filter((r) => r.Comment !== '' && r['Planted themes'] !== '-');
    expect(figures.voice.comments).toBe(written.length);
    for (const theme of figures.voice.themes) {
      const planted = written.filter((r) => r['Planted themes']!.split('|').includes(theme.theme));
      expect([theme.theme, theme.mentions]).toEqual([theme.theme, planted.length]);
    }
    expect(figures.voice.themes.every((t) => t.mentions > 0)).toBe(true);
  });
});

describe('a French NPS export with a "Ticket" column and no response id', () => {
  const path = join(FIXTURES, 'garden-centre-nps.csv');
  const rows = rowsOf(path, ';');
  const { manifest, parsed } = draft([path]);

  it('is a survey (its NPS column says so), with its columns and format mapped', () => {
    expect(Object.keys(parsed.tables)).toEqual(['survey']);
    const survey = parsed.tables.survey!;
    expect(survey.columns).toMatchObject({
      recommend: 'Note de recommandation (0-10)',
      comment: 'Commentaire',
      customer_id: 'N° client',
      date: 'Date de réponse',
    });
    expect(survey.columns.response_id).toBeUndefined();
    expect(survey.format).toMatchObject({ delimiter: ';', dateFormat: 'DD/MM/YYYY' });
    expect(parsed.items.recommend!.scale).toEqual([0, 10]);
    expect(Object.keys(parsed.segments.magasin!.levels)).toHaveLength(4);
  });

  it('gives the NPS and the comment count counted from the export, with no unconfirmed guess', async () => {
    const report = await validateSnapshot(snapshotOf([path], manifest).dir);
    expect(report.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(parsed.assumptions).toBeUndefined();
    const figures = await figuresOf([path], manifest);
    const scores = rows.map((r) => Number(r['Note de recommandation (0-10)']));
    const nps = percent(
      scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length,
      scores.length,
    );
    expect(figures.metrics.nps!.overall.value).toBeCloseTo(nps, 10);
    const comments = rows.filter((r) => r.Commentaire !== '' && !isNoAnswer(r.Commentaire!));
    expect(figures.voice.comments).toBe(comments.length);
  });
});

const olist = sharedDataset('olist-subset');
const mobi = sharedDataset('mobi');
const telco = sharedDataset('telco', 'Telco-Customer-Churn.csv');

describe.skipIf(!olist.available)(`new-snapshot on the Olist exports${olist.reason}`, () => {
  const files = ['olist_order_reviews_dataset.csv', 'olist_orders_dataset.csv'].map((f) =>
    join(olist.path, f),
  );

  it('maps the stars and the comments, drafts no item from the titles, and gives the reference CSAT', async () => {
    const { manifest, parsed } = draft(files, 'olist');
    const survey = parsed.tables.survey!;
    expect(survey.columns).toMatchObject({
      satisfaction: 'review_score',
      comment: 'review_comment_message',
    });
    expect(parsed.items).toEqual({ satisfaction: { scale: [1, 5], notApplicable: [] } });
    expect(parsed.assumptions).toBeUndefined();
    // The reference keeps the 34 repeated review ids, as the worked example declares.
    const keepAll = structuredClone(manifest) as Manifest;
    keepAll.tables.survey!.duplicateIds = 'keep-all';
    const figures = await figuresOf(files, keepAll);
    const csat = figures.metrics.csat!.overall;
    expect(csat.n).toBe(reference.olist_subset.csat_all.n);
    expect(csat.value! / 100).toBeCloseTo(reference.olist_subset.csat_all.p, 12);
    expect(figures.metrics.csat_mean!.overall.value).toBeCloseTo(
      reference.olist_subset.mean_score,
      12,
    );
  });
});

describe.skipIf(!mobi.available)(`new-snapshot on the ECSI mobi export${mobi.reason}`, () => {
  it('drafts a manifest that validates with nothing to confirm, and the construct-score mean', async () => {
    const path = join(mobi.path, 'mobi.csv');
    const { manifest, parsed } = draft([path], 'mobi');
    expect(parsed.assumptions).toBeUndefined();
    const report = await validateSnapshot(snapshotOf([path], manifest).dir);
    expect(report.diagnostics).toEqual([]);
    // The construct's score is the mean of its three questions, averaged over respondents.
    const rows = rowsOf(path);
    const scores = rows.map((r) => (Number(r.CUSA1) + Number(r.CUSA2) + Number(r.CUSA3)) / 3);
    const figures = await figuresOf([path], manifest);
    expect(figures.metrics.csat_mean!.overall.value).toBeCloseTo(
      scores.reduce((a, b) => a + b, 0) / scores.length,
      12,
    );
  });
});

describe.skipIf(!telco.available)(`new-snapshot on the Telco export${telco.reason}`, () => {
  it('drafts the customer base with nothing to confirm', () => {
    const { parsed } = draft([telco.path], 'telco');
    expect(Object.keys(parsed.tables)).toEqual(['customers']);
    expect(parsed.assumptions).toBeUndefined();
  });
});

describe('an export saved as UTF-16 (Excel\'s "Unicode Text")', () => {
  it('is copied into the snapshot as UTF-8, said, and gives the NPS of its rows', async () => {
    const scores = Array.from({ length: 80 }, (_, i) => (i * 7) % 11);
    const lines = [
      'Réponse\tDate\tNote de recommandation (0-10)\tCommentaire',
      ...scores.map(
        (s, i) =>
          `r${i}\t2026-02-${String((i % 27) + 1).padStart(2, '0')}\t${s}\tTrès bien, livré à l'heure`,
      ),
    ];
    const work = mkdtempSync(join(tmpdir(), 'utf16-'));
    const export16 = join(work, 'enquête.txt');
    writeFileSync(
      export16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')]),
    );
    const out = join(work, 'data', '2026-Q1');
    const run = spawnSync(
      join(ROOT, 'node_modules/.bin/node'),
      [join(ROOT, 'src/cli/new-snapshot.ts'), export16, '--id', '2026-Q1', '--out', out],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(
      'enquête.txt: UTF-16LE (Excel\'s "Unicode Text"), copied into the snapshot as UTF-8',
    );
    expect(readFileSync(join(out, 'enquête.txt'), 'utf8')).toBe(lines.join('\r\n'));
    const review = await loadReviews(join(work, 'data'), work);
    expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(review.reviews[0]!.metrics.nps!.overall.value).toBeCloseTo(npsOf(scores), 12);
  });
});

/** A Qualtrics export's three header rows (codes, question texts, ImportIds), then answers. */
function qualtricsExport(scores: readonly number[]): string {
  const rows = [
    ['StartDate', 'ResponseId', 'Q1', 'Q2', 'Q3_1', 'Q3_2', 'Q4'],
    [
      'Start Date',
      'Response ID',
      'How likely are you to recommend us to a friend or colleague?',
      'Overall, how satisfied are you with us?',
      'Please rate - Product quality',
      'Please rate - Service quality',
      'Any other comments?',
    ],
    ['startDate', '_recordId', 'QID1', 'QID2', 'QID3_1', 'QID3_2', 'QID4_TEXT'].map(
      (id) => `{"ImportId":"${id}"}`,
    ),
    ...scores.map((s, i) => [
      `2026-02-${String((i % 27) + 1).padStart(2, '0')} 10:00:00`,
      `R_${i}`,
      String(s),
      String((i % 5) + 1),
      String(((i + 1) % 5) + 1),
      String(((i + 2) % 5) + 1),
      i % 3 ? 'Delivery was late again' : '',
    ]),
  ];
  return `${csvText(rows)}\r\n`;
}

describe('a Qualtrics export (three header rows)', () => {
  const scores = Array.from({ length: 90 }, (_, i) => (i * 5) % 11);
  const text = qualtricsExport(scores);

  it('drafts the question texts as the header, its items and components, and skips the ImportId row', () => {
    const { manifest, assumptions } = guessSnapshot(
      [{ name: 'qualtrics.csv', text, encoding: 'utf-8' }],
      { id: '2026-Q1' },
    );
    const parsed = ManifestSchema.parse(manifest);
    const survey = parsed.tables.survey!;
    expect(survey.format.headerRow).toBe(2);
    expect(survey.columns).toMatchObject({
      response_id: 'Response ID',
      date: 'Start Date',
      recommend: 'How likely are you to recommend us to a friend or colleague?',
      satisfaction: 'Overall, how satisfied are you with us?',
      comment: 'Any other comments?',
    });
    const components = Object.values(parsed.items).map((item) => item.component);
    expect(components).toEqual(expect.arrayContaining(['product_quality', 'service_quality']));
    expect(assumptions.some((a) => a.includes('a Qualtrics export'))).toBe(true);
  });

  it('gives the NPS of its answers, the ImportId row not counted', async () => {
    const work = mkdtempSync(join(tmpdir(), 'qualtrics-'));
    const file = join(work, 'qualtrics.csv');
    writeFileSync(file, text);
    const { manifest } = draft([file], '2026-Q1');
    const figures = await figuresOf([file], manifest);
    expect(figures.responses).toBe(scores.length);
    expect(figures.metrics.nps!.overall.value).toBeCloseTo(npsOf(scores), 12);
  });
});

describe('a SurveyMonkey export (a row of "Response" under the questions)', () => {
  const scores = Array.from({ length: 70 }, (_, i) => (i * 3) % 11);
  const labels = [
    'Very dissatisfied',
    'Somewhat dissatisfied',
    'Neither satisfied nor dissatisfied',
    'Somewhat satisfied',
    'Very satisfied',
  ];
  const text = csvText([
    [
      'Respondent ID',
      'Start Date',
      'How likely is it that you would recommend this company to a friend or colleague?',
      'Overall, how satisfied or dissatisfied are you with our company?',
      'What could we do better?',
    ],
    ['', '', 'Response', 'Response', 'Open-Ended Response'],
    ...scores.map((s, i) => [
      String(114000 + i),
      `02/${String((i % 27) + 1).padStart(2, '0')}/2026 ${(i % 12) + 1}:04:00 ${i % 2 ? 'PM' : 'AM'}`,
      String(s),
      labels[i % 5]!,
      i % 2 ? 'Faster delivery please' : '',
    ]),
  ]);

  it('drafts its questions, skips the "Response" row, and reads its AM/PM dates', async () => {
    const work = mkdtempSync(join(tmpdir(), 'surveymonkey-'));
    const file = join(work, 'surveymonkey.csv');
    writeFileSync(file, text);
    const { manifest, parsed } = draft([file], '2026-Q1');
    expect(parsed.tables.survey!.columns).toMatchObject({
      response_id: 'Respondent ID',
      date: 'Start Date',
      comment: 'What could we do better?',
    });
    expect(parsed.tables.survey!.format.dateFormat).toBe('MM/DD/YYYY');
    const figures = await figuresOf([file], manifest);
    expect(figures.responses).toBe(scores.length);
    expect(figures.metrics.nps!.overall.value).toBeCloseTo(npsOf(scores), 12);
  });
});

describe('a SurveyMonkey export with a matrix question (labels in its second header row)', () => {
  const exported = surveyMonkeyExport(70);
  const slugOf = (row: string) => row.toLowerCase().replaceAll(' ', '_');

  it('drafts each matrix row as an item under "<question> — <row>", and skips the row', async () => {
    const work = mkdtempSync(join(tmpdir(), 'surveymonkey-matrix-'));
    const file = join(work, 'surveymonkey.csv');
    writeFileSync(file, exported.text);
    const { manifest, parsed, assumptions } = draft([file], '2026-Q1');
    const survey = parsed.tables.survey!;
    expect(survey.format.headerRow).toBe(1);
    expect(survey.columns).toMatchObject({
      response_id: 'Respondent ID',
      recommend: RECOMMEND_QUESTION,
      comment: COMMENT_QUESTION,
      delivery: `${MATRIX_QUESTION} — Delivery`,
      price: `${MATRIX_QUESTION} — Price`,
      customer_service: `${MATRIX_QUESTION} — Customer service`,
    });
    // A matrix row is an aspect labelled by its row, never the overall satisfaction question.
    expect(survey.columns.satisfaction).toBeUndefined();
    expect(MATRIX_ROWS.map((row) => parsed.items[slugOf(row)]?.label)).toEqual([...MATRIX_ROWS]);
    // No column is left without a name, nor named by its label alone.
    expect(survey.format.ignore).not.toContain('');
    expect(survey.format.ignore).toContain(`${SOURCE_QUESTION} — Other (please specify)`);
    expect(assumptions.some((a) => a.includes('named "<question> — <label in row 2>"'))).toBe(true);
    const figures = await figuresOf([file], manifest);
    expect(figures.responses).toBe(exported.recommend.length);
    expect(figures.metrics.nps!.overall.value).toBeCloseTo(npsOf(exported.recommend), 12);
  });
});
