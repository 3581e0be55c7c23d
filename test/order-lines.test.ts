/**
 * Orders as exports write them, through the whole path (manifest, reader, reducers, figures):
 * an invoice-line export in the shape of the UCI Online Retail data set (cancellations marked
 * by a "C" before the invoice number, negative quantities, lines without a customer, the lines
 * of an invoice scattered through the file), declared as order lines, against the same figures
 * computed here from the raw CSV by hand, and against the same data summed into one row per
 * order beforehand.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { loadReviews } from '../src/build/review-data.ts';
import { writeReduced } from '../src/build/write-reduced.ts';
import { ReviewFiguresSchema } from '../src/contracts/figures-schema.ts';
import { guessSnapshot } from '../src/reading/guess-mapping.ts';
import { pseudonymiser } from '../src/reducing/pseudonyms.ts';
import type { ReduceOptions } from '../src/reducing/reduce-snapshot.ts';
import { tableSentences } from '../src/views/MethodologySection/build-methodology.ts';
import { ROOT } from './build-site.ts';
import { differences } from './differences.ts';
import { writeSnapshot } from './snapshot-builder.ts';

const RAW = readFileSync(join(ROOT, 'test/fixtures/order-lines/online-retail.csv'), 'utf8');

interface Line {
  InvoiceNo: string;
  StockCode: string;
  Description: string;
  Quantity: string;
  InvoiceDate: string;
  UnitPrice: string;
  CustomerID: string;
  Country: string;
}
const LINES = Papa.parse<Line>(RAW, { header: true, skipEmptyLines: true }).data;
const COUNTRIES = [...new Set(LINES.map((l) => l.Country))].sort();

/** An orders-only snapshot of Q3 2011 with the export's countries as a segment. */
function manifest(
  orders: Record<string, unknown>,
  table: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id: '2011-Q3',
    period: 'Q3 2011',
    start: '2011-07-01',
    end: '2011-09-30',
    segments: {
      country: {
        label: 'Country',
        levels: Object.fromEntries(COUNTRIES.map((c) => [c, {}])),
      },
    },
    // A small fixture: figures on a dozen customers are shown, not suppressed.
    minimumBase: { suppress: 5, flag: 10 },
    orders,
    tables: { orders: { file: 'orders.csv', ...table } },
  };
}

/** The export as it comes, declared as order lines with the UCI conventions. */
const LINES_TABLE = {
  columns: {
    order_id: 'InvoiceNo',
    customer_id: 'CustomerID',
    date: 'InvoiceDate',
    quantity: 'Quantity',
    unit_price: 'UnitPrice',
    country: 'Country',
  },
  format: { dateFormat: 'MM/DD/YYYY', ignore: ['StockCode', 'Description'] },
};
const LINES_ORDERS = {
  rows: 'lines',
  amountFrom: 'quantity*unit_price',
  statusRules: [
    { idPrefix: 'C', status: 'cancelled' },
    { negativeQuantity: true, status: 'returned' },
  ],
  guests: 'count',
};

async function load(
  files: Record<string, string>,
  snapshotManifest: Record<string, unknown>,
  options: ReduceOptions = {},
) {
  const { dataDir } = writeSnapshot(files, snapshotManifest);
  return loadReviews(dataDir, dataDir, options);
}

/**
 * The invoices by hand, in order of their first line: a line is cancelled when its invoice
 * starts with "C", returned when its quantity is negative, else it counts; an invoice's amount
 * is the sum of quantity × unit price over its counted lines, and an invoice none of whose lines
 * counts is left out with its first line's status.
 */
function invoicesByHand() {
  const invoices = new Map<
    string,
    {
      customer: string;
      country: string;
      date: string;
      amount: number;
      counted: boolean;
      excludedAs: string | null;
    }
  >();
  for (const line of LINES) {
    const status = line.InvoiceNo.startsWith('C')
      ? 'cancelled'
      : Number(line.Quantity) < 0
        ? 'returned'
        : 'completed';
    let invoice = invoices.get(line.InvoiceNo);
    if (!invoice) {
      invoice = {
        customer: line.CustomerID,
        country: line.Country,
        date: line.InvoiceDate,
        amount: 0,
        counted: false,
        excludedAs: null,
      };
      invoices.set(line.InvoiceNo, invoice);
    }
    if (status === 'completed') {
      invoice.counted = true;
      invoice.amount += Number(line.Quantity) * Number(line.UnitPrice);
    } else invoice.excludedAs ??= status;
  }
  return invoices;
}

describe('an order-lines export (UCI Online Retail shape)', () => {
  it('the fixture has what makes the shape: C cancellations, negative quantities, guests, scattered invoices', () => {
    expect(LINES.some((l) => l.InvoiceNo.startsWith('C'))).toBe(true);
    expect(LINES.some((l) => !l.InvoiceNo.startsWith('C') && Number(l.Quantity) < 0)).toBe(true);
    expect(LINES.some((l) => l.CustomerID === '')).toBe(true);
    // An invoice whose lines are not all next to each other.
    const scattered = [...new Set(LINES.map((l) => l.InvoiceNo))].some((id) => {
      const at = LINES.flatMap((l, i) => (l.InvoiceNo === id ? [i] : []));
      return at.at(-1)! - at[0]! + 1 > at.length;
    });
    expect(scattered).toBe(true);
  });

  it('revenue, orders, order value, repeat rate and guest orders equal the invoices summed by hand', async () => {
    const review = await load({ 'orders.csv': RAW }, manifest(LINES_ORDERS, LINES_TABLE));
    expect(review.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const figures = ReviewFiguresSchema.parse(review.reviews[0]);
    const b = figures.behaviour!;

    const invoices = [...invoicesByHand().values()];
    const counted = invoices.filter((i) => i.counted);
    const revenue = counted.reduce((sum, i) => sum + i.amount, 0);
    const perCustomer = new Map<string, number>();
    for (const i of counted)
      if (i.customer !== '') perCustomer.set(i.customer, (perCustomer.get(i.customer) ?? 0) + 1);
    const guests = counted.filter((i) => i.customer === '');
    const customerOrders = counted.length - guests.length;
    const repeaters = [...perCustomer.values()].filter((n) => n >= 2).length;
    const excluded: Record<string, number> = {};
    for (const i of invoices)
      if (!i.counted) excluded[i.excludedAs!] = (excluded[i.excludedAs!] ?? 0) + 1;

    expect(b.orders).toBe(counted.length);
    expect(b.guestOrders).toBe(guests.length);
    expect(b.guestRevenue).toBeCloseTo(
      guests.reduce((sum, i) => sum + i.amount, 0),
      6,
    );
    expect(b.revenue).toBeCloseTo(revenue, 6);
    expect(b.averageOrderValue).toBeCloseTo(revenue / counted.length, 6);
    expect(b.activeCustomers).toBe(perCustomer.size);
    expect(b.purchaseFrequency).toBeCloseTo(customerOrders / perCustomer.size, 9);
    expect(b.repeatRate).toMatchObject({ k: repeaters, n: perCustomer.size });
    expect(b.excludedOrders).toEqual(excluded);
    expect(b.orderLines).toBe(LINES.length);
    // The registry's metrics read the same numbers.
    expect(figures.metrics.average_order_value!.overall.value).toBeCloseTo(
      revenue / counted.length,
      6,
    );
    expect(figures.metrics.repeat_rate!.overall.value).toBeCloseTo(
      (100 * repeaters) / perCustomer.size,
      9,
    );
    expect(figures.metrics.purchase_frequency!.overall.value).toBeCloseTo(
      customerOrders / perCustomer.size,
      9,
    );
    // Guests are in the orders but in no customer figure, and the page says how many.
    expect(customerOrders).toBeLessThan(counted.length);
    const sentence = tableSentences(figures, String).join(' ');
    expect(sentence).toContain(`${guests.length} guest orders`);
    expect(sentence).toContain(`summed into ${invoices.length} orders`);
  });

  it('gives the figures of the same invoices summed beforehand into one row each, on one thread or two', async () => {
    // One row per invoice, in order of its first line, its amount the sum of its counted lines.
    const rows = [...invoicesByHand()].map(([id, i]) =>
      [
        id,
        i.date,
        // 15 significant digits, the most an amount may have: figures agree to 1e-9.
        i.counted ? String(Number(i.amount.toPrecision(15))) : '',
        i.counted ? 'completed' : i.excludedAs,
        i.customer,
        i.country,
      ].join(','),
    );
    const summed = await load(
      { 'orders.csv': ['Invoice,Date,Amount,Status,Customer,Country', ...rows].join('\n') },
      manifest(
        { guests: 'count' },
        {
          columns: {
            order_id: 'Invoice',
            customer_id: 'Customer',
            date: 'Date',
            amount: 'Amount',
            status: 'Status',
            country: 'Country',
          },
          format: { dateFormat: 'MM/DD/YYYY' },
        },
      ),
    );
    expect(summed.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    for (const parallelBytes of [Number.POSITIVE_INFINITY, 0]) {
      const lines = await load({ 'orders.csv': RAW }, manifest(LINES_ORDERS, LINES_TABLE), {
        parallelBytes,
      });
      const [a, b] = [lines.reviews[0]!, summed.reviews[0]!];
      const { orderLines, ...behaviour } = a.behaviour!;
      expect(orderLines).toBe(LINES.length);
      expect(differences(behaviour, b.behaviour)).toEqual([]);
      expect(differences(a.metrics, b.metrics)).toEqual([]);
      expect(differences(a.findings, b.findings)).toEqual([]);
    }
  });

  it('reduced, gives the figures of its raw snapshot (guest orders and rows left out included); the SQL path refuses it', async () => {
    const { dataDir, dir } = writeSnapshot(
      { 'orders.csv': RAW },
      manifest(LINES_ORDERS, LINES_TABLE),
    );
    const key = pseudonymiser('a test key, never a real one');
    const raw = await loadReviews(dataDir, dataDir, { pseudonymiser: key });
    const reducedDir = mkdtempSync(join(tmpdir(), 'order-lines-reduced-'));
    const options = { dir, displayDir: 'data/2011-Q3', pseudonymiser: key };
    const written = await writeReduced({
      ...options,
      out: join(reducedDir, '2011-Q3'),
      engine: 'typescript',
    });
    expect(written.written).not.toBeNull();
    const reduced = await loadReviews(reducedDir, reducedDir, { pseudonymiser: key });
    const [a, b] = [raw.reviews[0]!, reduced.reviews[0]!];
    expect(a.behaviour!.guestOrders).toBeGreaterThan(0);
    expect(b.behaviour).toEqual(a.behaviour);
    expect(b.metrics).toEqual(a.metrics);
    expect(b.tables.orders!.used).toBe(a.tables.orders!.used);
    expect(b.tables.orders!.dropped).toEqual(a.tables.orders!.dropped);
    // SQL would sum nothing and read every line as an order: refused, each rule named.
    const sql = await writeReduced({ ...options, out: join(reducedDir, 'sql'), engine: 'duckdb' });
    expect(sql.written).toBeNull();
    expect(
      sql.diagnostics.filter((d) => d.id === 'table-format-unsupported').map((d) => d.column),
    ).toEqual(
      expect.arrayContaining([
        'orders.rows',
        'orders.amountFrom',
        'orders.statusRules',
        'orders.guests',
      ]),
    );
  });

  it('a negative line no rule covers is warned and left out of its order, never netted', async () => {
    // The fixture's returns carry no price: priced here, so that each line has a negative amount.
    const negative = (l: Line) => !l.InvoiceNo.startsWith('C') && Number(l.Quantity) < 0;
    const raw = Papa.unparse(LINES.map((l) => (negative(l) ? { ...l, UnitPrice: '1.50' } : l)));
    const declared = await load({ 'orders.csv': raw }, manifest(LINES_ORDERS, LINES_TABLE));
    // Returns no longer declared by a rule: each negative line is an unexpected negative amount.
    const undeclared = await load(
      { 'orders.csv': raw },
      manifest({ ...LINES_ORDERS, statusRules: [LINES_ORDERS.statusRules[0]] }, LINES_TABLE),
    );
    const warnings = undeclared.reviews[0]!.warnings.filter((w) => w.id === 'negative-amount');
    expect(warnings[0]!.message).toContain("this line is left out of its order's amount");
    expect(warnings.reduce((n, w) => n + 1 + (w.more ?? 0), 0)).toBe(LINES.filter(negative).length);
    const [a, b] = [declared.reviews[0]!.behaviour!, undeclared.reviews[0]!.behaviour!];
    expect(b.revenue).toBe(a.revenue);
    expect(b.orders).toBe(a.orders);
    expect(b.excludedOrders['negative amounts']).toBe(a.excludedOrders.returned);
  });

  it('declared as orders (one row each), repeated invoice numbers with other amounts are an error that names order lines', async () => {
    const review = await load(
      { 'orders.csv': RAW },
      manifest(
        { guests: 'count', amountFrom: 'quantity*unit_price' },
        { ...LINES_TABLE, duplicateIds: 'keep-all' },
      ),
    );
    const errors = review.diagnostics.filter((d) => d.id === 'order-lines-undeclared');
    expect(errors).toHaveLength(1);
    const first = LINES.findIndex((l, i) =>
      LINES.slice(0, i).some(
        (m) =>
          m.InvoiceNo === l.InvoiceNo &&
          Number(m.Quantity) * Number(m.UnitPrice) !== Number(l.Quantity) * Number(l.UnitPrice),
      ),
    );
    expect(errors[0]).toMatchObject({
      level: 'error',
      row: first + 2, // the header is row 1
      column: 'InvoiceNo',
      value: LINES[first]!.InvoiceNo,
    });
    expect(errors[0]!.hint).toContain('"rows": "lines"');
    expect(review.reviews).toHaveLength(0);
  });

  it('without guests declared, a line without a customer id is an error that says how to keep it', async () => {
    const review = await load(
      { 'orders.csv': RAW },
      manifest({ ...LINES_ORDERS, guests: 'error' }, LINES_TABLE),
    );
    const missing = review.diagnostics.filter((d) => d.id === 'missing-id');
    expect(missing).toHaveLength(LINES.filter((l) => l.CustomerID === '').length);
    expect(missing[0]).toMatchObject({ column: 'CustomerID' });
    expect(missing[0]!.hint).toContain('"guests": "count"');
    expect(review.reviews).toHaveLength(0);
  });

  it('orders.maxAmount bounds each line’s quantity × unit price: a larger product is an error at its quantity', async () => {
    const product = (l: Line) => Number(l.Quantity) * Number(l.UnitPrice);
    const largest = LINES.reduce((max, l) => Math.max(max, Math.abs(product(l))), 0);
    const beyond = LINES.filter((l) => Math.abs(product(l)) > largest / 2);
    // Every factor alone stays below the bound: only the product is implausible.
    const maxAmount = largest / 2;
    expect(beyond.every((l) => Math.abs(Number(l.Quantity)) <= maxAmount)).toBe(true);
    expect(beyond.every((l) => Math.abs(Number(l.UnitPrice)) <= maxAmount)).toBe(true);
    const bounded = await load(
      { 'orders.csv': RAW },
      manifest({ ...LINES_ORDERS, maxAmount }, LINES_TABLE),
    );
    const errors = bounded.diagnostics.filter((d) => d.id === 'number-out-of-range');
    expect(errors.reduce((n, d) => n + 1 + (d.more ?? 0), 0)).toBe(beyond.length);
    expect(errors[0]).toMatchObject({
      level: 'error',
      column: 'Quantity',
      value: `${beyond[0]!.Quantity} × ${beyond[0]!.UnitPrice}`,
    });
    expect(errors[0]!.hint).toContain('orders.maxAmount');
    expect(bounded.reviews).toHaveLength(0);
    const roomy = await load(
      { 'orders.csv': RAW },
      manifest({ ...LINES_ORDERS, maxAmount: largest }, LINES_TABLE),
    );
    expect(roomy.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(roomy.reviews).toHaveLength(1);
  });

  it('order dates outside the period are one located warning for the table, with their count and range', async () => {
    const review = await load({ 'orders.csv': RAW }, manifest(LINES_ORDERS, LINES_TABLE));
    const month = (l: Line) => Number(l.InvoiceDate.split('/')[0]);
    const outside = LINES.flatMap((l, i) => (month(l) < 7 || month(l) > 9 ? [i] : []));
    expect(outside.length).toBeGreaterThan(0);
    const warnings = review.diagnostics.filter((d) => d.id === 'date-outside-period');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      level: 'warning',
      row: outside[0]! + 2,
      column: 'InvoiceDate',
      value: LINES[outside[0]!]!.InvoiceDate.replace(
        /^(\d+)\/(\d+)\/(\d+) (\d+):(\d+)$/,
        (_, m: string, d: string, y: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`,
      ),
    });
    expect(warnings[0]!.message).toMatch(new RegExp(`^${outside.length} order dates`));
    // Shown with the review's warnings.
    expect(review.reviews[0]!.warnings.map((w) => w.id)).toContain('date-outside-period');
  });

  it('new-snapshot drafts it as order lines, quantity × unit price, the C rule, returns and guests, and the draft gives the figures of the declared manifest', async () => {
    const { manifest: drafted, assumptions } = guessSnapshot(
      [{ name: 'orders.csv', text: RAW, encoding: 'utf-8' }],
      { id: '2011-Q3' },
    );
    expect(drafted.orders).toEqual(LINES_ORDERS);
    const table = drafted.tables.orders!;
    expect(table.columns).toEqual(LINES_TABLE.columns);
    expect(table.format).toEqual(LINES_TABLE.format);
    expect(Object.keys(drafted.segments!.country!.levels)).toEqual(COUNTRIES);
    // The id names the quarter; the order dates (read month first) are said beside it, with
    // those outside it counted.
    const days = LINES.map((l) => {
      const [m, d, y] = l.InvoiceDate.split(' ')[0]!.split('/');
      return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    }).sort();
    expect([drafted.start, drafted.end, drafted.period]).toEqual([
      '2011-07-01',
      '2011-09-30',
      'Q3 2011',
    ]);
    const outside = days.filter((d) => d < '2011-07-01' || d > '2011-09-30').length;
    expect(outside).toBeGreaterThan(0);
    expect(assumptions).toContain(
      `period 2011-07-01 – 2011-09-30 taken from the id "2011-Q3"; the order dates of the rows read run ${days[0]} – ${days.at(-1)}, ${outside} of them outside it (check the id, or set --start/--end)`,
    );
    // Without a period in the id, the order dates make it.
    const unnamed = guessSnapshot([{ name: 'orders.csv', text: RAW, encoding: 'utf-8' }], {
      id: 'retail',
    }).manifest;
    expect([unnamed.start, unnamed.end]).toEqual([days[0], days.at(-1)]);
    expect(assumptions.some((a) => a.includes('"rows": "lines"'))).toBe(true);
    const fromDraft = await load(
      { 'orders.csv': RAW },
      { ...drafted, minimumBase: { suppress: 5, flag: 10 } },
    );
    expect(fromDraft.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const declared = await load({ 'orders.csv': RAW }, manifest(LINES_ORDERS, LINES_TABLE));
    expect(fromDraft.reviews[0]!.behaviour).toEqual(declared.reviews[0]!.behaviour);
  });

  it('the new-snapshot command writes that draft and validates it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'order-lines-draft-')), '2011-Q3');
    const fixture = join(ROOT, 'test/fixtures/order-lines/online-retail.csv');
    const run = spawnSync(
      join(ROOT, 'node_modules/.bin/node'),
      [join(ROOT, 'src/cli/new-snapshot.ts'), fixture, '--id', '2011-Q3', '--out', out],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      orders: unknown;
    };
    expect(written.orders).toEqual(LINES_ORDERS);
    expect(run.stdout).toMatch(/0 errors, .* — valid/);
  });

  it('the orders block is an error when the columns it reads are not mapped', async () => {
    const columns: Record<string, string> = { ...LINES_TABLE.columns, amount: 'UnitPrice' };
    delete columns.quantity;
    delete columns.unit_price;
    const review = await load(
      { 'orders.csv': RAW },
      manifest(LINES_ORDERS, { ...LINES_TABLE, columns }),
    );
    const errors = review.diagnostics.filter((d) => d.level === 'error');
    expect(errors.map((d) => [d.id, d.value])).toEqual([
      ['field-not-mapped', 'quantity'],
      ['field-not-mapped', 'unit_price'],
      ['manifest-invalid', 'quantity*unit_price'],
      ['field-not-mapped', 'quantity'],
    ]);
    expect(errors[3]!.message).toContain('status rule reads a negative quantity');
  });

  it('lines of one order that name different customers are an error', async () => {
    const header =
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
    const rows = [
      '1001,A,a,1,7/1/2011 9:00,2.00,17850,United Kingdom',
      '1002,A,a,1,7/1/2011 9:00,2.00,13047,United Kingdom',
      '1001,B,b,2,7/1/2011 9:00,3.00,13047,United Kingdom',
    ];
    const review = await load(
      { 'orders.csv': [header, ...rows].join('\n') },
      manifest(LINES_ORDERS, LINES_TABLE),
    );
    expect(review.diagnostics.filter((d) => d.level === 'error')).toMatchObject([
      { id: 'order-line-customer-conflict', row: 4, column: 'CustomerID', value: '1001' },
    ]);
  });
});
