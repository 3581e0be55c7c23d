/**
 * `npx review bench-validate` (`npm run bench:validate`): times `validate` (table and `--json` output) and records its peak
 * memory on a generated valid survey snapshot of --rows responses (default 120,000) and on
 * copies of it where every row has an error: a numeric column mapped to `date` (a draft's
 * mistake), and a 1–5 item full of 9s. Each run is a fresh process, as an analyst runs it; the
 * snapshots are written to a temporary folder and removed afterwards. Besides wall time it
 * reports CPU time (user + system), which a shared machine's load disturbs far less.
 * Options: --rows N --runs N (best of N runs per case, default 1).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ManifestInput } from '../contracts/manifest-schema.ts';
import { createRandom } from '../demo/demo-generator.ts';
import { runCli } from './cli-support.ts';
import { parseCommand } from './command-line.ts';
import { writeLines } from './write-lines.ts';

const GROUPS = ['Business', 'Eco', 'Eco Plus'];

/** Writes a survey export of `rows` responses, with a numeric "Flight Distance" column. */
async function writeSurvey(path: string, rows: number, comfort: string): Promise<void> {
  const rand = createRandom(7);
  const header = 'id,Class,Flight Distance,Recommend,Seat comfort,Satisfaction';
  await writeLines(path, header, rows, (i) =>
    [
      String(i + 1),
      GROUPS[rand.int(0, 2)],
      String(rand.int(31, 4983)),
      String(rand.int(0, 10)),
      comfort,
      String(rand.int(1, 5)),
    ].join(','),
  );
}

function manifest(id: string, distanceAsDate: boolean): ManifestInput {
  return {
    id,
    period: 'Q3 2026',
    start: '2026-07-01',
    end: '2026-09-30',
    segments: {
      class: { label: 'Class', levels: Object.fromEntries(GROUPS.map((g) => [g, {}])) },
    },
    items: {
      recommend: { scale: [0, 10] },
      seat: { scale: [1, 5] },
      satisfaction: { scale: [1, 5] },
    },
    tables: {
      survey: {
        file: 'survey.csv',
        columns: {
          response_id: 'id',
          class: 'Class',
          recommend: 'Recommend',
          seat: 'Seat comfort',
          satisfaction: 'Satisfaction',
          ...(distanceAsDate ? { date: 'Flight Distance' } : {}),
        },
        format: { ignore: distanceAsDate ? [] : ['Flight Distance'] },
      },
    },
  };
}

/** A snapshot folder of `rows` responses; returns its path. */
async function writeCase(
  root: string,
  id: string,
  rows: number,
  comfort: string,
  distanceAsDate: boolean,
): Promise<string> {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest(id, distanceAsDate)));
  await writeSurvey(join(dir, 'survey.csv'), rows, comfort);
  return dir;
}

interface Run {
  seconds: number;
  cpuSeconds: number;
  rssMb: number;
  status: number;
}

/** Wall time, CPU time and peak RSS of one `validate` process. */
function run(dir: string, json: boolean): Run {
  const node = process.execPath;
  const script = resolve(import.meta.dirname, 'validate.ts');
  const started = performance.now();
  const child = spawnSync(
    '/usr/bin/time',
    ['-f', '%U %S %M', node, script, dir, ...(json ? ['--json'] : [])],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  const seconds = (performance.now() - started) / 1000;
  const [user, system, kb] = child.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return {
    seconds,
    cpuSeconds: user! + system!,
    rssMb: Math.round(kb! / 1024),
    status: child.status ?? -1,
  };
}

/** Runs the validate bench; see `npx review bench-validate --help`. */
export async function main(argv: readonly string[]): Promise<void> {
  const args = parseCommand('bench-validate', argv);
  if (!args) return;
  const { values } = args;
  const rows = Number(values.rows);
  const runs = Number(values.runs);
  const root = mkdtempSync(join(tmpdir(), 'bench-validate-'));
  try {
    const cases = [
      ['valid', await writeCase(root, 'valid', rows, '4', false)],
      ['number as date', await writeCase(root, 'as-date', rows, '4', true)],
      ['1–5 item of 9s', await writeCase(root, 'nines', rows, '9', false)],
    ] as const;
    process.stdout.write(`validate on ${rows.toLocaleString('en')} responses, best of ${runs}\n`);
    for (const [name, dir] of cases) {
      for (const json of [false, true]) {
        const all = Array.from({ length: runs }, () => run(dir, json));
        const best = (key: 'seconds' | 'cpuSeconds') =>
          all.reduce((min, r) => Math.min(min, r[key]), Infinity);
        process.stdout.write(
          `${name.padEnd(16)} ${json ? '--json' : 'table '}  ${best('seconds').toFixed(2)} s wall  ${best('cpuSeconds').toFixed(2)} s CPU  ${all.reduce((max, r) => Math.max(max, r.rssMb), 0)} MB  exit ${all[0]!.status}\n`,
        );
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.main) await runCli('bench-validate', main);
