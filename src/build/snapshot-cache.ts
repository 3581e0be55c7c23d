/**
 * What a build keeps of each snapshot between builds, so that a build costs what changed: a
 * folder the build owns (`review-snapshots/` under Astro's cache folder, `node_modules/.astro/`
 * unless `ASTRO_CACHE_DIR` says otherwise), outside the staging folder of the atomic build, with
 * one sub-folder per snapshot holding
 * - `figures-<key>.json`: its own figures (everything but the action follow-up, which reads the
 *   whole register and is added at every load), the diagnostics of its reading and figures, and
 *   the digest of its active customers;
 * - `customers-<key>.json`: its active customers with their groups, what the next period's
 *   customer-base movement reads (written only when it had orders);
 * - `explore-<key>.json`: its Explore data.
 *
 * A key is a sha256 over everything the entry depends on (review-data.ts makes them): the code
 * that computes it (`codeVersion`), the snapshot's content hash (from its files' bytes,
 * reading/snapshot-identity.ts) and the folder name diagnostics show; for the figures also what
 * the earlier periods hand on (the previous period's estimates and every earlier period's
 * customers, by digest). An entry is written only for a snapshot read without an error, under the
 * hash its reading gave, by a write to a new file renamed into place, so neither a failed build nor
 * one stopped half-way leaves an entry that says something else than its key. An entry that cannot
 * be read back as what it should hold is said and ignored: the snapshot is read again. Entries
 * are checked for their shape only, not validated field by field: this code wrote them, under a
 * key that includes its own version, and the content loader validates every figure again
 * (`ReviewsEntrySchema`) before a page reads it, as the build does a frozen file.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPLORE_FORMAT, type ExplorePeriodFile } from '../contracts/explore-schema.ts';
import { FIGURES_FORMAT } from '../contracts/figures-schema.ts';
import type { ActiveCustomers } from '../figures/behaviour-figures.ts';
import type { OwnFigures } from '../figures/review-figures.ts';
import { DIAGNOSTICS, type Diagnostic } from '../reading/diagnostics.ts';
import type { IdSpace } from '../reducing/pseudonyms.ts';

/** Version of the entries' layout; part of every key, so a new layout starts afresh. */
const CACHE_FORMAT = 2;

/** The source folders whose code decides what an entry holds (views, pages and CLI do not). */
const DATA_PATH = ['contracts', 'reading', 'reducing', 'statistics', 'metrics', 'figures', 'build'];

/** Every `.ts` file (tests aside) under a folder, sorted. */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * The version of the code that computes a snapshot's figures: a sha256 over the source of the
 * layers up to the figures and of the build's pipeline, the lockfile (the libraries' versions),
 * the Node version and this cache's layout. Any edit there (a significance level, a definition)
 * makes every entry a miss.
 * @param src the source folder (this module's parent by default)
 * @throws when it holds no source of those layers
 */
export function codeVersion(src = fileURLToPath(new URL('..', import.meta.url))): string {
  const hash = createHash('sha256');
  hash.update(`cache ${CACHE_FORMAT}\0node ${process.version}\0`);
  const sources = DATA_PATH.flatMap((folder) => sourceFiles(join(src, folder)));
  // A version over no source would not change with the code: every entry would look current.
  if (sources.length === 0) throw new Error(`codeVersion requires the source folder (${src})`);
  const files = [...sources, join(src, 'site-settings.ts'), join(src, '..', 'package-lock.json')];
  for (const file of files) {
    hash.update(`${relative(src, file)}\0`);
    if (existsSync(file)) hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * The version of the code a page is made with: `codeVersion` and every other file under `src/`
 * (views, pages, styles and the data files they read), tests aside. Astro keeps a page from the
 * last build only while the page's module graph is unchanged; this also covers a file a page
 * reads without importing it, and settles the question for every file at once.
 * @param code `codeVersion(src)`, when already known
 */
export function siteCodeVersion(src: string, code = codeVersion(src)): string {
  const hash = createHash('sha256').update(`${code}\0`);
  const files = readdirSync(src, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of files)
    hash
      .update(`${relative(src, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex');
}

/** A key from its parts: sha256 (hex) of the parts, each ended by a NUL. */
export function cacheKey(...parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part}\0`);
  return hash.digest('hex');
}

/** What a figures entry holds. */
export interface CachedFigures {
  figures: OwnFigures;
  /** The snapshot's diagnostics (its reading's and its figures'), warnings only. */
  diagnostics: Diagnostic[];
  /** Digest of its active customers (`customers-<key>.json`); null when it had no orders. */
  activeDigest: string | null;
  /** The form its customer ids are in (reducing/pseudonyms.ts), what the next period matches. */
  space: IdSpace;
}

/** Active customers by column: ids, and for each group dimension each customer's level. */
interface CustomersEntry {
  dimensions: Array<{
    name: string;
    levels: string[];
    /** Index into levels for each customer (-1: no level). */
    codes: number[];
  }>;
  ids: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a figures entry has the shape of one of `snapshot`. */
const isFiguresOf =
  (snapshot: string) =>
  (json: unknown): json is CachedFigures =>
    isObject(json) &&
    isObject(json.figures) &&
    json.figures.id === snapshot &&
    json.figures.format === FIGURES_FORMAT &&
    Array.isArray(json.diagnostics) &&
    json.diagnostics.every((d) => isObject(d) && Object.hasOwn(DIAGNOSTICS, String(d.id))) &&
    (json.activeDigest === null || typeof json.activeDigest === 'string') &&
    typeof json.space === 'string';

/** Whether a customers entry has the shape of one (a level code for every customer). */
const isCustomersEntry = (json: unknown): json is CustomersEntry =>
  isObject(json) &&
  Array.isArray(json.ids) &&
  Array.isArray(json.dimensions) &&
  json.dimensions.every(
    (d) =>
      isObject(d) &&
      Array.isArray(d.levels) &&
      Array.isArray(d.codes) &&
      d.codes.length === (json.ids as unknown[]).length,
  );

/** Whether an Explore entry has the shape of one of `snapshot`. */
const isExploreOf =
  (snapshot: string) =>
  (json: unknown): json is ExplorePeriodFile =>
    isObject(json) && json.id === snapshot && json.format === EXPLORE_FORMAT;

/** The text of active customers as a customers entry holds them. */
export function encodeCustomers(active: ActiveCustomers): string {
  const dimensions = new Map<string, { levels: Map<string, number>; codes: number[] }>();
  let row = 0;
  for (const segments of active.values()) {
    for (const [name, level] of Object.entries(segments)) {
      if (level === undefined) continue;
      let d = dimensions.get(name);
      if (!d) {
        d = { levels: new Map(), codes: new Array<number>(active.size).fill(-1) };
        dimensions.set(name, d);
      }
      let code = d.levels.get(level);
      if (code === undefined) d.levels.set(level, (code = d.levels.size));
      d.codes[row] = code;
    }
    row += 1;
  }
  const entry: CustomersEntry = {
    dimensions: [...dimensions].map(([name, d]) => ({
      name,
      levels: [...d.levels.keys()],
      codes: d.codes,
    })),
    ids: [...active.keys()],
  };
  return JSON.stringify(entry);
}

/** Active customers from a customers entry's contents. */
function decodeCustomers(data: CustomersEntry): ActiveCustomers {
  const active = new Map<string, Record<string, string | undefined>>();
  data.ids.forEach((id, row) => {
    const segments: Record<string, string | undefined> = {};
    for (const d of data.dimensions) {
      const code = d.codes[row]!;
      if (code >= 0) segments[d.name] = d.levels[code];
    }
    active.set(id, segments);
  });
  return active;
}

/** Digest of an entry's text (what a key built on it names). */
export function textDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface SnapshotCache {
  /** The folder. */
  dir: string;
  readFigures(snapshot: string, key: string): CachedFigures | undefined;
  writeFigures(snapshot: string, key: string, entry: CachedFigures): void;
  /** Whether a customers entry exists (read only when a later period is recomputed). */
  hasCustomers(snapshot: string, key: string): boolean;
  readCustomers(snapshot: string, key: string): ActiveCustomers | undefined;
  /** Writes a customers entry (its text from `encodeCustomers`). */
  writeCustomers(snapshot: string, key: string, text: string): void;
  readExplore(snapshot: string, key: string): ExplorePeriodFile | undefined;
  writeExplore(snapshot: string, key: string, file: ExplorePeriodFile): void;
}

type Kind = 'figures' | 'customers' | 'explore';

/**
 * The cache in `dir` (made when first written to).
 * @param log where an entry that cannot be read back is said
 */
export function openSnapshotCache(dir: string, log: (message: string) => void): SnapshotCache {
  const path = (snapshot: string, kind: Kind, key: string) =>
    join(dir, snapshot, `${kind}-${key}.json`);

  /** An entry's contents when they have its shape; undefined when absent or not (said). */
  const read = <T>(
    snapshot: string,
    kind: Kind,
    key: string,
    shaped: (json: unknown) => json is T,
  ): T | undefined => {
    const file = path(snapshot, kind, key);
    if (!existsSync(file)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      log(
        `cache entry ${file} is not JSON (${(error as Error).message}): ${snapshot} is read again`,
      );
      return undefined;
    }
    if (shaped(json)) return json;
    log(`cache entry ${file} does not hold ${snapshot}'s ${kind}: it is read again`);
    return undefined;
  };

  /** Writes an entry by renaming a finished file into place; other entries of its kind go. */
  // One entry per kind and snapshot: the others are of an earlier state of it.
  const write = (snapshot: string, kind: Kind, key: string, text: string) =>
    replaceEntry(path(snapshot, kind, key), `${kind}-`, (partial) => writeFileSync(partial, text));

  return {
    dir,
    readFigures: (snapshot, key) => read(snapshot, 'figures', key, isFiguresOf(snapshot)),
    writeFigures: (snapshot, key, entry) => write(snapshot, 'figures', key, JSON.stringify(entry)),
    hasCustomers: (snapshot, key) => existsSync(path(snapshot, 'customers', key)),
    readCustomers: (snapshot, key) => {
      const data = read(snapshot, 'customers', key, isCustomersEntry);
      return data && decodeCustomers(data);
    },
    writeCustomers: (snapshot, key, text) => write(snapshot, 'customers', key, text),
    readExplore: (snapshot, key) => read(snapshot, 'explore', key, isExploreOf(snapshot)),
    writeExplore: (snapshot, key, file) => write(snapshot, 'explore', key, JSON.stringify(file)),
  };
}

/**
 * The snapshot cache's folder inside Astro's cache folder (the build's `config.cacheDir`; for
 * the commands, `ASTRO_CACHE_DIR` or `node_modules/.astro`, as astro.config.mjs sets it).
 */
export function snapshotCacheDir(astroCacheDir: string): string {
  return join(astroCacheDir, 'review-snapshots');
}

/**
 * The cache folder of one data folder's snapshots, inside the snapshot cache: one checkout often
 * builds more than one site (the fixture site the tests check, the demo, an analyst's own
 * folder) whose snapshots share folder names ("2026-Q1"), and one cache slot per name made each
 * build evict the other's entries. Named by the data folder's name and a digest of its path
 * relative to the project, so the slot survives a move of the whole checkout.
 * @example dataCacheDir('.../review-snapshots', 'data') // '.../review-snapshots/data-<12 hex>'
 */
export function dataCacheDir(snapshotCache: string, displayData: string): string {
  const digest = createHash('sha256').update(displayData).digest('hex').slice(0, 12);
  const name = basename(displayData).replace(/[^\w-]/g, '_');
  return join(snapshotCache, `${name}-${digest}`);
}

/**
 * The cache folder (`dataCacheDir`) of the data folder `dataDir` of the project at `root`, named
 * by the data folder as diagnostics show it.
 */
export function dataCacheOf(snapshotCache: string, root: string, dataDir: string): string {
  return dataCacheDir(snapshotCache, relative(root, resolve(root, dataDir)) || '.');
}

/** Astro's cache folder as astro.config.mjs sets it, for a command run outside Astro. */
export function astroCacheDir(root: string, env = process.env.ASTRO_CACHE_DIR): string {
  return resolve(root, env || 'node_modules/.astro');
}

/**
 * Writes a file whole or not at all: `fill` writes a partial file, which is then renamed into
 * place (a build stopped half-way leaves no file that says something else than its name).
 * @throws what the file system throws
 */
export function writeWhole(file: string, fill: (partial: string) => void): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fill(partial);
  renameSync(partial, file);
}

/**
 * Whether a file in a cache folder is another process's `writeWhole` still under way: its partial
 * file, named with the pid of a process that is running. Removing it would make that process's
 * rename fail (two builds, or a build beside `npm run dev`, share the cache); a partial file
 * whose process is gone is left over from a build that stopped half-way, and may go.
 */
export function isWriteUnderWay(name: string): boolean {
  const pid = /\.(\d+)\.partial$/.exec(name)?.[1];
  if (pid === undefined) return false;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    // EPERM: the process runs under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes a cache entry whole or not at all (`writeWhole`) and removes the other entries of its
 * folder whose names start with `prefix`: earlier states of the same thing (not another
 * process's write under way).
 * @throws what the file system throws; callers decide whether a cache that cannot be written
 *   matters
 */
export function replaceEntry(file: string, prefix: string, fill: (partial: string) => void): void {
  writeWhole(file, fill);
  const folder = dirname(file);
  for (const name of readdirSync(folder))
    if (name.startsWith(prefix) && join(folder, name) !== file && !isWriteUnderWay(name))
      rmSync(join(folder, name), { force: true });
}

/**
 * What a build keeps in `dir` under `<name>-<key>.json` (the key names everything it is made
 * from), or undefined when there is none or it cannot be read.
 */
export function readKept(dir: string, name: string, key: string): Buffer<ArrayBuffer> | undefined {
  const file = join(dir, `${name}-${key}.json`);
  try {
    return existsSync(file) ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps `data` under `<name>-<key>.json` in `dir`, replacing the name's entries under other keys.
 * A write that fails is passed over: a cache that cannot be written costs the next build the
 * work, nothing else.
 */
export function writeKept(dir: string, name: string, key: string, data: string | Uint8Array): void {
  try {
    replaceEntry(join(dir, `${name}-${key}.json`), `${name}-`, (partial) =>
      writeFileSync(partial, data),
    );
  } catch {
    // Not kept.
  }
}

/**
 * Text computed at every build from inputs that rarely change (each Explore page's reference
 * figures: a few dozen selections' figures, about 70 ms a period), kept in `dir` under
 * `<name>-<key>.json` (`readKept`, `writeKept`). Returned as its UTF-8 bytes, what a page's
 * response is made of: a kept entry is never decoded and encoded again. An entry that cannot be
 * read is computed again.
 */
export function cachedBytes(
  dir: string,
  name: string,
  key: string,
  compute: () => string,
): Uint8Array<ArrayBuffer> {
  const kept = readKept(dir, name, key);
  if (kept) return kept;
  const bytes = Buffer.from(compute(), 'utf8');
  writeKept(dir, name, key, bytes);
  return bytes;
}
