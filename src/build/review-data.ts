/**
 * Runs the pipeline over a data folder: reads and reduces each snapshot (reading, reducing),
 * computes its review figures in time order (figures), and the history across periods. The one
 * entry point the site, the CLI and the tests share. All diagnostics are returned together.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join, relative, resolve } from 'node:path';
import type { Action } from '../contracts/action-schema.ts';
import type { HistoryFigures, ReviewFigures } from '../contracts/figures-schema.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';
import { explorePeriod } from '../figures/explore-data.ts';
import type { ExplorePeriod } from '../figures/explore-period.ts';
import {
  firstCarry,
  reviewFigures,
  type Carry,
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

export interface ReviewData {
  /** One per snapshot that loaded without errors, oldest first. */
  reviews: ReviewFigures[];
  /** The Explore page's data of each of those snapshots, when asked for (`explore: true`). */
  explore: ExplorePeriod[];
  history: HistoryFigures;
  actions: Action[];
  diagnostics: Diagnostic[];
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
  /**
   * The pseudonym key's pseudonymiser (default: REVIEW_PSEUDONYM_KEY's). With one, raw
   * snapshots' customer ids are pseudonymised as they are read, so a raw period and a reduced
   * one match their customers (retention); without one, ids of raw snapshots stay in clear.
   */
  pseudonymiser?: Pseudonymiser | null;
}

/**
 * Loads, reduces and computes every snapshot of `dataDir`, one after another in time order, so
 * only one snapshot's reducers are held at a time.
 * @param root project root, to show file paths relative to it
 */
export async function loadReviews(
  dataDir: string,
  root: string,
  options: LoadOptions = {},
): Promise<ReviewData> {
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
    };
  }
  // Customer-base movement needs the periods in time order: sort by the manifests' starts.
  const ordered = folders
    .map((folder) => ({
      folder,
      start: startOf(join(dataDir, folder), `${displayData}/${folder}`),
    }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.folder.localeCompare(b.folder));
  const reviews: ReviewFigures[] = [];
  const explore: ExplorePeriod[] = [];
  let carry: Carry = firstCarry();
  const pseudonymise =
    options.pseudonymiser === undefined ? pseudonymiserFromEnv() : options.pseudonymiser;
  /**
   * How the carry's customer ids are written (those of the last period with orders); 'mixed'
   * once two forms met, after which no period's movement is computed.
   */
  let carrySpace: IdSpace | 'mixed' | null = null;
  for (const { folder } of ordered) {
    const displayDir = `${displayData}/${folder}`;
    const reduced = await reduceSnapshot(join(dataDir, folder), displayDir, reduceOptions);
    diagnostics.addAll(reduced.loaded.diagnostics);
    const found = snapshotInput(reduced, displayDir, reduced.loaded.diagnostics);
    if (!found) continue;
    const { input, space } = inSpace(found, reduced, pseudonymise);
    const matched = matchCarry(carry, carrySpace, space, input);
    if (matched.diagnostic) diagnostics.push(matched.diagnostic);
    const result = reviewFigures(input, matched.carry, register.actions);
    diagnostics.addAll(result.diagnostics);
    reviews.push(result.figures);
    carry = result.carry;
    if (input.reduced.behaviour && carrySpace !== 'mixed')
      carrySpace = matched.diagnostic ? 'mixed' : space;
    if (options.explore) {
      const dir = join(dataDir, folder);
      const { manifest, hash, reduced: reducers } = input;
      // The second read names customers in clear: it joins them with the behaviour as read.
      const states =
        reduced.reducedFrom?.explore ??
        (await reduceExplore(
          dir,
          displayDir,
          manifest,
          reducers.questionnaire,
          found.reduced.behaviour,
        ));
      explore.push(
        explorePeriod({ manifest, hash, displayDir, reduced: reducers, explore: states }),
      );
    }
  }
  diagnostics.addAll(unknownActionMetrics(register, reviews, `${displayData}/actions.csv`));
  return {
    reviews,
    explore,
    history: historyOf(reviews),
    actions: register.actions,
    diagnostics: diagnostics.list(),
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
  if (!carry.previousBehaviour || !input.reduced.behaviour || carrySpace === space)
    return { carry };
  const form = (s: IdSpace | 'mixed') =>
    s === 'clear'
      ? 'in clear'
      : s === 'mixed'
        ? 'of several forms'
        : `pseudonyms of the key ${s.slice(s.indexOf(':') + 1)}`;
  return {
    carry: { ...carry, previousBehaviour: null },
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
