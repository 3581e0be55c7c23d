/**
 * Runs the pipeline over a data folder: reads and reduces each snapshot (reading, reducing),
 * computes its review figures in time order (figures), and the history across periods. The one
 * entry point the site, the CLI and the tests share. All diagnostics are returned together.
 * Given a cache folder (snapshot-cache.ts), a snapshot whose files, code and carry are those of a
 * kept entry is not read: its figures (and Explore data) are the entry's.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join, relative, resolve } from 'node:path';
import type { Action } from '../contracts/action-schema.ts';
import type { ExplorePeriodFile } from '../contracts/explore-schema.ts';
import type { HistoryFigures, ReviewFigures } from '../contracts/figures-schema.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';
import { activeCustomersOf, type ActiveCustomers } from '../figures/behaviour-figures.ts';
import { explorePeriod } from '../figures/explore-data.ts';
import { encodeExplorePeriod } from '../figures/explore-period.ts';
import {
  previousPeriodOf,
  reviewFigures,
  withActions,
  type Carry,
  type OwnFigures,
  type SnapshotInput,
} from '../figures/review-figures.ts';
import { historyOf } from '../figures/trends.ts';
import {
  diagnostic,
  DiagnosticCollector,
  hasErrors,
  type Diagnostic,
} from '../reading/diagnostics.ts';
import { readActions } from '../reading/read-actions.ts';
import type { TableSummary } from '../reading/read-snapshot.ts';
import { readManifest } from '../reading/read-manifest.ts';
import { fileHashes } from '../reading/read-snapshot.ts';
import { snapshotIdentity } from '../reading/snapshot-identity.ts';
import {
  reduceSnapshot,
  type ReduceOptions,
  type ReduceResult,
} from '../reducing/reduce-snapshot.ts';
import { reduceExplore } from '../reducing/explore-reducers.ts';
import {
  holdsCustomerIds,
  idSpaceOf,
  PSEUDONYM_KEY_ENV,
  pseudonymiseStates,
  pseudonymiserFromEnv,
  pseudonymsOf,
  type IdSpace,
  type Pseudonymiser,
} from '../reducing/pseudonyms.ts';
import { siteSettings } from '../site-settings.ts';
import { FileStamps } from './file-stamps.ts';
import {
  cacheKey,
  codeVersion,
  dataCacheOf,
  encodeCustomers,
  openSnapshotCache,
  textDigest,
  type SnapshotCache,
} from './snapshot-cache.ts';

export interface ReviewData {
  /** One per snapshot that loaded without errors, oldest first. */
  reviews: ReviewFigures[];
  /** The Explore page's data of each of those snapshots, when asked for (`explore: true`). */
  explore: ExplorePeriodFile[];
  history: HistoryFigures;
  actions: Action[];
  diagnostics: Diagnostic[];
  summary: LoadSummary;
}

/** What a load read and what it took from the cache. */
export interface LoadSummary {
  /** Snapshot folders looked at. */
  snapshots: number;
  /** Of those, taken from the cache without reading a row. */
  fromCache: number;
  /** Of those, read (as diagnostics name them, e.g. "data/2026-Q3"). */
  parsed: string[];
  /** Seconds the load took. */
  seconds: number;
}

/**
 * The one line a load is summed up in, e.g. "snapshots: 8 (7 from cache, 1 parsed) in 1.2 s".
 * @param seconds the time to show (the summary's own by default; a loader adds its storing)
 */
export function summaryLine(summary: LoadSummary, seconds = summary.seconds): string {
  return `snapshots: ${summary.snapshots} (${summary.fromCache} from cache, ${summary.parsed.length} parsed) in ${seconds.toFixed(1)} s`;
}

/** Snapshot folders under `dataDir` (any folder not starting with "." or "_"). */
export function snapshotFolders(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .filter((name) => !name.startsWith('.') && !name.startsWith('_'))
    .filter((name) => statSync(join(dataDir, name)).isDirectory())
    .sort();
}

/**
 * The folders of REVIEW_EXTERNAL_DATA, absolute: the only places outside a snapshot folder its
 * manifest may name files in. Set by whoever runs the command, never by a manifest.
 * @param root the folder relative entries are read from
 */
export function externalDataRoots(root: string, list = siteSettings.externalData): string[] {
  return list
    .split(delimiter)
    .filter((entry) => entry !== '')
    .map((entry) => resolve(root, entry));
}

/**
 * What the figures stage takes for a snapshot that was read and reduced without an error; null
 * when it was not.
 * @param warnings the reader's warnings the review shows
 */
export function snapshotInput(
  { loaded, reducers }: ReduceResult,
  displayDir: string,
  warnings: readonly Diagnostic[],
): SnapshotInput | null {
  if (!loaded.manifest || !loaded.hash || !reducers || hasErrors(loaded.diagnostics)) return null;
  return {
    manifest: loaded.manifest,
    hash: loaded.hash,
    files: fileHashes(loaded.parts),
    displayDir,
    tables: tableSummaries(loaded.tables),
    reduced: reducers,
    warnings,
  };
}

/** The table summaries a review records. */
function tableSummaries(
  tables: Record<string, Omit<TableSummary, 'sha256'> | undefined>,
): ReviewFigures['tables'] {
  const out: ReviewFigures['tables'] = {};
  for (const [name, t] of Object.entries(tables)) {
    if (!t) continue;
    // Only when rows were dropped, so the figures of a clean table are what they always were.
    const dropped = Object.keys(t.dropped).length > 0 ? { dropped: { ...t.dropped } } : {};
    out[name] = { file: t.file, rows: t.rows, used: t.used, ...dropped };
  }
  return out;
}

export interface LoadOptions extends ReduceOptions {
  /**
   * Also build each snapshot's Explore data (figures/explore-data.ts), which reads its survey
   * and tickets a second time: the site asks for it, the CLI's commands do not.
   */
  explore?: boolean;
  /** The snapshot cache's folder (snapshot-cache.ts); without one every snapshot is read. */
  cacheDir?: string;
  /**
   * The last snapshot to load (a report command's): the ones after it are not looked at, the
   * ones before it only for what its carry needs.
   */
  upTo?: string;
  /** What reads a snapshot (tests count the calls). */
  readers?: { reduce: typeof reduceSnapshot; reduceExplore: typeof reduceExplore };
  /**
   * The pseudonym key's pseudonymiser (default: REVIEW_PSEUDONYM_KEY's). With one, raw
   * snapshots' customer ids are pseudonymised as they are read, so a raw period and a reduced
   * one match their customers (retention); without one, ids of raw snapshots stay in clear.
   */
  pseudonymiser?: Pseudonymiser | null;
}

/** Where an earlier period's active customers are: in memory, in the cache, or none. */
type CustomersSource =
  | { kind: 'none' }
  | { kind: 'cached'; folder: string; key: string; dir: string; displayDir: string };

/**
 * The customers the earlier periods hand on (the previous period's active customers and
 * everyone seen before), gathered only when a period is computed: a load whose periods all come
 * from the cache reads no customers at all.
 */
class CustomerCarry {
  /** Everyone seen in the periods merged so far. */
  private readonly seen = new Set<string>();
  private last: ActiveCustomers | null = null;
  /** Periods taken from the cache since the last computed one, oldest first. */
  private pending: CustomersSource[] = [];

  private readonly cache: SnapshotCache | null;
  private readonly reread: (dir: string, displayDir: string) => Promise<ActiveCustomers | null>;

  constructor(
    cache: SnapshotCache | null,
    reread: (dir: string, displayDir: string) => Promise<ActiveCustomers | null>,
  ) {
    this.cache = cache;
    this.reread = reread;
  }

  /** A period taken from the cache. */
  cached(source: CustomersSource): void {
    this.pending.push(source);
  }

  /** The carry of the period to compute now, after the given previous period. */
  async carryFor(previous: Carry['previous']): Promise<Carry> {
    for (const source of this.pending) {
      this.last =
        source.kind === 'none'
          ? null
          : (this.cache?.readCustomers(source.folder, source.key) ??
            (await this.reread(source.dir, source.displayDir)));
      if (this.last) for (const id of this.last.keys()) this.seen.add(id);
    }
    this.pending = [];
    return { previous, previousActive: this.last, seenBefore: this.seen };
  }

  /** The customers of the period just computed. */
  computed(active: ActiveCustomers | null): void {
    this.last = active;
    if (active) for (const id of active.keys()) this.seen.add(id);
  }
}

/**
 * Loads, reduces and computes every snapshot of `dataDir`, one after another in time order: a
 * snapshot's reducers are released once its figures, its Explore data and its active customers
 * (what the next period needs) are computed, so memory follows the largest snapshot, not the
 * number of periods.
 * @param root project root, to show file paths relative to it
 */
export async function loadReviews(
  dataDir: string,
  root: string,
  options: LoadOptions = {},
): Promise<ReviewData> {
  const started = performance.now();
  const diagnostics = new DiagnosticCollector();
  const reduceOptions = {
    ...options,
    externalData: options.externalData ?? externalDataRoots(root),
  };
  const displayData = relative(root, dataDir) || '.';
  const folders = snapshotFolders(dataDir);
  const register = await readActions(
    join(dataDir, 'actions.csv'),
    `${displayData}/actions.csv`,
    folders,
  );
  diagnostics.addAll(register.diagnostics);
  if (folders.length === 0) {
    diagnostics.push(
      diagnostic('no-snapshots', {
        file: displayData,
        message: 'no snapshot folders found',
        hint: 'add a folder per period with a manifest.json and its CSV files, or run `npm run demo-data`',
      }),
    );
    return {
      reviews: [],
      explore: [],
      history: historyOf([]),
      actions: register.actions,
      diagnostics: diagnostics.list(),
      summary: {
        snapshots: 0,
        fromCache: 0,
        parsed: [],
        seconds: (performance.now() - started) / 1000,
      },
    };
  }
  // Customer-base movement needs the periods in time order: sort by the manifests' starts.
  const ordered = folders
    .map((folder) => ({
      folder,
      start: startOf(join(dataDir, folder), `${displayData}/${folder}`),
    }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.folder.localeCompare(b.folder));
  const log = options.log ?? (() => {});
  const cache = options.cacheDir
    ? openSnapshotCache(dataCacheOf(options.cacheDir, root, dataDir), log)
    : null;
  const code = cache ? codeVersion() : '';
  // The data files' digests, reused for files unchanged since the last build (file-stamps.ts).
  const stamps = cache ? new FileStamps(join(cache.dir, 'file-stamps.json')) : null;
  const { reduce, reduceExplore: readExplore } = options.readers ?? {
    reduce: reduceSnapshot,
    reduceExplore,
  };
  const reviews: ReviewFigures[] = [];
  const explore: ExplorePeriodFile[] = [];
  const parsed: string[] = [];
  let fromCache = 0;
  let looked = 0;
  const pseudonymise =
    options.pseudonymiser === undefined ? pseudonymiserFromEnv() : options.pseudonymiser;
  // The form a raw snapshot's customer ids take here: part of its key, as its entries hold them.
  const rawSpace: IdSpace = pseudonymise ? idSpaceOf(pseudonymsOf(pseudonymise)) : 'clear';
  // Reads a period again for its customers only (its cache entry went missing meanwhile).
  const customers = new CustomerCarry(cache, async (dir, displayDir) => {
    parsed.push(displayDir);
    const reduced = await reduce(dir, displayDir, reduceOptions);
    const found = snapshotInput(reduced, displayDir, []);
    const behaviour = found && inSpace(found, reduced, pseudonymise).input.reduced.behaviour;
    return behaviour ? activeCustomersOf(behaviour) : null;
  });
  /**
   * How the carry's customer ids are written (those of the last period with orders); 'mixed'
   * once two forms met, after which no period's movement is computed.
   */
  let carrySpace: IdSpace | 'mixed' | null = null;
  // What the next period's figures depend on before it, by digest: the previous period's
  // estimates, and every earlier period's customers in order.
  let previousDigest = '';
  let customersDigest = '';
  // What the last period read hands to the next one (its estimates and bases), made once.
  let handed: Carry['previous'] = null;
  for (const { folder } of ordered) {
    looked += 1;
    const dir = join(dataDir, folder);
    const displayDir = `${displayData}/${folder}`;
    const identity = stamps
      ? await snapshotIdentity(dir, displayDir, reduceOptions.externalData, (path) =>
          stamps.hash(path),
        )
      : null;
    const ownKey = identity === null ? null : cacheKey(code, identity, displayDir, rawSpace);
    const figuresKey = ownKey === null ? null : cacheKey(ownKey, previousDigest, customersDigest);
    const hit = cache && figuresKey ? cache.readFigures(folder, figuresKey) : undefined;
    const hitExplore =
      cache && ownKey && options.explore ? cache.readExplore(folder, ownKey) : undefined;
    let own: OwnFigures;
    let activeDigest: string | null;
    if (
      cache &&
      ownKey &&
      hit &&
      (hit.activeDigest === null || cache.hasCustomers(folder, ownKey)) &&
      (!options.explore || hitExplore)
    ) {
      fromCache += 1;
      diagnostics.addAll(hit.diagnostics);
      ({ figures: own, activeDigest } = hit);
      // A kept entry holds no error, so its customers matched the carry's form.
      if (activeDigest !== null && carrySpace !== 'mixed') carrySpace = hit.space;
      customers.cached(
        activeDigest === null
          ? { kind: 'none' }
          : { kind: 'cached', folder, key: ownKey, dir, displayDir },
      );
      if (hitExplore) explore.push(hitExplore);
    } else {
      parsed.push(displayDir);
      const reduced = await reduce(dir, displayDir, reduceOptions);
      diagnostics.addAll(reduced.loaded.diagnostics);
      const read = snapshotInput(reduced, displayDir, reduced.loaded.diagnostics);
      if (!read) continue;
      const { input, space } = inSpace(read, reduced, pseudonymise);
      const matched = matchCarry(await customers.carryFor(handed), carrySpace, space, input);
      if (matched.diagnostic) diagnostics.push(matched.diagnostic);
      const result = reviewFigures(input, matched.carry);
      diagnostics.addAll(result.diagnostics);
      own = result.figures;
      customers.computed(result.active);
      if (input.reduced.behaviour && carrySpace !== 'mixed')
        carrySpace = matched.diagnostic ? 'mixed' : space;
      const customersText = cache && result.active ? encodeCustomers(result.active) : null;
      activeDigest = customersText === null ? null : textDigest(customersText);
      // Kept Explore data depends on the snapshot's own files only: a new carry leaves it.
      let exploreFile: ExplorePeriodFile | null = null;
      if (hitExplore) explore.push(hitExplore);
      else if (options.explore) {
        const { manifest, hash, reduced: reducers } = input;
        // The second read names customers in clear: it joins them with the behaviour as read.
        const states =
          reduced.reducedFrom?.explore ??
          (await readExplore(
            dir,
            displayDir,
            manifest,
            reducers.questionnaire,
            read.reduced.behaviour,
          ));
        exploreFile = encodeExplorePeriod(
          explorePeriod({ manifest, hash, displayDir, reduced: reducers, explore: states }),
        );
        explore.push(exploreFile);
      }
      const found = [
        ...reduced.loaded.diagnostics,
        ...(matched.diagnostic ? [matched.diagnostic] : []),
        ...result.diagnostics,
      ];
      // Kept only when what was read is what was hashed before (a file changed in between is
      // read again next time) and nothing in it is an error.
      if (cache && ownKey && figuresKey && input.hash === identity && !hasErrors(found)) {
        cache.writeFigures(folder, figuresKey, {
          figures: own,
          diagnostics: found,
          activeDigest,
          space,
        });
        if (customersText !== null) cache.writeCustomers(folder, ownKey, customersText);
        if (exploreFile) cache.writeExplore(folder, ownKey, exploreFile);
      }
    }
    reviews.push(withActions(own, register.actions, reviews));
    handed = previousPeriodOf(own);
    if (cache) {
      previousDigest = textDigest(JSON.stringify(handed));
      customersDigest = cacheKey(customersDigest, activeDigest ?? 'no orders');
    }
    if (folder === options.upTo) break;
  }
  try {
    stamps?.save(options.upTo === undefined);
  } catch (error) {
    log(
      `the data files' stamps were not kept (${(error as Error).message}): they are hashed again`,
    );
  }
  diagnostics.addAll(unknownActionMetrics(register, reviews, `${displayData}/actions.csv`));
  return {
    reviews,
    explore,
    history: historyOf(reviews),
    actions: register.actions,
    diagnostics: diagnostics.list(),
    summary: {
      snapshots: looked,
      fromCache,
      parsed,
      seconds: (performance.now() - started) / 1000,
    },
  };
}

/**
 * A snapshot's input with its customer ids in the form the build matches periods in: a reduced
 * snapshot's are pseudonyms already; a raw one's are pseudonymised when a key is given.
 */
function inSpace(
  input: SnapshotInput,
  reduced: ReduceResult,
  pseudonymise: Pseudonymiser | null,
): { input: SnapshotInput; space: IdSpace } {
  if (reduced.reducedFrom) return { input, space: idSpaceOf(reduced.reducedFrom.pseudonyms) };
  if (!pseudonymise || !holdsCustomerIds(input.reduced)) return { input, space: 'clear' };
  return {
    input: { ...input, reduced: pseudonymiseStates(input.reduced, pseudonymise) },
    space: idSpaceOf(pseudonymsOf(pseudonymise)),
  };
}

/**
 * The carry a period is computed with: the one handed on when the previous period's customer
 * ids are in this one's form; without the previous period's customers (and an error) when they
 * are not, so no retention is computed from ids that cannot match.
 */
function matchCarry(
  carry: Carry,
  carrySpace: IdSpace | 'mixed' | null,
  space: IdSpace,
  input: SnapshotInput,
): { carry: Carry; diagnostic?: Diagnostic } {
  if (!carry.previousActive || !input.reduced.behaviour || carrySpace === space) return { carry };
  const form = (s: IdSpace | 'mixed') =>
    s === 'clear'
      ? 'in clear'
      : s === 'mixed'
        ? 'of several forms'
        : `pseudonyms of the key ${s.slice(s.indexOf(':') + 1)}`;
  return {
    carry: { ...carry, previousActive: null },
    diagnostic: diagnostic('customer-ids-unmatched', {
      file: `${input.displayDir}/manifest.json`,
      message: `this period's customer ids are ${form(space)}, the previous period's ${form(carrySpace ?? 'clear')}: retention cannot match them`,
      hint: `set ${PSEUDONYM_KEY_ENV} to the key the reduced snapshots were written with, so raw snapshots are pseudonymised as they are read; snapshots reduced with another key must be reduced again`,
    }),
  };
}

/** A snapshot's start date for ordering ("" when its manifest cannot be read: first). */
function startOf(dir: string, displayDir: string): string {
  const manifest: Manifest | null = readManifest(dir, displayDir).manifest;
  return manifest?.start ?? '';
}

/** Actions whose metric the review that opened them does not have. */
function unknownActionMetrics(
  register: { actions: readonly Action[]; rows: ReadonlyMap<string, number> },
  reviews: readonly ReviewFigures[],
  file: string,
): Diagnostic[] {
  const byId = new Map(reviews.map((r) => [r.id, r]));
  return register.actions.flatMap((action) => {
    const review = byId.get(action.opened_in);
    if (!review || review.catalog[action.metric]) return [];
    return [
      diagnostic('invalid-action', {
        file,
        row: register.rows.get(action.id),
        column: 'metric',
        value: action.metric,
        message: `review ${review.id} has no metric "${action.metric}"`,
        hint: `use one of its metric ids (the methodology page lists them): ${Object.keys(review.catalog).slice(0, 8).join(', ')}, …`,
      }),
    ];
  });
}
