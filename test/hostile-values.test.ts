/**
 * The hostile corpus of values: snapshots with one implausible or misread value each (huge and
 * negative amounts, wrong encodings, zero counts, blank segments, unknown references), each with
 * its expected outcome (diagnostic id, level, row and column, and what the figures do with
 * it); then diagnostics at volume: a million bad cells, and every command that loads a
 * snapshot on one with 120k problems.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { finishDraft } from '../src/cli/finish-draft.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReviews, type ReviewData } from '../src/build/review-data.ts';
import { formatValidationTable, validateSnapshot } from '../src/build/validate-snapshot.ts';
import { CliError } from '../src/cli/cli-support.ts';
import { newReport, publishReport } from '../src/cli/report-workflow.ts';
import { writeLines } from '../src/cli/write-lines.ts';
import { NEGATIVE_AMOUNT_STATUS, REFUND_STATUS } from '../src/contracts/fields.ts';
import { ReviewFiguresSchema } from '../src/contracts/figures-schema.ts';
import {
  diagnosticCounts,
  formatReport,
  KEPT_PER_KIND,
  type Diagnostic,
} from '../src/reading/diagnostics.ts';
import { reduceSnapshot } from '../src/reducing/reduce-snapshot.ts';
import { memoryEffects } from './memory-effects.ts';
import {
  baseManifest,
  manifestWithSurveyColumns,
  SURVEY_HEADER,
  validRows,
  writeSnapshot,
} from './snapshot-builder.ts';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

/** A survey of 40 valid responses from customers C1–C40. */
const SURVEY = csv(
  'Response ID,Customer,Date,Group,Recommend,Satisfaction,Comment',
  ...Array.from(
    { length: 40 },
    (_, i) => `R${i + 1},C${i + 1},2026-02-01,${i % 2 ? 'A' : 'B'},${i % 11},${(i % 5) + 1},ok`,
  ),
);
const ORDERS_HEADER = 'Order,Customer,Date,Amount,Status';
/** Orders O1–O40, one per customer C1–C40, 100.50 each. */
const orderRows = () =>
  Array.from({ length: 40 }, (_, i) => `O${i + 1},C${i + 1},2026-02-0${(i % 9) + 1},100.50,done`);
const TICKETS_HEADER = 'Ticket,Customer,Order,Opened,Category';
const ticketRows = () =>
  Array.from({ length: 10 }, (_, i) => `T${i + 1},C${i + 1},O${i + 1},2026-02-10 09:00,Delivery`);
const CUSTOMERS = csv(
  'Customer,Churned',
  ...Array.from({ length: 40 }, (_, i) => `C${i + 1},${i % 4 ? 'No' : 'Yes'}`),
);

/** The base manifest with orders, tickets and customers, and `orders` settings. */
function fullManifest(orders: Record<string, unknown> = {}): Record<string, unknown> {
  const manifest = baseManifest('2026-Q1');
  const tables = manifest.tables as Record<string, unknown>;
  const survey = tables.survey as { columns: Record<string, string> };
  survey.columns = { ...survey.columns, customer_id: 'Customer' };
  tables.orders = {
    file: 'orders.csv',
    columns: {
      order_id: 'Order',
      customer_id: 'Customer',
      date: 'Date',
      amount: 'Amount',
      status: 'Status',
    },
  };
  tables.tickets = {
    file: 'tickets.csv',
    columns: {
      ticket_id: 'Ticket',
      customer_id: 'Customer',
      order_id: 'Order',
      opened: 'Opened',
      category: 'Category',
    },
  };
  tables.customers = {
    file: 'customers.csv',
    columns: { customer_id: 'Customer', churned: 'Churned' },
  };
  manifest.orders = orders;
  return manifest;
}

interface Files {
  orders?: string[];
  tickets?: string[];
  customers?: string;
  survey?: string;
}

async function loadFull(files: Files = {}, orders: Record<string, unknown> = {}) {
  const { dataDir } = writeSnapshot(
    {
      'survey.csv': files.survey ?? SURVEY,
      'orders.csv': csv(ORDERS_HEADER, ...(files.orders ?? orderRows())),
      'tickets.csv': csv(TICKETS_HEADER, ...(files.tickets ?? ticketRows())),
      'customers.csv': files.customers ?? CUSTOMERS,
    },
    fullManifest(orders),
  );
  return loadReviews(dataDir, dataDir);
}

/** The diagnostics other than the figures' notes on small groups and response rates. */
function problems(review: ReviewData): Diagnostic[] {
  return review.diagnostics.filter(
    (d) => d.id !== 'segment-below-minimum-base' && d.id !== 'low-response-rate',
  );
}

/** id, level, file name, row and column of each diagnostic: what each case expects. */
function located(diagnostics: readonly Diagnostic[]) {
  return diagnostics.map((d) => [d.id, d.level, d.file.split('/').at(-1), d.row, d.column]);
}

const withOrder = (row: string) => [...orderRows().slice(0, 39), row];

describe('hostile values: amounts', () => {
  it('a valid snapshot with every table has no problem (the baseline of the cases below)', async () => {
    const review = await loadFull();
    expect(problems(review)).toEqual([]);
    expect(review.reviews[0]!.behaviour!.revenue).toBeCloseTo(4020, 6);
  });

  it.each([
    ['a 400-digit amount', '9'.repeat(400)],
    ['a 16-digit amount', '1234567890123456'],
    ['a 20-digit negative amount', `-${'1'.repeat(20)}`],
  ])('%s is an error at its cell, never Infinity', async (_, amount) => {
    const review = await loadFull({ orders: withOrder(`O40,C40,2026-02-01,${amount},done`) });
    expect(located(problems(review))).toEqual([
      ['number-out-of-range', 'error', 'orders.csv', 41, 'Amount'],
    ]);
    expect(review.reviews).toEqual([]);
  });

  it('an amount of 15 significant digits is read exactly', async () => {
    const review = await loadFull({
      orders: withOrder('O40,C40,2026-02-01,123456789012.345,done'),
    });
    expect(problems(review)).toEqual([]);
    expect(review.reviews[0]!.behaviour!.revenue).toBeCloseTo(39 * 100.5 + 123456789012.345, 3);
  });

  it('an amount beyond the declared maxAmount is an error; one at it is read', async () => {
    const over = await loadFull(
      { orders: withOrder('O40,C40,2026-02-01,250000,done') },
      { maxAmount: 100_000 },
    );
    expect(located(problems(over))).toEqual([
      ['number-out-of-range', 'error', 'orders.csv', 41, 'Amount'],
    ]);
    const at = await loadFull(
      { orders: withOrder('O40,C40,2026-02-01,100000,done') },
      { maxAmount: 100_000 },
    );
    expect(problems(at)).toEqual([]);
  });

  it('an undeclared negative amount is a located warning; its order is left out of orders and revenue', async () => {
    const review = await loadFull({ orders: withOrder('O40,C40,2026-02-01,-100.50,done') });
    expect(located(problems(review))).toEqual([
      ['negative-amount', 'warning', 'orders.csv', 41, 'Amount'],
    ]);
    const behaviour = review.reviews[0]!.behaviour!;
    expect(behaviour.orders).toBe(39);
    expect(behaviour.revenue).toBeCloseTo(39 * 100.5, 6);
    expect(behaviour.excludedOrders).toEqual({ [NEGATIVE_AMOUNT_STATUS]: 1 });
  });

  it('declared refunds are accepted without a warning and counted apart, never netted', async () => {
    const review = await loadFull(
      { orders: withOrder('O40,C40,2026-02-01,-100.50,done') },
      { negativeAmounts: 'refund' },
    );
    expect(problems(review)).toEqual([]);
    const behaviour = review.reviews[0]!.behaviour!;
    expect(behaviour.orders).toBe(39);
    expect(behaviour.revenue).toBeCloseTo(39 * 100.5, 6);
    expect(behaviour.excludedOrders).toEqual({ [REFUND_STATUS]: 1 });
  });

  it('a negative amount on an order of an excluded status raises nothing (it counts nowhere)', async () => {
    const review = await loadFull({ orders: withOrder('O40,C40,2026-02-01,-100.50,Cancelled') });
    expect(problems(review)).toEqual([]);
    expect(review.reviews[0]!.behaviour!.excludedOrders).toEqual({ cancelled: 1 });
  });
});

describe('hostile values: encodings', () => {
  const comments = ['Très bien', 'Crème brûlée', 'ok'];
  const survey = (encode: (text: string) => Buffer) =>
    Buffer.concat([
      Buffer.from(`${SURVEY_HEADER}\n`),
      ...validRows(40).map((row, i) =>
        Buffer.concat([encode(row.replace(/ok$/, comments[i % 3]!)), Buffer.from('\n')]),
      ),
    ]);
  /** Code page 850's bytes for the letters these comments use. */
  const cp850 = (text: string) =>
    Buffer.from([...text].map((ch) => ({ è: 0x8a, û: 0x96, é: 0x82 })[ch] ?? ch.charCodeAt(0)));
  const declared = (encoding: string) => {
    const manifest = baseManifest('2026-Q1');
    (manifest.tables as { survey: Record<string, unknown> }).survey.format = { encoding };
    return manifest;
  };
  const load = (files: Record<string, Buffer>, manifest: Record<string, unknown>) =>
    loadReviews(writeSnapshot(files, manifest).dataDir, writeSnapshot(files, manifest).dataDir);

  it.each(['windows-1252', 'latin1'])(
    'UTF-8 bytes in a file declared %s are a located warning that names UTF-8',
    async (encoding) => {
      const review = await load(
        { 'survey.csv': survey((t) => Buffer.from(t, 'utf8')) },
        declared(encoding),
      );
      const found = problems(review);
      expect(located(found)).toEqual([
        ['encoding-mismatch', 'warning', 'survey.csv', 2, 'Comment'],
      ]);
      expect(found[0]!.value).toBe('TrÃ¨s bien');
      expect(found[0]!.message).toContain('"Très bien"');
      expect(found[0]!.hint).toContain('"utf-8"');
    },
  );

  it('a file truly in windows-1252 raises nothing', async () => {
    const review = await load(
      { 'survey.csv': survey((t) => Buffer.from(t, 'latin1')) },
      declared('windows-1252'),
    );
    expect(problems(review)).toEqual([]);
  });

  it('CP850 bytes in a file declared latin1 are a located warning that names CP850', async () => {
    const review = await load({ 'survey.csv': survey(cp850) }, declared('latin1'));
    const found = problems(review);
    expect(located(found)).toEqual([['encoding-mismatch', 'warning', 'survey.csv', 2, 'Comment']]);
    expect(found[0]!.message).toContain('"Très bien"');
    expect(found[0]!.hint).toContain('CP850');
  });

  it('CP850 bytes in a file declared UTF-8 are invalid bytes whose fix names CP850', async () => {
    const review = await load({ 'survey.csv': survey(cp850) }, baseManifest('2026-Q1'));
    const found = problems(review);
    expect(located(found)).toEqual([['invalid-encoding', 'error', 'survey.csv', 2, 'Comment']]);
    expect(found[0]!.hint).toContain('CP850');
  });
});

describe('hostile values: manifest counts and segment cells', () => {
  it.each(['population', 'invitations'] as const)(
    'a %s of 0 is a located manifest error, not a crash of validate or the build',
    async (key) => {
      const manifest = baseManifest('2026-Q1');
      const segments = manifest.segments as Record<string, { levels: Record<string, object> }>;
      segments.group!.levels.A = { population: 100, invitations: 50, [key]: 0 };
      manifest.weighting = { method: 'poststratify', dimensions: ['group'] };
      const { dataDir, dir } = writeSnapshot(
        { 'survey.csv': csv(SURVEY_HEADER, ...validRows(60)) },
        manifest,
      );
      const review = await loadReviews(dataDir, dataDir);
      expect(located(problems(review))).toEqual([
        ['zero-count', 'error', 'manifest.json', 10, `segments.group.levels.A.${key}`],
      ]);
      const report = await validateSnapshot(dir, dataDir);
      expect(report.diagnostics.map((d) => d.id)).toEqual(['zero-count']);
    },
  );

  it('a segment cell of spaces is a located warning per cell; the response counts overall, in no group', async () => {
    const rows = validRows(60);
    rows[4] = rows[4]!.replace(/,[AB],/, ',   ,');
    rows[9] = rows[9]!.replace(/,[AB],/, ',"  ",');
    const review = await loadReviews(
      writeSnapshot({ 'survey.csv': csv(SURVEY_HEADER, ...rows) }).dataDir,
      '/',
    );
    expect(located(problems(review))).toEqual([
      ['blank-segment', 'warning', 'survey.csv', 6, 'Group'],
      ['blank-segment', 'warning', 'survey.csv', 11, 'Group'],
    ]);
    const figures = review.reviews[0]!;
    expect(figures.responses).toBe(60);
    const rates = figures.responseRates.group!;
    expect(rates.A!.responses + rates.B!.responses).toBe(58);
  });
});

describe('hostile values: references between tables', () => {
  /** Tickets T1–T10 of which `bad` name an order and a customer the snapshot does not have. */
  const tickets = (bad: number) =>
    ticketRows().map((row, i) => (i < 10 - bad ? row : row.replace(/C\d+,O\d+/, `X${i},Z${i}`)));
  it('tickets naming unknown customers and orders give one warning per column with the count', async () => {
    const review = await loadFull({ tickets: tickets(3) });
    const found = problems(review);
    expect(located(found)).toEqual([
      ['unknown-reference', 'warning', 'tickets.csv', 9, 'Customer'],
      ['unknown-reference', 'warning', 'tickets.csv', 9, 'Order'],
    ]);
    expect(found.map((d) => d.value)).toEqual(['X7', 'Z7']);
    expect(found[1]!.message).toMatch(/^3 tickets name 3 orders /);
  });

  it('a survey file that starts with Excel\'s "sep=" line is one error saying how to declare it; declared, it is read', async () => {
    const withSep = `sep=;\n${SURVEY.replaceAll(',', ';')}`;
    const manifest = fullManifest();
    const survey = (manifest.tables as Record<string, { format?: Record<string, unknown> }>)
      .survey!;
    const { dataDir } = writeSnapshot(
      {
        'survey.csv': withSep,
        'orders.csv': csv(ORDERS_HEADER, ...orderRows()),
        'tickets.csv': csv(TICKETS_HEADER, ...ticketRows()),
        'customers.csv': CUSTOMERS,
      },
      manifest,
    );
    const refused = problems(await loadReviews(dataDir, dataDir));
    expect(located(refused)).toEqual([['excel-sep-line', 'error', 'survey.csv', 1, undefined]]);
    expect(refused[0]!.hint).toContain('"format": { "headerRow": 2, "delimiter": ";" }');
    survey.format = { headerRow: 2, delimiter: ';' };
    const declared = writeSnapshot(
      {
        'survey.csv': withSep,
        'orders.csv': csv(ORDERS_HEADER, ...orderRows()),
        'tickets.csv': csv(TICKETS_HEADER, ...ticketRows()),
        'customers.csv': CUSTOMERS,
      },
      manifest,
    );
    const read = await loadReviews(declared.dataDir, declared.dataDir);
    expect(problems(read)).toEqual([]);
    expect(read.reviews[0]!.responses).toBe(40);
  });

  it('a UTF-16 survey file is one error saying how to convert it, never a misread', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SURVEY, 'utf16le')]);
    const { dataDir } = writeSnapshot(
      {
        'survey.csv': utf16,
        'orders.csv': csv(ORDERS_HEADER, ...orderRows()),
        'tickets.csv': csv(TICKETS_HEADER, ...ticketRows()),
        'customers.csv': CUSTOMERS,
      },
      fullManifest(),
    );
    const refused = problems(await loadReviews(dataDir, dataDir));
    expect(located(refused)).toEqual([['utf16-file', 'error', 'survey.csv', undefined, undefined]]);
    expect(refused[0]!.hint).toContain('CSV UTF-8');
  });

  it('a complaint category written two ways is counted once, with a located warning', async () => {
    const spelled = ticketRows().map((row, i) =>
      i < 3 ? row.replace(/Delivery$/, i === 0 ? 'DELIVERY' : 'delivery ') : row,
    );
    const review = await loadFull({ tickets: spelled });
    const found = problems(review);
    expect(located(found)).toEqual([
      ['category-spellings', 'warning', 'tickets.csv', undefined, 'Category'],
    ]);
    // The trailing space is trimmed on reading: two spellings remain.
    expect(found[0]!.message).toBe(
      'complaint categories "Delivery" (7), "delivery" (2) and "DELIVERY" (1) differ only in case, spacing or how their accents are encoded: counted as one category, "Delivery"',
    );
    expect(review.reviews[0]!.complaints!.pareto).toMatchObject([
      { category: 'Delivery', complaints: 10 },
    ]);
  });

  it('orders naming customers the customers table lacks give one warning with the count', async () => {
    const customers = csv('Customer,Churned', 'C1,No', 'C2,Yes', 'C3,No');
    const review = await loadFull({
      customers,
      tickets: ticketRows().slice(0, 3),
    });
    const found = problems(review);
    expect(located(found)).toEqual([
      ['unknown-reference', 'warning', 'orders.csv', undefined, 'Customer'],
    ]);
    expect(found[0]!.message).toMatch(/^37 orders name 37 customers /);
  });

  it('the same warnings when the orders are read on another thread', async () => {
    const { dataDir, dir } = writeSnapshot(
      {
        'survey.csv': SURVEY,
        'orders.csv': csv(ORDERS_HEADER, ...orderRows()),
        'tickets.csv': csv(TICKETS_HEADER, ...tickets(3)),
        'customers.csv': csv('Customer,Churned', 'C1,No', 'C2,Yes', 'C3,No'),
      },
      fullManifest(),
    );
    const one = await reduceSnapshot(dir, dataDir, { parallelBytes: Infinity });
    const two = await reduceSnapshot(dir, dataDir, { parallelBytes: 0 });
    expect(two.threads).toBe(2);
    const references = (r: typeof one) =>
      r.loaded.diagnostics.filter((d) => d.id === 'unknown-reference');
    // Customers C4–C7 of tickets T4–T7 (rows 5–8) are not listed either.
    expect(located(references(one))).toEqual([
      ['unknown-reference', 'warning', 'tickets.csv', 5, 'Customer'],
      ['unknown-reference', 'warning', 'tickets.csv', 9, 'Order'],
      ['unknown-reference', 'warning', 'orders.csv', undefined, 'Customer'],
    ]);
    expect(references(two)).toEqual(references(one));
  });
});

/** A snapshot folder whose survey is `rows` responses (id, group, recommend, satisfaction). */
async function largeSnapshot(rows: number, satisfaction: (i: number) => string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'review-volume-'));
  const dir = join(dataDir, '2026-Q1');
  mkdirSync(dir);
  const { manifest, survey } = manifestWithSurveyColumns({
    response_id: 'Response ID',
    group: 'Group',
    recommend: 'Recommend',
    satisfaction: 'Satisfaction',
  });
  survey.values = {};
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeLines(
    join(dir, 'survey.csv'),
    'Response ID,Group,Recommend,Satisfaction',
    rows,
    (i) => `R${i},${i % 2 ? 'A' : 'B'},${i % 11},${satisfaction(i)}`,
  );
  return { dataDir, dir };
}

describe('diagnostics at any volume', () => {
  it('a million bad cells are counted exactly and listed capped, in seconds', async () => {
    const { dataDir, dir } = await largeSnapshot(1_000_000, () => '9');
    const started = performance.now();
    const report = await validateSnapshot(dir, dataDir);
    const table = formatValidationTable(report);
    const seconds = (performance.now() - started) / 1000;
    expect(report.errors).toBe(1_000_000);
    expect(report.rows.survey).toEqual({
      rows: 1_000_000,
      used: 0,
      dropped: { invalid: 1_000_000 },
    });
    const outOfScale = report.diagnostics.filter((d) => d.id === 'out-of-scale');
    expect(outOfScale).toHaveLength(KEPT_PER_KIND);
    expect(outOfScale.map((d) => d.row).slice(0, 3)).toEqual([2, 3, 4]);
    expect(outOfScale.at(-1)!.more).toBe(1_000_000 - KEPT_PER_KIND);
    expect(diagnosticCounts(report.diagnostics).errors).toBe(1_000_000);
    expect(table).toContain('… and 999990 more [out-of-scale]');
    expect(table.split('\n').length).toBeLessThan(40);
    expect(seconds).toBeLessThan(15);
  }, 60_000);

  it("validate's table of 200k diagnostics is linear: each placed once, not a list copied per diagnostic", () => {
    const diagnostics = Array.from({ length: 200_000 }, (_, i) => ({
      id: 'invalid-date' as const,
      level: 'error' as const,
      file: `data/2026-Q1/${i % 2 ? 'orders' : 'survey'}.csv`,
      row: i + 2,
      message: 'not a date',
      hint: 'fix',
    }));
    const report = { snapshot: 'data/2026-Q1', ok: false, errors: 200_000, warnings: 0 };
    const started = performance.now();
    const table = formatValidationTable({ ...report, hash: null, rows: {}, diagnostics });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(table).toContain('… and 99990 more [invalid-date]');
  });

  it('every command that loads a snapshot handles 120k problems: errors refuse it, warnings are kept capped', async () => {
    // 120k warnings (a segment cell of spaces in every row) and no error: figures are made.
    const warned = await largeSnapshot(120_000, (i) => String((i % 5) + 1));
    const survey = join(warned.dir, 'survey.csv');
    await writeLines(
      survey,
      'Response ID,Group,Recommend,Satisfaction',
      120_000,
      (i) => `R${i}, ,${i % 11},${(i % 5) + 1}`,
    );
    const review = await loadReviews(warned.dataDir, warned.dataDir);
    const figures = ReviewFiguresSchema.parse(review.reviews[0]);
    const blanks = figures.warnings.filter((d) => d.id === 'blank-segment');
    expect(blanks).toHaveLength(KEPT_PER_KIND);
    expect(diagnosticCounts(blanks).warnings).toBe(120_000);
    expect(formatReport(review.diagnostics)).toContain('… and 119980 more [blank-segment]');
    const fx = memoryEffects();
    const draft = newReport(review, '2026-Q1', 'reports', fx);
    expect(fx.files.get(draft)).toContain('status: draft');
    fx.files.set(draft, finishDraft(fx.files.get(draft)!));
    expect(publishReport(review, '2026-Q1', 'reports', fx).length).toBeGreaterThan(0);

    // 120k errors: the commands refuse the snapshot with a capped report, never a RangeError.
    const failed = await largeSnapshot(120_000, () => '9');
    const broken = await loadReviews(failed.dataDir, join(failed.dataDir, '..'));
    expect(broken.reviews).toEqual([]);
    expect(diagnosticCounts(broken.diagnostics).errors).toBe(120_000);
    const refused = (() => {
      try {
        newReport(broken, '2026-Q1', 'reports', memoryEffects());
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(CliError);
    expect((refused as CliError).message).toContain('… and 119980 more [out-of-scale]');
  }, 60_000);
});
