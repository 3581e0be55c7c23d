/**
 * Loads every snapshot under the data folder and computes its figures: the one entry point the
 * site, the CLI and the tests share. Snapshots are read one after another (each streams its
 * files) and all diagnostics are returned together.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SurveyItem } from '../contracts/fields.ts';
import { driverAnalysis, type DriverResult } from '../statistics/relative-weights.ts';
import { importancePerformance } from '../statistics/importance-performance-grid.ts';
import { getMetric } from '../metrics/registry.ts';
import { mappedHeader, type Manifest } from '../contracts/manifest-schema.ts';
import { responseRate } from '../metrics/response-rates.ts';
import {
  changesBetween,
  type MetricChange,
  type SnapshotFigures,
} from '../figures/snapshot-figures.ts';
import { surveyFigures } from '../figures/survey-figures.ts';
import {
  DRIVER_OUTCOMES,
  poolCells,
  type SurveyCell,
  type SurveyState,
} from '../reducing/survey-state.ts';
import { surveyWeights } from '../figures/survey-weights.ts';
import { diagnostic, type Diagnostic } from '../reading/diagnostics.ts';
import { loadSnapshotReduced } from '../reducing/reduce-snapshot.ts';
import { type SnapshotReducers } from '../reducing/snapshot-reducers.ts';
import { competitorFigures, operationalFigures } from '../figures/operational-figures.ts';
import { createCustomerAnswers } from '../reducing/customer-behaviour.ts';
import { createVoiceState, DEFAULT_THEMES, voiceFigures } from '../reducing/comment-themes.ts';

export interface ReviewData {
  /** Snapshots with figures, oldest first. */
  snapshots: SnapshotFigures[];
  /** Snapshot id → metric id → change against the previous snapshot (absent for the first). */
  changes: Record<string, Record<string, MetricChange>>;
  diagnostics: Diagnostic[];
}

/** Snapshot folders under `dataDir` (folders holding a manifest.json, or any folder). */
export function snapshotFolders(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .filter((name) => !name.startsWith('.') && !name.startsWith('_'))
    .filter((name) => statSync(join(dataDir, name)).isDirectory())
    .sort();
}

/** Key-driver analysis and importance–performance grid per outcome, on weighted data. */
export function driverFigures(
  manifest: Manifest,
  survey: SurveyState,
  weightOf: (cell: SurveyCell) => number,
  metrics: SnapshotFigures['metrics'],
): SnapshotFigures['drivers'] {
  const pooled = poolCells(survey, () => true, weightOf);
  const out: SnapshotFigures['drivers'] = {};
  for (const outcome of DRIVER_OUTCOMES) {
    const state = pooled?.drivers[outcome];
    if (!state) continue;
    let result: DriverResult;
    try {
      result = driverAnalysis(state);
    } catch {
      out[outcome] = null;
      continue;
    }
    if (result.n < manifest.minimumBase.suppress) {
      out[outcome] = null;
      continue;
    }
    const labels: Record<string, string> = {};
    for (const d of result.drivers)
      labels[d] = manifest.items[d as SurveyItem]?.label ?? getMetric(d).label;
    const grid = importancePerformance(
      result.drivers.map((d) => ({
        driver: d,
        importance: (100 * result.johnson[d]!) / result.r2,
        performance: metrics[d]?.overall.value ?? 0,
      })),
    );
    out[outcome] = {
      ...result,
      labels,
      grid: grid.points.map((p) => ({ ...p, label: labels[p.driver]! })),
      importanceMean: grid.importanceMean,
      performanceMean: grid.performanceMean,
      method:
        "Johnson's relative weights (share of R²); Shapley/LMG shown for comparison; listwise deletion",
    };
  }
  return out;
}

/** Figures of one loaded snapshot from its survey state. */
export function snapshotFigures(
  manifest: Manifest,
  hash: string,
  survey: SurveyState,
  tables: SnapshotFigures['tables'],
  joins: {
    reducers?: SnapshotReducers;
    previousActive?: ReadonlyMap<string, Record<string, string | undefined>>;
    everSeen?: ReadonlySet<string>;
  } = {},
): { figures: SnapshotFigures; diagnostics: Diagnostic[] } {
  const levels: Record<string, string[]> = {};
  for (const [dimension, def] of Object.entries(manifest.segments))
    levels[dimension] = Object.keys(def.levels);
  const weights = surveyWeights(survey, manifest);
  const topBoxes: Partial<Record<string, number>> = {};
  for (const [item, def] of Object.entries(manifest.items)) topBoxes[item] = def.topBox;
  const metrics = surveyFigures(
    survey,
    {
      rule: manifest.minimumBase,
      levels,
      weightOf: weights.weightOf,
      adjustment: manifest.adjustment,
    },
    topBoxes,
  );
  let responses = 0;
  for (const cell of survey.cells.values()) responses += cell.responses;

  const diagnostics: Diagnostic[] = [];
  const surveyTable = manifest.tables.survey;
  const file = tables.survey?.file ?? `${manifest.id}/${surveyTable?.file}`;
  const responseRates: SnapshotFigures['responseRates'] = {};
  // Response rates and bases are survey figures: a snapshot without a survey has none.
  for (const [dimension, def] of surveyTable ? Object.entries(manifest.segments) : []) {
    responseRates[dimension] = {};
    for (const [level, plan] of Object.entries(def.levels)) {
      let count = 0;
      for (const cell of survey.cells.values())
        if (cell.levels[dimension] === level) count += cell.responses;
      const rate = responseRate(count, plan);
      responseRates[dimension][level] = rate;
      if (count < manifest.minimumBase.flag) {
        diagnostics.push(
          diagnostic('segment-below-minimum-base', {
            file,
            column: mappedHeader(surveyTable, dimension),
            value: level,
            message: `${def.label} "${level}" has ${count} responses: figures are ${count < manifest.minimumBase.suppress ? 'suppressed' : 'flagged as indicative'} (minimum base ${manifest.minimumBase.suppress}/${manifest.minimumBase.flag})`,
            hint: 'invite more customers of this group next period, or report it combined with a neighbouring group',
          }),
        );
      }
      if (rate.target !== null && count < rate.target) {
        diagnostics.push(
          diagnostic('low-response-rate', {
            file,
            column: mappedHeader(surveyTable, dimension),
            value: level,
            message: `${def.label} "${level}": ${count} responses against a target of ${rate.target}${rate.rate !== null ? ` (response rate ${rate.rate.toFixed(1)}%)` : ''}`,
            hint: 'send reminders or more invitations next period; weighting corrects the mix but not a small base',
          }),
        );
      }
    }
  }

  const segments: SnapshotFigures['segments'] = {};
  for (const [dimension, def] of Object.entries(manifest.segments)) {
    segments[dimension] = { label: def.label, levels: Object.keys(def.levels) };
  }
  return {
    figures: {
      id: manifest.id,
      period: manifest.period,
      start: manifest.start,
      end: manifest.end,
      hash,
      responses,
      tables,
      segments,
      weighting: weights.summary,
      responseRates,
      metrics,
      targets: manifest.targets,
      minimumBase: manifest.minimumBase,
      drivers: driverFigures(manifest, survey, weights.weightOf, metrics),
      operational: operationalFigures({
        behaviour: joins.reducers?.behaviour ?? null,
        complaints: joins.reducers?.complaints ?? null,
        voice: voiceFigures(
          joins.reducers?.voice ?? createVoiceState(DEFAULT_THEMES),
          DEFAULT_THEMES,
        ),
        answers: joins.reducers?.answers ?? createCustomerAnswers(),
        previousActive: joins.previousActive,
        everSeen: joins.everSeen,
        competitor: competitorFigures([...survey.cells.values()], weights.weightOf),
        customers: joins.reducers?.customers ?? null,
        adjustment: manifest.adjustment,
      }),
      benchmarks: manifest.benchmarks,
      adjustment: manifest.adjustment,
    },
    diagnostics: [...weights.diagnostics, ...diagnostics],
  };
}

/**
 * Loads and computes every snapshot of `dataDir`.
 * @param root project root, to show file paths relative to it
 */
export async function loadReviews(dataDir: string, root: string): Promise<ReviewData> {
  const diagnostics: Diagnostic[] = [];
  const folders = snapshotFolders(dataDir);
  const displayData = relative(root, dataDir) || '.';
  if (folders.length === 0) {
    diagnostics.push(
      diagnostic('no-snapshots', {
        file: displayData,
        message: 'no snapshot folders found',
        hint: 'add a folder per period with a manifest.json and its CSV files, or run `npm run demo-data`',
      }),
    );
    return { snapshots: [], changes: {}, diagnostics };
  }
  const loadedSnapshots: Array<{
    manifest: Manifest;
    hash: string;
    reducers: SnapshotReducers;
    tables: SnapshotFigures['tables'];
  }> = [];
  for (const folder of folders) {
    const { loaded, reducers } = await loadSnapshotReduced(
      join(dataDir, folder),
      `${displayData}/${folder}`,
    );
    diagnostics.push(...loaded.diagnostics);
    if (
      !loaded.manifest ||
      !loaded.hash ||
      !reducers ||
      loaded.diagnostics.some((d) => d.level === 'error')
    ) {
      continue;
    }
    const tables: SnapshotFigures['tables'] = {};
    for (const [name, t] of Object.entries(loaded.tables))
      tables[name] = { file: t.file, rows: t.rows, used: t.used };
    loadedSnapshots.push({ manifest: loaded.manifest, hash: loaded.hash, reducers, tables });
  }
  // Customer-base movement needs the periods in time order.
  loadedSnapshots.sort(
    (a, b) =>
      a.manifest.start.localeCompare(b.manifest.start) ||
      a.manifest.id.localeCompare(b.manifest.id),
  );
  const snapshots: SnapshotFigures[] = [];
  let previousActive: Map<string, Record<string, string | undefined>> | undefined;
  const everSeen = new Set<string>();
  for (const { manifest, hash, reducers, tables } of loadedSnapshots) {
    const result = snapshotFigures(manifest, hash, reducers.survey, tables, {
      reducers,
      previousActive,
      everSeen: previousActive ? everSeen : undefined,
    });
    diagnostics.push(...result.diagnostics);
    snapshots.push(result.figures);
    if (reducers.behaviour) {
      const active = new Map<string, Record<string, string | undefined>>();
      const { segments } = reducers.behaviour;
      reducers.behaviour.customers.index.ids.forEach((id, i) => {
        active.set(id, segments[i]!);
        everSeen.add(id);
      });
      previousActive = active;
    } else previousActive = undefined;
  }
  snapshots.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  const changes: ReviewData['changes'] = {};
  for (let i = 1; i < snapshots.length; i++) {
    changes[snapshots[i]!.id] = changesBetween(snapshots[i]!, snapshots[i - 1]!);
  }
  return { snapshots, changes, diagnostics };
}
