/**
 * Builds a period's Explore data at build time from its reduced states: the explore cells
 * (reducing/explore-reducers.ts) weighted as the report weights each response, protected so that
 * no published cell, and no difference of selections, falls below the minimum base
 * (reducing/protect-cells.ts), with the complaints stripped of customer ids and times.
 */
import { TABLE_NAMES, type TableName } from '../contracts/fields.ts';
import { SIGNIFICANCE_LEVEL } from '../metrics/significance.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';
import {
  complaintCountsOnly,
  createComplaintState,
  mergeComplaints,
} from '../reducing/complaint-state.ts';
import { surveyCellSize, voiceSize, type ExploreStates } from '../reducing/explore-reducers.ts';
import { protectCellsKeepingMost } from '../reducing/protect-cells.ts';
import type { ReducedSnapshot } from '../reducing/snapshot-reducers.ts';
import { cellKeyOf, mergeCells, scaleCell, type SurveyCell } from '../reducing/survey-state.ts';
import { mergeVoice } from '../reducing/voice-state.ts';
import type { ExplorePeriod } from './explore-period.ts';
import { surveyWeights } from './survey-weights.ts';

export interface ExploreInput {
  manifest: Manifest;
  hash: string;
  /** How the snapshot folder is named in diagnostics, e.g. "data/2026-Q3". */
  displayDir: string;
  /** The first pass's states: the report's weights come from its survey cells. */
  reduced: ReducedSnapshot;
  explore: ExploreStates;
}

/** A period's Explore data, protected and weighted. */
export function explorePeriod(input: ExploreInput): ExplorePeriod {
  const { manifest, reduced, explore } = input;
  const segments = Object.keys(manifest.segments);
  const { config } = explore.survey;
  const weights = surveyWeights(reduced.survey, manifest, `${input.displayDir}/manifest.json`);
  // A response's weight is its weighting cell's, whatever its order groups: look the cell up
  // among the report's cells by its segment levels.
  const weightOf = (cell: SurveyCell) => {
    const main = reduced.survey.cells.get(cellKeyOf(segments.map((d) => cell.levels[d])));
    return weights.weightOf(main ?? cell);
  };
  const noTickets = explore.complaints === null;
  const threshold = manifest.minimumBase.suppress;
  const survey = protectCellsKeepingMost(
    [...explore.survey.cells].map(([key, cell]) => {
      const complaints = explore.complaints?.get(key);
      return {
        levels: config.dimensions.map((d) => cell.levels[d]),
        state: {
          cell: scaleCell(cell, weightOf(cell)),
          complaints: noTickets ? null : complaintCountsOnly(complaints ?? createComplaintState()),
        },
      };
    }),
    {
      threshold,
      size: (s) => surveyCellSize(s.cell),
      merge: (a, b) => ({
        cell: mergeCells(a.cell, b.cell),
        complaints:
          a.complaints && b.complaints ? mergeComplaints(a.complaints, b.complaints) : null,
      }),
    },
  );
  const voice = protectCellsKeepingMost(
    [...explore.voice.values()].map((v) => ({ levels: v.levels, state: v.state })),
    { threshold, size: voiceSize, merge: mergeVoice },
  );
  const named = (levels: ReadonlyArray<string | undefined>) => {
    const out: Record<string, string | undefined> = {};
    config.dimensions.forEach((d, i) => (out[d] = levels[i]));
    return out;
  };
  const tables: TableName[] = TABLE_NAMES.filter((t) => manifest.tables[t]);
  return {
    id: manifest.id,
    period: manifest.period,
    start: manifest.start,
    end: manifest.end,
    hash: input.hash,
    tables,
    minimumBase: { ...manifest.minimumBase },
    significanceLevel: SIGNIFICANCE_LEVEL,
    adjustment: manifest.adjustment,
    weighting: {
      method: weights.summary.method,
      dimensions: [...weights.summary.dimensions],
    },
    questionnaire: reduced.questionnaire,
    dimensions: [
      ...Object.entries(manifest.segments).map(([id, def]) => ({
        id,
        label: def.label,
        kind: 'segment' as const,
        levels: Object.keys(def.levels),
      })),
      ...explore.orderGroups.map((g) => ({
        id: g.id,
        label: g.label,
        kind: 'orders' as const,
        levels: [...g.levels],
      })),
    ],
    config,
    cells: survey.map((c) => ({
      cell: { ...c.state.cell, levels: named(c.levels) },
      hidden: c.hidden,
      complaints: c.state.complaints,
    })),
    voice: voice.map((v) => ({ levels: v.levels, hidden: v.hidden, state: v.state })),
    protectedResponses: survey
      .filter((c) => c.hidden.some(Boolean))
      .reduce((sum, c) => sum + c.state.cell.responses, 0),
  };
}
