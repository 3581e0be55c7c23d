import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../src/reading/diagnostics.ts';
import { loadReviews } from '../src/build/review-data.ts';
import { formatValidationTable, validateSnapshot } from '../src/build/validate-snapshot.ts';
import { tableSentences } from '../src/views/MethodologySection/build-methodology.ts';
import {
  baseManifest,
  lookupManifest,
  SURVEY_HEADER,
  validRows,
  writeSnapshot,
} from './snapshot-builder.ts';

async function load(files: Record<string, string | Buffer>, manifest?: Record<string, unknown>) {
  const { dataDir } = writeSnapshot(files, manifest);
  return loadReviews(dataDir, dataDir);
}

function only(diagnostics: Diagnostic[], id: string) {
  return diagnostics.filter((d) => d.id === id);
}

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('loadReviews with broken snapshots', () => {
  it('reads a valid snapshot with no errors and computes its figures', async () => {
    const review = await load({ 'survey.csv': csv(SURVEY_HEADER, ...validRows(40)) });
    expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(review.reviews).toHaveLength(1);
    expect(review.reviews[0]!.responses).toBe(40);
    expect(review.reviews[0]!.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('a header missing a mapped column is reported with the header row and the missing name', async () => {
    const review = await load({
      'survey.csv': csv('Response ID,Date,Group,Recommend,Satisfation,Comment', ...validRows(3)),
    });
    const [d] = only(review.diagnostics, 'missing-column');
    expect(d).toMatchObject({ level: 'error', row: 1, column: 'Satisfaction' });
    expect(only(review.diagnostics, 'unmapped-column')[0]).toMatchObject({ column: 'Satisfation' });
    expect(review.reviews).toHaveLength(0);
  });

  it('a value out of scale names file, row and column', async () => {
    const rows = validRows(5);
    rows[2] = 'R3,2026-02-01,A,11,4,ok';
    const review = await load({ 'survey.csv': csv(SURVEY_HEADER, ...rows) });
    const [d] = only(review.diagnostics, 'out-of-scale');
    expect(d).toMatchObject({ level: 'error', row: 4, column: 'Recommend', value: '11' });
    expect(d!.file).toMatch(/2026-Q1\/survey\.csv$/);
    expect(formatDiagnostic(d!)).toContain('survey.csv:4:Recommend');
  });

  it('a non-numeric cell is an error, a declared label is mapped, an N/A code is missing', async () => {
    const rows = validRows(4);
    rows[0] = 'R1,2026-02-01,A,seven,4,ok';
    rows[1] = 'R2,2026-02-01,A,9,Very satisfied,ok';
    rows[2] = 'R3,2026-02-01,A,9,N/A,ok';
    const review = await load({ 'survey.csv': csv(SURVEY_HEADER, ...rows) });
    expect(only(review.diagnostics, 'unknown-label')).toHaveLength(1);
    expect(only(review.diagnostics, 'unknown-label')[0]).toMatchObject({
      row: 2,
      column: 'Recommend',
      value: 'seven',
    });
    expect(review.diagnostics.filter((d) => d.level === 'error')).toHaveLength(1);
  });

  it('an empty cell is missing, never 0', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `R${i},2026-02-01,A,${i < 20 ? '' : 10},5,`);
    const review = await load({ 'survey.csv': csv(SURVEY_HEADER, ...rows) });
    const nps = review.reviews[0]!.metrics.nps!.overall;
    expect(nps.n).toBe(20);
    expect(nps.missing).toBe(20);
    expect(nps.value).toBe(null); // 20 < minimum base 30: suppressed, not a score of 0
  });

  it('a duplicate id is a warning naming the row kept, and the copy is dropped', async () => {
    const rows = validRows(40);
    rows.push('R7,2026-02-01,A,0,1,dup');
    const review = await load({ 'survey.csv': csv(SURVEY_HEADER, ...rows) });
    const [d] = only(review.diagnostics, 'duplicate-id');
    expect(d).toMatchObject({ level: 'warning', row: 42, value: 'R7' });
    expect(d!.message).toContain('row 8');
    expect(review.reviews[0]!.responses).toBe(40);
  });

  it('an empty file is an error, not an empty snapshot', async () => {
    const review = await load({ 'survey.csv': '' });
    expect(only(review.diagnostics, 'table-empty')).toHaveLength(1);
    expect(review.reviews).toHaveLength(0);
  });

  it('a header without rows is an error', async () => {
    const review = await load({ 'survey.csv': csv(SURVEY_HEADER) });
    expect(only(review.diagnostics, 'table-empty')).toHaveLength(1);
  });

  it('a missing declared file is an error', async () => {
    const review = await load({});
    expect(only(review.diagnostics, 'table-file-missing')).toHaveLength(1);
  });

  it('Latin-1 bytes in a file declared UTF-8 are reported with row and column', async () => {
    const text = csv(SURVEY_HEADER, ...validRows(3), 'R9,2026-02-01,A,9,5,Tr\u00e8s bien');
    const review = await load({ 'survey.csv': Buffer.from(text, 'latin1') });
    const [d] = only(review.diagnostics, 'invalid-encoding');
    expect(d).toMatchObject({ level: 'error', row: 5, column: 'Comment' });
  });

  it('the same Latin-1 file loads when the manifest declares windows-1252', async () => {
    const manifest = baseManifest('2026-Q1');
    const tables = manifest.tables as { survey: Record<string, unknown> };
    tables.survey.format = { encoding: 'windows-1252' };
    const text = csv(SURVEY_HEADER, ...validRows(39), 'R99,2026-02-01,A,9,5,Tr\u00e8s bien');
    const review = await load({ 'survey.csv': Buffer.from(text, 'latin1') }, manifest);
    expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(review.reviews[0]!.responses).toBe(40);
  });

  it('reports every problem of a file at once', async () => {
    const rows = validRows(6);
    rows[0] = 'R1,2026-02-31,A,9,5,ok';
    rows[2] = 'R3,2026-02-01,Z,9,5,ok';
    rows[4] = 'R5,2026-02-01,A,9,4.5,ok';
    const review = await load({ 'survey.csv': csv(SURVEY_HEADER, ...rows) });
    expect(review.diagnostics.filter((d) => d.level === 'error').map((d) => [d.id, d.row])).toEqual(
      [
        ['invalid-date', 2],
        ['unknown-segment-level', 4],
        ['not-an-integer', 6],
      ],
    );
  });

  it('a quoted field never closed is reported where it starts', async () => {
    const rows = validRows(4);
    rows[1] = 'R2,2026-02-01,A,9,5,"never closed';
    const review = await load({ 'survey.csv': csv(SURVEY_HEADER, ...rows) });
    expect(only(review.diagnostics, 'unclosed-quote')[0]).toMatchObject({ row: 3 });
  });

  it('quoted newlines, CRLF, a BOM and trailing blank lines are read as a spreadsheet would', async () => {
    const lines = [
      SURVEY_HEADER,
      ...validRows(38),
      'R39,2026-02-01,A,10,5,"two\r\nlines, and a comma"',
      'R40,2026-02-01,B,3,2,x',
    ];
    const text = `\uFEFF${lines.join('\r\n')}\r\n\r\n\r\n`;
    const review = await load({ 'survey.csv': text });
    expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(review.reviews[0]!.responses).toBe(40);
  });

  it('a semicolon-delimited file is detected', async () => {
    const text = csv(
      SURVEY_HEADER.replaceAll(',', ';'),
      ...validRows(40).map((r) => r.replaceAll(',', ';')),
    );
    const review = await load({ 'survey.csv': text });
    expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(review.reviews[0]!.responses).toBe(40);
  });

  it('a manifest that breaks the contract is reported by path', async () => {
    const manifest = baseManifest('2026-Q1');
    (manifest.items as Record<string, unknown>).recommend = { scale: [10, 0] };
    const review = await load({ 'survey.csv': csv(SURVEY_HEADER, ...validRows(3)) }, manifest);
    expect(only(review.diagnostics, 'manifest-invalid')[0]).toMatchObject({
      column: 'items.recommend.scale',
    });
  });

  it('a mapping to an unknown field suggests the right one', async () => {
    const manifest = baseManifest('2026-Q1');
    const survey = (manifest.tables as { survey: { columns: Record<string, string> } }).survey;
    survey.columns.recomend = survey.columns.recommend!;
    const review = await load({ 'survey.csv': csv(SURVEY_HEADER, ...validRows(3)) }, manifest);
    expect(only(review.diagnostics, 'unknown-field')[0]!.message).toContain(
      'did you mean "recommend"',
    );
  });

  it('a manifest id that differs from its folder is an error', async () => {
    const { dataDir } = writeSnapshot(
      { 'survey.csv': csv(SURVEY_HEADER, ...validRows(3)) },
      { ...baseManifest('2026-Q1') },
    );
    const { renameSync } = await import('node:fs');
    renameSync(`${dataDir}/2026-Q1`, `${dataDir}/2026-Q2`);
    const review = await loadReviews(dataDir, dataDir);
    expect(only(review.diagnostics, 'manifest-id-mismatch')).toHaveLength(1);
  });
});

describe('messy exports', () => {
  it('reads day-first dates, Excel serial dates, thousands separators and decimal commas as declared', async () => {
    const manifest = baseManifest('2026-Q1');
    const survey = (manifest.tables as { survey: Record<string, unknown> }).survey;
    survey.format = { delimiter: ';', decimal: ',', thousands: '.', dateFormat: 'DD/MM/YYYY' };
    const rows = Array.from(
      { length: 40 },
      (_, i) => `R${i};${String((i % 28) + 1).padStart(2, '0')}/02/2026;A;9;5;ok`,
    );
    const review = await load(
      { 'survey.csv': csv(SURVEY_HEADER.replaceAll(',', ';'), ...rows) },
      manifest,
    );
    expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(review.reviews[0]!.responses).toBe(40);

    const excel = baseManifest('2026-Q1');
    (excel.tables as { survey: Record<string, unknown> }).survey.format = { dateFormat: 'excel' };
    const bad = await load(
      { 'survey.csv': csv(SURVEY_HEADER, 'R1,46054,A,9,5,ok', 'R2,31/02/2026,A,9,5,ok') },
      excel,
    );
    // 46054 is 2026-02-01 in spreadsheet serial days; the second date is not a serial number.
    expect(bad.diagnostics.filter((d) => d.id === 'invalid-date').map((d) => d.row)).toEqual([3]);
    expect(bad.diagnostics.filter((d) => d.id === 'date-outside-period')).toEqual([]);
  });
});

describe('segment lookups', () => {
  it('fills a segment from a lookup file by customer id, and reports keys it does not know', async () => {
    const manifest = lookupManifest(true);
    const rows = Array.from(
      { length: 80 },
      (_, i) => `R${i},C${i % 4},${i % 2 ? 10 : 3},${(i % 5) + 1}`,
    );
    const review = await load(
      {
        'survey.csv': csv('Response ID,Customer,Recommend,Satisfaction', ...rows),
        'customers.csv': csv('id,Segment', 'C0,a', 'C1,B', 'C2,A'),
      },
      manifest,
    );
    expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const miss = review.diagnostics.find((d) => d.id === 'lookup-miss');
    expect(miss).toMatchObject({ level: 'warning', row: 5, value: 'C3' });
    expect(miss!.message).toContain('20 row(s)');
    const rates = review.reviews[0]!.responseRates.group!;
    expect([rates.A!.responses, rates.B!.responses]).toEqual([40, 20]);
  });

  it('changing the lookup file changes the snapshot hash', async () => {
    const manifest = lookupManifest();
    const body = csv(
      'Response ID,Customer,Recommend',
      ...Array.from({ length: 40 }, (_, i) => `R${i},C${i % 2},9`),
    );
    const one = await load(
      { 'survey.csv': body, 'customers.csv': csv('id,Segment', 'C0,A', 'C1,B') },
      manifest,
    );
    const two = await load(
      { 'survey.csv': body, 'customers.csv': csv('id,Segment', 'C0,A', 'C1,A') },
      manifest,
    );
    expect(one.reviews[0]!.hash).not.toBe(two.reviews[0]!.hash);
  });

  it('a construct score is the mean of its columns, missing when any answer is', async () => {
    const manifest = baseManifest('2026-Q1');
    manifest.segments = {};
    manifest.items = {
      recommend: { scale: [0, 10] },
      satisfaction: { scale: [1, 5], notApplicable: ['N/A'] },
    };
    const survey = (manifest.tables as { survey: Record<string, unknown> }).survey;
    survey.columns = { recommend: 'R', satisfaction: ['S1', 'S2', 'S3'] };
    survey.values = {};
    // Means 5, 4.33, 3.67 and 1 (30 of each), and 10 rows with a part unanswered.
    const rows = [
      ...Array.from({ length: 30 }, () => '9,5,5,5'),
      ...Array.from({ length: 30 }, () => '9,5,4,4'),
      ...Array.from({ length: 30 }, () => '9,4,4,3'),
      ...Array.from({ length: 30 }, () => '9,1,1,1'),
      ...Array.from({ length: 5 }, () => '9,5,N/A,5'),
      ...Array.from({ length: 5 }, () => '9,5,,5'),
    ];
    const review = await load({ 'survey.csv': csv('R,S1,S2,S3', ...rows) }, manifest);
    expect(review.diagnostics).toEqual([]);
    const metrics = review.reviews[0]!.metrics;
    expect(metrics.csat_mean!.overall).toMatchObject({ n: 120, missing: 10 });
    expect(metrics.csat_mean!.overall.value).toBeCloseTo((5 + 13 / 3 + 11 / 3 + 1) / 4, 12);
    // Top-2-box of a construct: a mean of 4 or more (5 and 4.33 count, 3.67 does not).
    expect(metrics.csat!.overall.value).toBeCloseTo(50, 12);
    // Without an id column every row is its own response: none is dropped as a duplicate.
    expect(review.reviews[0]!.responses).toBe(130);
  });

  it('a construct part that is out of scale is reported by its own column', async () => {
    const manifest = baseManifest('2026-Q1');
    manifest.items = { satisfaction: { scale: [1, 5] } };
    const survey = (manifest.tables as { survey: Record<string, unknown> }).survey;
    survey.columns = { response_id: 'id', satisfaction: ['S1', 'S2'] };
    survey.values = {};
    const rows = Array.from({ length: 40 }, (_, i) => `R${i},${i === 7 ? 9 : 4},5`);
    const review = await load({ 'survey.csv': csv('id,S1,S2', ...rows) }, manifest);
    expect(only(review.diagnostics, 'out-of-scale')).toMatchObject([
      { row: 9, column: 'S1', value: '9' },
    ]);
  });

  it('recommend cannot be a mean, and a table without its required fields is an error', async () => {
    const manifest = baseManifest('2026-Q1');
    const tables = manifest.tables as Record<string, Record<string, unknown>>;
    (tables.survey!.columns as Record<string, unknown>).recommend = ['R1', 'R2'];
    tables.orders = { file: 'orders.csv', columns: { order_id: 'Order', amount: 'Amount' } };
    const review = await load(
      {
        'survey.csv': csv(SURVEY_HEADER, ...validRows(40)),
        'orders.csv': csv('Order,Amount', 'O1,10'),
      },
      manifest,
    );
    expect(only(review.diagnostics, 'manifest-invalid')).toMatchObject([
      { column: 'tables.survey.columns.recommend', value: 'R1, R2' },
    ]);
    expect(only(review.diagnostics, 'field-not-mapped').map((d) => d.value)).toEqual([
      'customer_id',
      'date',
    ]);
    expect(review.reviews).toHaveLength(0);
  });
});

describe('the questionnaire’s own rules', () => {
  /** The base manifest with its items (and their columns) replaced. */
  function withItems(
    items: Record<string, Record<string, unknown>>,
    columns: Record<string, string> = {},
  ): Record<string, unknown> {
    const manifest = baseManifest('2026-Q1');
    const survey = (manifest.tables as { survey: { columns: Record<string, string> } }).survey;
    manifest.items = items;
    survey.columns = {
      response_id: 'Response ID',
      date: 'Date',
      group: 'Group',
      comment: 'Comment',
      ...columns,
    };
    return manifest;
  }
  const rows = csv(SURVEY_HEADER, ...validRows(40));

  it('reads items of any name, with roles declared or taken from the item’s id', async () => {
    const review = await load(
      { 'survey.csv': rows },
      withItems(
        {
          ltr: { scale: [0, 10], role: 'recommend', label: 'Would recommend' },
          satisfaction: { scale: [1, 5], notApplicable: ['N/A'] },
        },
        { ltr: 'Recommend', satisfaction: 'Satisfaction' },
      ),
    );
    expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const figures = review.reviews[0]!;
    expect(figures.metrics.nps!.overall.n).toBe(40);
    expect(figures.questionnaire.items.map((i) => [i.id, i.role])).toEqual([
      ['ltr', 'recommend'],
      ['satisfaction', 'satisfaction'],
    ]);
  });

  it('two items with one role, a recommend item off 0–10 and a top box as wide as the scale are located errors', async () => {
    const review = await load(
      { 'survey.csv': rows },
      withItems(
        {
          ltr: { scale: [1, 10], role: 'recommend' },
          overall: { scale: [1, 5], role: 'satisfaction', topBox: 5 },
          sat2: { scale: [1, 5], role: 'satisfaction', notApplicable: ['N/A'] },
        },
        { ltr: 'Recommend', overall: 'Satisfaction', sat2: 'Satisfaction' },
      ),
    );
    const invalid = only(review.diagnostics, 'manifest-invalid').map((d) => d.column);
    expect(invalid).toEqual(
      expect.arrayContaining(['items.ltr.scale', 'items.overall.topBox', 'items.sat2.role']),
    );
    expect(review.reviews).toHaveLength(0);
  });

  it('an item named like a survey field or a dimension is a located error', async () => {
    const review = await load(
      { 'survey.csv': rows },
      withItems({ group: { scale: [1, 5], notApplicable: ['N/A'] } }, { group: 'Satisfaction' }),
    );
    expect(only(review.diagnostics, 'manifest-invalid').map((d) => d.column)).toContain(
      'items.group',
    );
  });

  it('an item named like a metric of the registry is an error naming both', async () => {
    // An attribute item's top-box metric takes the item's id: "nps" would be two metrics.
    const review = await load(
      { 'survey.csv': rows },
      withItems(
        {
          ltr: { scale: [0, 10], role: 'recommend' },
          nps: { scale: [1, 5], notApplicable: ['N/A'] },
        },
        { ltr: 'Recommend', nps: 'Satisfaction' },
      ),
    );
    const [conflict] = only(review.diagnostics, 'metric-id-conflict');
    expect(conflict).toMatchObject({ level: 'error', column: 'items.nps', value: 'nps' });
    expect(conflict!.message).toContain('item-top-box');
  });
});

describe('row counts and dates outside the period', () => {
  /** The base manifest with an orders and a tickets table. */
  function withOrdersAndTickets(): Record<string, unknown> {
    const manifest = baseManifest('2026-Q1');
    const tables = manifest.tables as Record<string, unknown>;
    tables.orders = {
      file: 'orders.csv',
      columns: { order_id: 'Order', customer_id: 'Customer', date: 'Date', amount: 'Amount' },
    };
    tables.tickets = {
      file: 'tickets.csv',
      columns: { ticket_id: 'Ticket', opened: 'Opened', category: 'Category' },
    };
    return manifest;
  }
  const orders = csv(
    'Order,Customer,Date,Amount',
    'O1,C1,2026-01-05,10',
    'O2,C2,2026-02-05,20',
    'O1,C1,2026-01-05,10', // a copy of row 2
  );
  const tickets = csv(
    'Ticket,Opened,Category',
    'T1,2026-01-05T10:00,Delivery',
    'T2,2026-04-02T09:00,Delivery',
    'T3,2026-03-31T23:59,Billing',
    'T4,2025-12-30T08:00,Billing',
  );

  it('say how many rows were left out and why, in the figures, the validate table and the methodology', async () => {
    const rows = validRows(40);
    rows.push('R5,2026-02-01,A,3,4,again'); // a repeated response id
    rows.push('R99,2026-02-01,B,,,'); // answers nothing
    const { dataDir, dir } = writeSnapshot(
      { 'survey.csv': csv(SURVEY_HEADER, ...rows), 'orders.csv': orders, 'tickets.csv': tickets },
      withOrdersAndTickets(),
    );
    const review = await loadReviews(dataDir, dataDir);
    const tables = review.reviews[0]!.tables;
    expect(tables.survey).toMatchObject({
      rows: 42,
      used: 40,
      dropped: { 'duplicate-id': 1, 'empty-response': 1 },
    });
    expect(tables.orders).toMatchObject({ rows: 3, used: 2, dropped: { 'duplicate-id': 1 } });
    // A table with nothing left out says nothing more (figures files stay as they were).
    expect(Object.keys(tables.tickets!)).toEqual(['file', 'rows', 'used']);
    expect(review.reviews[0]!.behaviour!.orders).toBe(2);
    const sentences = tableSentences(review.reviews[0]!, String);
    expect(sentences[0]).toBe(
      'Survey: 40 of 42 rows used; left out: 1 row repeating an id (the first copy is kept), 1 row answering no scored item.',
    );
    const report = await validateSnapshot(dir, dataDir);
    expect(formatValidationTable(report)).toContain(
      'orders: 2/3 rows usable (left out: 1 row repeating an id (the first copy is kept))',
    );
  });

  it('order and ticket dates outside the period are one located warning per table', async () => {
    const review = await load(
      {
        'survey.csv': csv(SURVEY_HEADER, ...validRows(40)),
        'orders.csv': orders,
        'tickets.csv': tickets,
      },
      withOrdersAndTickets(),
    );
    const outside = only(review.diagnostics, 'date-outside-period');
    expect(outside).toHaveLength(1);
    expect(outside[0]).toMatchObject({
      level: 'warning',
      row: 3,
      column: 'Opened',
      value: '2026-04-02T09:00:00',
    });
    expect(outside[0]!.file).toMatch(/tickets\.csv$/);
    expect(outside[0]!.message).toMatch(/^2 ticket dates .* \(from 2025-12-30 to 2026-04-02\)/);
    expect(review.reviews[0]!.warnings.map((w) => w.id)).toContain('date-outside-period');
  });
});
