/**
 * A reduced snapshot: the mergeable states a raw snapshot's figures are computed from, written
 * by `npm run reduce` (from the raw files, or by SQL run where the data lives) so that raw rows
 * need not enter the repository. A reduced snapshot folder holds the raw snapshot's
 * `manifest.json`, unchanged, and `reduced.json`, validated by this schema. The states are the
 * state codec's (contracts/state-schema.ts); customer ids in them are pseudonyms (keyed
 * HMAC-SHA256, see reducing/pseudonyms.ts), and the only free text is the redacted comment
 * samples. docs/reduced-snapshots.md describes the format field by field.
 */
import * as z from 'zod/mini';
import { DiagnosticSchema, TableSummarySchema } from './figures-schema.ts';
import {
  BehaviourStateSchema,
  ComplaintStateSchema,
  CustomerBaseSchema,
  CustomerColumnsSchema,
  STATE_FORMAT,
  SurveyStateSchema,
  VoiceStateSchema,
} from './state-schema.ts';

/** Format of `reduced.json`; bump it when a change makes older files unreadable. */
export const REDUCED_FORMAT = 1;

/** The file of a reduced snapshot folder that holds its states (beside its manifest.json). */
export const REDUCED_FILE = 'reduced.json';

/** Where the states were computed. */
export const REDUCE_ENGINES = ['typescript', 'duckdb', 'postgres'] as const;
export type ReduceEngine = (typeof REDUCE_ENGINES)[number];

const count = z.int().check(z.minimum(0));
/** A segment level (or order group); null when the response had none. */
const level = z.nullable(z.string());

/** What the states were reduced from: the raw snapshot's identity, for provenance. */
export const ReducedSourceSchema = z.strictObject({
  /** Content hash of the raw snapshot (manifest and tables), as its figures record it. */
  hash: z.string(),
  /** Content hash of each raw file, by name ("sha256:…"). */
  files: z.record(z.string(), z.string()),
  /**
   * Each table's file as the raw build named it, its data rows, the rows it used and, when
   * some were left out, how many for each reason.
   */
  tables: z.record(z.string(), TableSummarySchema),
  /** The engine that computed the states. */
  engine: z.enum(REDUCE_ENGINES),
});
export type ReducedSource = z.output<typeof ReducedSourceSchema>;

/** How customer ids were replaced; null when the snapshot holds no customer id at all. */
export const PseudonymsSchema = z.nullable(
  z.strictObject({
    method: z.literal('hmac-sha256'),
    /** A fingerprint of the key (not the key): snapshots reduced with one key share it. */
    keyId: z.string(),
  }),
);
export type Pseudonyms = z.output<typeof PseudonymsSchema>;

/** The Explore page's cell states (reducing/explore-reducers.ts), complaints as counts only. */
export const ReducedExploreSchema = z.strictObject({
  /** Cells over the segment dimensions followed by the order groups. */
  survey: SurveyStateSchema,
  /** Each cell's complaints (counts only: no times, no customer); null without tickets. */
  complaints: z.nullable(
    z.array(z.strictObject({ levels: z.array(level), state: ComplaintStateSchema })),
  ),
  /** Each cell's comment themes. */
  voice: z.array(z.strictObject({ levels: z.array(level), state: VoiceStateSchema })),
  unattributedTickets: count,
});
export type ReducedExplore = z.output<typeof ReducedExploreSchema>;

/** The states of reducing/snapshot-reducers.ts `ReducedSnapshot`. */
export const ReducedStatesSchema = z.strictObject({
  survey: SurveyStateSchema,
  voice: VoiceStateSchema,
  behaviour: z.nullable(BehaviourStateSchema),
  complaints: z.nullable(ComplaintStateSchema),
  customers: z.nullable(CustomerBaseSchema),
  answers: CustomerColumnsSchema,
});
export type ReducedStates = z.output<typeof ReducedStatesSchema>;

/** `reduced.json`. */
export const ReducedSnapshotSchema = z.strictObject({
  format: z.literal(REDUCED_FORMAT),
  /** The state codec's format the states are written in. */
  stateFormat: z.literal(STATE_FORMAT),
  /** The snapshot id (the manifest's). */
  id: z.string(),
  source: ReducedSourceSchema,
  pseudonyms: PseudonymsSchema,
  /** The raw read's warnings, as its review shows them (customer ids in them pseudonymised). */
  warnings: z.array(DiagnosticSchema),
  states: ReducedStatesSchema,
  explore: ReducedExploreSchema,
});
export type ReducedSnapshotFile = z.output<typeof ReducedSnapshotSchema>;
