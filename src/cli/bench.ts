/**
 * `npx review bench`: times the full path (stream + parse + validate + every reducer + figures) on
 * a generated snapshot of 1,000,000 survey responses and 2,000,000 orders, records peak memory,
 * and times DuckDB computing the headline aggregates from the same CSV files in the same run.
 * The last line is machine-readable:
 *   bench: ratio_vs_duckdb=<x> peak_rss_mb=<y> rows_per_s=<z>
 * Each of our runs is a fresh process (compiled from cold, as a site build is) and each DuckDB
 * run a fresh instance; the ratio compares the best of --runs runs of each (default 5), since
 * a shared machine's speed drifts from second to second.
 * Options: --responses N --orders N --runs N; --build first measures site builds (fresh, nothing
 * changed, a quarter added, 40 quarters) and the committed frozen bytes per quarter
 * (bench-build.ts), which takes minutes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createRandom } from '../demo/demo-generator.ts';
import { writeLines } from './write-lines.ts';
import { snapshotInput } from '../build/review-data.ts';
import { firstCarry, reviewFigures } from '../figures/review-figures.ts';
import { reduceSnapshot } from '../reducing/reduce-snapshot.ts';
import { reduceWithSql } from '../reducing/sql/reduce-with-sql.ts';
import type { ManifestInput } from '../contracts/manifest-schema.ts';
import { runCli } from './cli-support.ts';
import { parseCommand } from './command-line.ts';

const GROUPS = ['Consumer', 'SMB', 'Enterprise', 'Public sector'];
const REGIONS = ['North', 'South', 'East', 'West'];
const COMMENTS = [
  '',
  '',
  '',
  'Delivery was late',
  'Great service',
  'Too expensive',
  'App keeps crashing',
  '',
];

async function generate(dir: string, responses: number, orders: number): Promise<void> {
  const marker = join(dir, 'generated.json');
  const spec = JSON.stringify({ responses, orders, version: 1 });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === spec) return;
  mkdirSync(dir, { recursive: true });
  const rand = createRandom(4242);
  const customers = Math.max(1, Math.round(orders / 8));
  const score = (max: number) =>
    rand.next() < 0.04
      ? ''
      : String(
          Math.min(max, Math.max(1, Math.round(max * (0.55 + (0.3 * rand.normal()) / 2) + 0.5))),
        );
  await writeLines(
    join(dir, 'survey.csv'),
    'Response ID,Customer ID,Submitted,Customer group,Region,Recommend,Satisfaction,Product,Service,Reliability,Value,Emotional,Comment',
    responses,
    (i) => {
      const recommend =
        rand.next() < 0.02
          ? ''
          : String(Math.min(10, Math.max(0, Math.round(7 + 2.2 * rand.normal()))));
      return [
        `R${i}`,
        `C${rand.int(0, customers - 1)}`,
        `2026-0${rand.int(7, 9)}-${String(rand.int(10, 28))}`,
        GROUPS[rand.int(0, 3)],
        REGIONS[rand.int(0, 3)],
        recommend,
        score(5),
        score(5),
        score(5),
        score(5),
        score(5),
        score(5),
        COMMENTS[rand.int(0, COMMENTS.length - 1)],
      ].join(',');
    },
  );
  await writeLines(
    join(dir, 'orders.csv'),
    'Order ID,Customer ID,Order date,Order value,Status',
    orders,
    (i) =>
      [
        `O${i}`,
        `C${rand.int(0, customers - 1)}`,
        `2026-0${rand.int(7, 9)}-${String(rand.int(10, 28))}`,
        (20 + 200 * rand.next()).toFixed(2),
        rand.next() < 0.05 ? 'cancelled' : 'completed',
      ].join(','),
  );
  const manifest: ManifestInput = {
    id: basename(dir),
    period: 'Q3 2026',
    start: '2026-07-01',
    end: '2026-09-30',
    segments: {
      customer_group: {
        label: 'Customer group',
        levels: Object.fromEntries(GROUPS.map((g) => [g, {}])),
      },
      region: { label: 'Region', levels: Object.fromEntries(REGIONS.map((r) => [r, {}])) },
    },
    items: {
      recommend: { scale: [0, 10] },
      satisfaction: { scale: [1, 5] },
      product_quality: { scale: [1, 5], driver: true },
      service_quality: { scale: [1, 5], driver: true },
      reliability: { scale: [1, 5], driver: true },
      value: { scale: [1, 5], driver: true },
      emotional: { scale: [1, 5], driver: true },
    },
    tables: {
      survey: {
        file: 'survey.csv',
        columns: {
          response_id: 'Response ID',
          customer_id: 'Customer ID',
          date: 'Submitted',
          customer_group: 'Customer group',
          region: 'Region',
          recommend: 'Recommend',
          satisfaction: 'Satisfaction',
          product_quality: 'Product',
          service_quality: 'Service',
          reliability: 'Reliability',
          value: 'Value',
          emotional: 'Emotional',
          comment: 'Comment',
        },
      },
      orders: {
        file: 'orders.csv',
        columns: {
          order_id: 'Order ID',
          customer_id: 'Customer ID',
          date: 'Order date',
          amount: 'Order value',
          status: 'Status',
        },
      },
    },
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(marker, spec);
}

async function ours(dir: string): Promise<{ seconds: number; summary: string }> {
  const started = performance.now();
  const reduced = await reduceSnapshot(dir, 'bench');
  const input = snapshotInput(reduced, 'bench', []);
  if (!input) {
    const errors = reduced.loaded.diagnostics.filter((d) => d.level === 'error');
    throw new Error(
      `bench snapshot did not load: ${errors
        .slice(0, 3)
        .map((d) => d.message)
        .join('; ')}`,
    );
  }
  const { figures } = reviewFigures(input, firstCarry());
  const seconds = (performance.now() - started) / 1000;
  const nps = figures.metrics.nps?.overall.value?.toFixed(2);
  const csat = figures.metrics.csat?.overall.value?.toFixed(2);
  const b = figures.behaviour;
  return {
    seconds,
    summary: `NPS ${nps}, CSAT ${csat}%, orders ${b?.orders}, revenue ${b?.revenue.toFixed(0)}`,
  };
}

async function duckdb(dir: string): Promise<{ seconds: number; summary: string }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const survey = join(dir, 'survey.csv').replace(/'/g, "''");
  const orders = join(dir, 'orders.csv').replace(/'/g, "''");
  const bySegment = await connection.runAndReadAll(`
    SELECT "Customer group" AS segment,
           100 * (avg(CASE WHEN "Recommend" >= 9 THEN 1.0 WHEN "Recommend" IS NOT NULL THEN 0.0 END)
                - avg(CASE WHEN "Recommend" <= 6 THEN 1.0 WHEN "Recommend" IS NOT NULL THEN 0.0 END)) AS nps,
           100 * avg(CASE WHEN "Satisfaction" >= 4 THEN 1.0 WHEN "Satisfaction" IS NOT NULL THEN 0.0 END) AS csat,
           count(*) AS n
    FROM read_csv('${survey}', header = true, columns = {
      'Response ID': 'VARCHAR', 'Customer ID': 'VARCHAR', 'Submitted': 'DATE', 'Customer group': 'VARCHAR', 'Region': 'VARCHAR',
      'Recommend': 'INTEGER', 'Satisfaction': 'INTEGER', 'Product': 'INTEGER', 'Service': 'INTEGER', 'Reliability': 'INTEGER',
      'Value': 'INTEGER', 'Emotional': 'INTEGER', 'Comment': 'VARCHAR'})
    GROUP BY ALL ORDER BY segment`);
  const byCustomer = await connection.runAndReadAll(`
    SELECT count(*) AS customers, sum(orders) AS orders, sum(revenue) AS revenue FROM (
      SELECT "Customer ID", count(*) AS orders, sum("Order value") AS revenue
      FROM read_csv('${orders}', header = true, columns = {
        'Order ID': 'VARCHAR', 'Customer ID': 'VARCHAR', 'Order date': 'DATE', 'Order value': 'DOUBLE', 'Status': 'VARCHAR'})
      WHERE "Status" NOT IN ('cancelled', 'returned')
      GROUP BY ALL)`);
  const seconds = (performance.now() - started) / 1000;
  const segments = bySegment.getRows().length;
  const [row] = byCustomer.getRows();
  connection.closeSync();
  instance.closeSync();
  return {
    seconds,
    summary: `${segments} segments, orders ${row?.[1]}, revenue ${Number(row?.[2]).toFixed(0)}`,
  };
}

/**
 * DuckDB doing the same work as our path: the SQL the project generates from the manifest
 * (every check the reader makes, duplicate ids, every histogram per cell, both outcomes'
 * driver cross-products, the survey × orders join, behaviour per customer, comments grouped
 * for theming), and the states built from its results, without the Explore cells our path
 * does not compute either. A fresh instance each run, like the two-aggregate one.
 */
async function duckdbSameWork(dir: string): Promise<{ seconds: number; summary: string }> {
  const started = performance.now();
  const { states, diagnostics } = await reduceWithSql(dir, 'bench', { explore: false });
  const seconds = (performance.now() - started) / 1000;
  if (!states)
    throw new Error(`the SQL path refused the bench snapshot: ${diagnostics[0]?.message}`);
  const b = states.reduced.behaviour!;
  let revenue = 0;
  for (let row = 0; row < b.customers.size; row++) revenue += b.customers.get(row, 'revenue');
  return {
    seconds,
    summary: `${states.reduced.survey.cells.size} cells, revenue ${revenue.toFixed(0)}`,
  };
}

/**
 * Our path once, in this process: its time, summary and peak RSS, the kernel's record of this
 * process's largest resident set (worker threads included). Sampling `memoryUsage()` every 10 ms
 * instead cost 30–35 ms of the main thread's time and could miss a peak between samples.
 */
async function oursOnce(
  dir: string,
): Promise<{ seconds: number; summary: string; peakRss: number }> {
  const result = await ours(dir);
  return { ...result, peakRss: process.resourceUsage().maxRSS * 1024 };
}

/** Runs the bench; see `npx review bench --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('bench', argv);
  if (!args) return;
  const { values } = args;
  const dir = resolve(values.dir);
  if (values.once) {
    console.log(JSON.stringify(await oursOnce(dir)));
    return;
  }
  if (values.build) {
    const { benchBuild, PROJECT_ROOT } = await import('./bench-build.ts');
    await benchBuild(PROJECT_ROOT, (line) => console.log(`build: ${line}`));
  }

  const responses = Number(values.responses);
  const orderCount = Number(values.orders);
  console.log(
    `bench: ${responses.toLocaleString('en')} responses, ${orderCount.toLocaleString('en')} orders, ${cpus().length} cores, Node ${process.version}`,
  );
  const g0 = performance.now();
  await generate(dir, responses, orderCount);
  console.log(`generate/reuse data: ${((performance.now() - g0) / 1000).toFixed(1)} s (${dir})`);
  if (values['generate-only']) return;

  let best = { ours: Infinity, duck: Infinity };
  let peakRss = 0;
  for (let run = 0; run < Number(values.runs); run++) {
    // A fresh process: nothing compiled or cached in memory from an earlier run.
    const a = JSON.parse(
      execFileSync(process.execPath, [import.meta.filename, '--once', '--dir', dir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ) as { seconds: number; summary: string; peakRss: number };
    peakRss = Math.max(peakRss, a.peakRss);
    console.log(`ours   run ${run + 1}: ${a.seconds.toFixed(2)} s  (${a.summary})`);
    const b = await duckdb(dir);
    console.log(`duckdb run ${run + 1}: ${b.seconds.toFixed(2)} s  (${b.summary})`);
    best = { ours: Math.min(best.ours, a.seconds), duck: Math.min(best.duck, b.seconds) };
  }
  const ratio = best.ours / best.duck;
  const rowsPerSecond = (responses + orderCount) / best.ours;
  console.log(`best: ours ${best.ours.toFixed(2)} s, duckdb ${best.duck.toFixed(2)} s`);
  if (values['same-work']) {
    // Once: the generated SQL takes about 20 s on the default snapshot (docs/performance.md).
    const c = await duckdbSameWork(dir);
    console.log(
      `fair: duckdb doing the same work (generated SQL) ${c.seconds.toFixed(2)} s (${c.summary}), ratio_vs_duckdb_same_work=${(best.ours / c.seconds).toFixed(2)} (two aggregates only: ratio ${ratio.toFixed(2)})`,
    );
  }
  console.log(
    `bench: ratio_vs_duckdb=${ratio.toFixed(2)} peak_rss_mb=${Math.round(peakRss / 2 ** 20)} rows_per_s=${Math.round(rowsPerSecond)}`,
  );
}

if (import.meta.main) await runCli('bench', main);
