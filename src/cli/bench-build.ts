/**
 * `npm run bench -- --build`: what users wait for, site builds as `npm run build` runs them, each
 * a fresh process over copies in a temporary folder, with its own snapshot cache:
 * - the demo (8 quarters, published): a fresh build, a rebuild with nothing changed, and a
 *   rebuild after adding a quarter (its snapshot and published report) to the other seven;
 * - 40 demo-size quarters from the demo generator, each published in turn with the report
 *   commands (so the committed frozen bytes per quarter are measured, not estimated): a fresh
 *   build and a rebuild with nothing changed.
 * The no-change rebuilds of 8 and of 40 quarters run three times each, alternated; their 40 / 8
 * ratio compares each side's least CPU.
 * Each build's wall time, CPU time (user + system, of the build's process) and peak RSS (of the
 * build's process; Pagefind's own binary is not counted), and the data phase's summary line.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadReviews } from '../build/review-data.ts';
import { LAST_SECONDS } from '../build/reviews-loader.ts';
import { snapshotCacheDir } from '../build/snapshot-cache.ts';
import { DEFAULT_DEMO, generateDemo } from '../demo/demo-generator.ts';
import { nodeEffects, type CommandEffects } from './cli-support.ts';
import { finishDraft } from './finish-draft.ts';
import { newReport, publishReport } from './report-workflow.ts';

/** One build's cost. */
export interface BuildCost {
  wall: number;
  cpu: number;
  peakRssMb: number;
  /** The data phase's line, e.g. "snapshots: 8 (8 from cache, 0 parsed) in 0.2 s". */
  summary: string;
  /** Its seconds, unrounded (the line says them to a tenth). */
  dataSeconds: number;
  /** The pages and downloads it rendered, with the milliseconds Astro's log gives each. */
  rendered: Map<string, number>;
}

/**
 * Writes the build process's resource usage and its data phase's seconds, unrounded (the
 * loader's LAST_SECONDS), to BENCH_USAGE as it exits.
 */
const USAGE_HOOK = `data:text/javascript,${encodeURIComponent(
  `import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.BENCH_USAGE, JSON.stringify({ usage: process.resourceUsage(), dataSeconds: globalThis[Symbol.for(${JSON.stringify(LAST_SECONDS.description)})] ?? null })));`,
)}`;

/** Runs `npm run build`'s command on a data and reports folder with a cache folder. */
function build(root: string, work: string, cache: string): BuildCost {
  const usage = join(work, 'usage.json');
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    // Board packs are left out: Chromium printing PDFs is not the build's data or rendering.
    [
      '--import',
      USAGE_HOOK,
      join(root, 'src/cli/review.ts'),
      'build',
      '--outDir',
      join(work, 'dist'),
      '--boardPacks',
      'no',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: {
        ...process.env,
        REVIEW_DATA_DIR: join(work, 'data'),
        REVIEW_REPORTS_DIR: join(work, 'reports'),
        ASTRO_CACHE_DIR: cache,
        ASTRO_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        BENCH_USAGE: usage,
      },
    },
  );
  const wall = (performance.now() - started) / 1000;
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`build failed:\n${output.slice(-4000)}`);
  const { usage: used, dataSeconds } = JSON.parse(readFileSync(usage, 'utf8')) as {
    usage: NodeJS.ResourceUsage;
    dataSeconds: number | null;
  };
  const summary = /snapshots: \d+ \(\d+ from cache, \d+ parsed\) in ([\d.]+) s/.exec(output);
  if (!summary || dataSeconds === null)
    throw new Error(`the build printed no data summary:\n${output.slice(-4000)}`);
  return {
    wall,
    cpu: (used.userCPUTime + used.systemCPUTime) / 1e6,
    peakRssMb: Math.round(used.maxRSS / 1024),
    summary: summary[0],
    dataSeconds,
    rendered: renderedRoutes(output),
  };
}

/**
 * The routes a build rendered, from Astro's log ("├─ /path (+12ms)" or "(+1.05s)"; a page copied
 * from the last build says "(restored)" and is not one).
 */
function renderedRoutes(output: string): Map<string, number> {
  const routes = new Map<string, number>();
  for (const [, path, amount, unit] of output.matchAll(/├─ (\S+) \(\+([\d.]+)(ms|s)\)/g))
    routes.set(path!, Number(amount) * (unit === 's' ? 1000 : 1));
  return routes;
}

/**
 * What adding a quarter must cost at least: a build with nothing changed (Astro's start-up, the
 * pages made from every period), that quarter's data phase, and rendering the pages that change
 * (those the added build rendered and a no-change build does not), timed as the fresh build of
 * the same quarters rendered them.
 */
function addedBase(added: BuildCost, again: BuildCost, fresh: BuildCost) {
  const changed = [...added.rendered.keys()].filter((path) => !again.rendered.has(path));
  const rendering = changed.reduce((sum, path) => sum + (fresh.rendered.get(path) ?? 0), 0) / 1000;
  return { cpu: again.cpu + added.dataSeconds + rendering, pages: changed.length, rendering };
}

/** A no-change rebuild's data phase against a fresh build's: "3.1% (0.031 s / 0.99 s)". */
function phase(again: BuildCost, fresh: BuildCost): string {
  const share = (100 * again.dataSeconds) / fresh.dataSeconds;
  return `${share.toFixed(1)}% (${again.dataSeconds.toFixed(3)} s / ${fresh.dataSeconds.toFixed(2)} s)`;
}

/** How many no-change rebuilds of 8 and of 40 quarters the 40 / 8 comparison takes the best of. */
const REBUILD_RUNS = 3;

/** A build's cost in one line. */
function line(name: string, c: BuildCost): string {
  return `${name.padEnd(30)} ${c.wall.toFixed(1).padStart(6)} s wall ${c.cpu.toFixed(1).padStart(6)} s CPU ${String(c.peakRssMb).padStart(5)} MB peak  ${String(c.rendered.size).padStart(3)} pages rendered  ${c.summary}`;
}

/** Every quarter of `dataDir` published in turn by the report commands; returns their bytes. */
async function publishAll(root: string, dataDir: string, reportsDir: string, cacheDir: string) {
  const ids = readdirSync(dataDir).sort();
  let bytes = 0;
  for (const id of ids) {
    const review = await loadReviews(dataDir, root, { cacheDir, upTo: id });
    const end = review.reviews.at(-1)!.end;
    // Published three weeks after the quarter's end, as the demo's reports are.
    const date = new Date(Date.parse(end) + 21 * 86_400_000).toISOString().slice(0, 10);
    const fx: CommandEffects = { ...nodeEffects, today: () => date, out: () => {} };
    const draft = newReport(review, id, reportsDir, fx);
    fx.writeFile(draft, finishDraft(fx.readFile(draft)));
    const [, frozen] = publishReport(review, id, reportsDir, fx);
    bytes += statSync(frozen!).size;
  }
  return { quarters: ids.length, bytes };
}

/**
 * The build-level figures, as lines to print.
 * @param root the project
 */
export async function benchBuild(root: string, log: (line: string) => void): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'bench-build-'));
  try {
    // The demo: 8 published quarters.
    const demo = join(base, 'demo');
    cpSync(join(root, 'data'), join(demo, 'data'), { recursive: true });
    cpSync(join(root, 'reports'), join(demo, 'reports'), { recursive: true });
    const demoCache = join(base, 'demo-cache');
    const fresh8 = build(root, demo, demoCache);
    log(line('8 quarters, fresh', fresh8));
    const again8 = build(root, demo, demoCache);
    log(line('8 quarters, nothing changed', again8));

    // Seven quarters built, then the eighth added with its published report (and the action
    // register, which cites it).
    const seven = join(base, 'seven');
    const ids = readdirSync(join(root, 'data'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const last = ids.at(-1)!;
    for (const id of ids.slice(0, -1)) {
      cpSync(join(root, 'data', id), join(seven, 'data', id), { recursive: true });
      cpSync(join(root, 'reports', id), join(seven, 'reports', id), { recursive: true });
    }
    const sevenCache = join(base, 'seven-cache');
    build(root, seven, sevenCache);
    cpSync(join(root, 'data', last), join(seven, 'data', last), { recursive: true });
    cpSync(join(root, 'reports', last), join(seven, 'reports', last), { recursive: true });
    cpSync(join(root, 'data/actions.csv'), join(seven, 'data/actions.csv'));
    const added = build(root, seven, sevenCache);
    log(line(`8 quarters, ${last} added`, added));

    // 40 demo-size quarters, published one after another by the report commands.
    const forty = join(base, 'forty');
    mkdirSync(join(forty, 'reports'), { recursive: true });
    for (const snapshot of generateDemo({ ...DEFAULT_DEMO, quarters: 40 })) {
      mkdirSync(join(forty, 'data', snapshot.id), { recursive: true });
      for (const [name, text] of Object.entries(snapshot.files))
        writeFileSync(join(forty, 'data', snapshot.id, name), text);
    }
    const published = performance.now();
    const committed = await publishAll(
      root,
      join(forty, 'data'),
      join(forty, 'reports'),
      snapshotCacheDir(join(base, 'publish-cache')),
    );
    log(
      `40 quarters published one by one in ${((performance.now() - published) / 1000).toFixed(1)} s: ${Math.round(committed.bytes / 1024)} KB of frozen figures, ${(committed.bytes / committed.quarters / 1024).toFixed(1)} KB per published quarter`,
    );
    const fortyCache = join(base, 'forty-cache');
    const fresh40 = build(root, forty, fortyCache);
    log(line('40 quarters, fresh', fresh40));
    let again40 = build(root, forty, fortyCache);
    log(line('40 quarters, nothing changed', again40));
    // The 40 / 8 comparison takes each side's best of three no-change rebuilds, alternated, for
    // the reason the data bench takes best of five: a shared machine's speed moves between two
    // builds by more than what is compared (docs/performance.md has the spread of single runs).
    let best8 = again8;
    for (let run = 2; run <= REBUILD_RUNS; run++) {
      const more8 = build(root, demo, demoCache);
      log(line(`8 quarters, nothing changed (${run})`, more8));
      const more40 = build(root, forty, fortyCache);
      log(line(`40 quarters, nothing changed (${run})`, more40));
      if (more8.cpu < best8.cpu) best8 = more8;
      if (more40.cpu < again40.cpu) again40 = more40;
    }

    log(
      `no-change data phase / fresh: ${phase(again8, fresh8)} (8 quarters), ${phase(again40, fresh40)} (40)`,
    );
    const least = addedBase(added, again8, fresh8);
    log(
      `add a quarter / (nothing changed + that quarter's data phase + rendering the ${least.pages} pages that change, ${least.rendering.toFixed(2)} s): ${(added.cpu / least.cpu).toFixed(2)} (CPU)`,
    );
    log(
      `40 / 8 quarters CPU: ${(fresh40.cpu / fresh8.cpu).toFixed(2)} fresh, ${(again40.cpu / best8.cpu).toFixed(2)} nothing changed (best of ${REBUILD_RUNS}: ${again40.cpu.toFixed(2)} s / ${best8.cpu.toFixed(2)} s); peak RSS ${fresh40.peakRssMb} MB (40, fresh) against ${fresh8.peakRssMb} MB (8)`,
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** The project root this module belongs to. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
