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
import { readManifest } from '../reading/read-manifest.ts';
import { fileHashes } from '../reading/read-snapshot.ts';
import {
  reduceSnapshot,
  type ReduceOptions,
  type ReduceResult,
} from '../reducing/reduce-snapshot.ts';
import { reduceExplore } from '../reducing/explore-reducers.ts';
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
  tables: Record<string, { file: string; rows: number; used: number } | undefined>,
): ReviewFigures['tables'] {
  const out: ReviewFigures['tables'] = {};
  for (const [name, t] of Object.entries(tables))
    if (t) out[name] = { file: t.file, rows: t.rows, used: t.used };
  return out;
}

export interface LoadOptions extends ReduceOptions {
  /**
   * Also build each snapshot's Explore data (figures/explore-data.ts), which reads its survey
   * and tickets a second time: the site asks for it, the CLI's commands do not.
   */
  explore?: boolean;
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
  for (const { folder } of ordered) {
    const displayDir = `${displayData}/${folder}`;
    const reduced = await reduceSnapshot(join(dataDir, folder), displayDir, reduceOptions);
    diagnostics.addAll(reduced.loaded.diagnostics);
    const input = snapshotInput(reduced, displayDir, reduced.loaded.diagnostics);
    if (!input) continue;
    const result = reviewFigures(input, carry, register.actions);
    diagnostics.addAll(result.diagnostics);
    reviews.push(result.figures);
    carry = result.carry;
    if (options.explore) {
      const dir = join(dataDir, folder);
      const { manifest, hash, reduced: reducers } = input;
      const states = await reduceExplore(
        dir,
        displayDir,
        manifest,
        reducers.questionnaire,
        reducers.behaviour,
      );
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
