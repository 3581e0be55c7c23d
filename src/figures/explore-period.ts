/**
 * One period's Explore data as the figures stage uses it (decoded states) and as it is
 * published (contracts/explore-schema.ts): the build encodes it, the page validates and decodes
 * it, and both compute the same figures from it (figures/explore-figures.ts).
 */
import type { Adjustment, TableName } from '../contracts/fields.ts';
import {
  EXPLORE_FORMAT,
  ExplorePeriodSchema,
  type ExploreDimension,
  type ExplorePeriodFile,
} from '../contracts/explore-schema.ts';
import type { Questionnaire } from '../contracts/questionnaire.ts';
import { STATE_FORMAT } from '../contracts/state-schema.ts';
import type { MinimumBase } from '../metrics/estimate.ts';
import type { ComplaintState } from '../reducing/complaint-state.ts';
import {
  decodeComplaintState,
  decodeSurveyState,
  decodeVoiceState,
  encodeComplaintState,
  encodeSurveyState,
  encodeVoiceState,
} from '../reducing/state-codec.ts';
import type { SurveyCell, SurveyConfig } from '../reducing/survey-state.ts';
import { cellKeyOf } from '../reducing/survey-state.ts';
import type { VoiceState } from '../reducing/voice-state.ts';

export type { ExploreDimension };

/** A published survey cell with what the page needs beside it. */
export interface ExploreCell {
  /** Weighted as the report weights its responses. */
  cell: SurveyCell;
  /** Per dimension: its level was hidden to protect a small group. */
  hidden: boolean[];
  /** Complaints of its respondents' customers (null without a tickets table). */
  complaints: ComplaintState | null;
}

/** A published cell of comment themes. */
export interface ExploreVoiceCell {
  levels: Array<string | undefined>;
  hidden: boolean[];
  state: VoiceState;
}

export interface ExplorePeriod {
  id: string;
  period: string;
  start: string;
  end: string;
  hash: string;
  tables: TableName[];
  minimumBase: MinimumBase;
  significanceLevel: number;
  adjustment: Adjustment;
  weighting: { method: 'none' | 'poststratify' | 'rake'; dimensions: string[] };
  questionnaire: Questionnaire;
  /** In the order of the cells' levels. */
  dimensions: ExploreDimension[];
  /** The survey reducer's configuration the cells were made with. */
  config: SurveyConfig;
  cells: ExploreCell[];
  voice: ExploreVoiceCell[];
  /** Responses in cells merged to protect small groups. */
  protectedResponses: number;
}

/** The published form of a period's Explore data. */
export function encodeExplorePeriod(p: ExplorePeriod): ExplorePeriodFile {
  const { dimensions } = p.config;
  return {
    format: EXPLORE_FORMAT,
    stateFormat: STATE_FORMAT,
    id: p.id,
    period: p.period,
    start: p.start,
    end: p.end,
    hash: p.hash,
    tables: [...p.tables],
    minimumBase: { ...p.minimumBase },
    significanceLevel: p.significanceLevel,
    adjustment: p.adjustment,
    weighting: { method: p.weighting.method, dimensions: [...p.weighting.dimensions] },
    questionnaire: {
      items: p.questionnaire.items.map((item) => ({
        ...item,
        scale: [item.scale[0], item.scale[1]],
        notApplicable: [...item.notApplicable],
      })),
      roles: { ...p.questionnaire.roles },
      indexItems: [...p.questionnaire.indexItems],
      drivers: [...p.questionnaire.drivers],
      outcomes: [...p.questionnaire.outcomes],
    },
    dimensions: p.dimensions.map((d) => ({ ...d, levels: [...d.levels] })),
    survey: encodeSurveyState({
      config: p.config,
      cells: new Map(
        p.cells.map(({ cell }) => [cellKeyOf(dimensions.map((d) => cell.levels[d])), cell]),
      ),
    }),
    hidden: p.cells.map((c) => [...c.hidden]),
    complaints: p.cells.some((c) => c.complaints === null)
      ? null
      : p.cells.map((c) => encodeComplaintState(c.complaints!)),
    voice: p.voice.map((v) => ({
      levels: v.levels.map((l) => l ?? null),
      hidden: [...v.hidden],
      state: encodeVoiceState(v.state),
    })),
    protectedResponses: p.protectedResponses,
  };
}

/**
 * A period's Explore data from its published JSON.
 * @throws the schema's error when the data is not a valid Explore file
 */
export function decodeExplorePeriod(json: unknown): ExplorePeriod {
  const file = ExplorePeriodSchema.parse(json);
  const survey = decodeSurveyState(file.survey);
  const cells = [...survey.cells.values()];
  return {
    id: file.id,
    period: file.period,
    start: file.start,
    end: file.end,
    hash: file.hash,
    tables: file.tables,
    minimumBase: file.minimumBase,
    significanceLevel: file.significanceLevel,
    adjustment: file.adjustment,
    weighting: file.weighting,
    questionnaire: {
      ...file.questionnaire,
      items: file.questionnaire.items.map((item) => ({
        ...item,
        scale: [item.scale[0], item.scale[1]] as const,
      })),
    },
    dimensions: file.dimensions,
    config: survey.config,
    cells: cells.map((cell, i) => ({
      cell,
      hidden: file.hidden[i]!,
      complaints: file.complaints ? decodeComplaintState(file.complaints[i]!) : null,
    })),
    voice: file.voice.map((v) => ({
      levels: v.levels.map((l) => l ?? undefined),
      hidden: v.hidden,
      state: decodeVoiceState(v.state),
    })),
    protectedResponses: file.protectedResponses,
  };
}
