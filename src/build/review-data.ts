/**
 * Runs the pipeline over a data folder: reads and reduces each snapshot (reading, reducing),
 * computes its review figures in time order (figures), and the history across periods. The one
 * entry point the site, the CLI and the tests share. All diagnostics are returned together.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Action } from '../contracts/action-schema.ts';
import type { HistoryFigures, ReviewFigures } from '../contracts/figures-schema.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';
import { firstCarry, reviewFigures, type Carry } from '../figures/review-figures.ts';
import { historyOf } from '../figures/trends.ts';
import { diagnostic, hasErrors, type Diagnostic } from '../reading/diagnostics.ts';
import { readActions } from '../reading/read-actions.ts';
import type { TableSummary } from '../reading/read-snapshot.ts';
import { readManifest } from '../reading/read-manifest.ts';
import { reduceSnapshot, type ReduceOptions } from '../reducing/reduce-snapshot.ts';

export interface ReviewData {
  /** One per snapshot that loaded without errors, oldest first. */
  reviews: ReviewFigures[];
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

/** The table summaries a review records. */
export function tableSummaries(
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

/**
 * Loads, reduces and computes every snapshot of `dataDir`, one after another in time order, so
 * only one snapshot's reducers are held at a time.
 * @param root project root, to show file paths relative to it
 */
export async function loadReviews(
  dataDir: string,
  root: string,
  options: ReduceOptions = {},
): Promise<ReviewData> {
  const diagnostics: Diagnostic[] = [];
  const displayData = relative(root, dataDir) || '.';
  const folders = snapshotFolders(dataDir);
  const register = await readActions(
    join(dataDir, 'actions.csv'),
    `${displayData}/actions.csv`,
    folders,
  );
  diagnostics.push(...register.diagnostics);
  if (folders.length === 0) {
    diagnostics.push(
      diagnostic('no-snapshots', {
        file: displayData,
        message: 'no snapshot folders found',
        hint: 'add a folder per period with a manifest.json and its CSV files, or run `npm run demo-data`',
      }),
    );
    return { reviews: [], history: historyOf([]), actions: register.actions, diagnostics };
  }
  // Customer-base movement needs the periods in time order: sort by the manifests' starts.
  const ordered = folders
    .map((folder) => ({
      folder,
      start: startOf(join(dataDir, folder), `${displayData}/${folder}`),
    }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.folder.localeCompare(b.folder));
  const reviews: ReviewFigures[] = [];
  let carry: Carry = firstCarry();
  for (const { folder } of ordered) {
    const displayDir = `${displayData}/${folder}`;
    const { loaded, reducers } = await reduceSnapshot(join(dataDir, folder), displayDir, options);
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.manifest || !loaded.hash || !reducers || hasErrors(loaded.diagnostics)) continue;
    const result = reviewFigures(
      {
        manifest: loaded.manifest,
        hash: loaded.hash,
        displayDir,
        tables: tableSummaries(loaded.tables),
        reduced: reducers,
        warnings: loaded.diagnostics,
      },
      carry,
      register.actions,
    );
    diagnostics.push(...result.diagnostics);
    reviews.push(result.figures);
    carry = result.carry;
  }
  diagnostics.push(...unknownActionMetrics(register, reviews, `${displayData}/actions.csv`));
  return { reviews, history: historyOf(reviews), actions: register.actions, diagnostics };
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
