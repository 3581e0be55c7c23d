/**
 * Reduced snapshots as files: the states of a snapshot (and of its Explore cells) encoded with
 * the state codec into `reduced.json` (contracts/reduced-schema.ts), and read back into the
 * same states, so the figures stage cannot tell a reduced snapshot from the raw one it came
 * from. The manifest stays beside it, byte for byte the raw snapshot's: the file records its
 * hash, and a manifest edited after the reduction is an error, never figures of a manifest the
 * states were not reduced with.
 *
 * Paths in the file (each table's file, each warning's file) are written relative to the
 * snapshot folder and read back under the folder the reduced snapshot is built from, so the
 * figures name files as the raw snapshot's figures did in the same place.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { isAbsolute, join, normalize, posix } from 'node:path';
import type { Diagnostic } from '../reading/diagnostics.ts';
import { diagnostic, hasErrors, isDiagnosticId } from '../reading/diagnostics.ts';
import { readManifest, type ManifestReadOptions } from '../reading/read-manifest.ts';
import { displayFile } from '../reading/snapshot-files.ts';
import { snapshotHash, type LoadedSnapshot, type TableSummary } from '../reading/read-snapshot.ts';
import { mappedHeader, type Manifest } from '../contracts/manifest-schema.ts';
import { TABLE_NAMES, type TableName } from '../contracts/fields.ts';
import {
  REDUCED_FILE,
  REDUCED_FORMAT,
  ReducedSnapshotSchema,
  type Pseudonyms,
  type ReducedSnapshotFile,
  type ReducedSource,
} from '../contracts/reduced-schema.ts';
import { STATE_FORMAT } from '../contracts/state-schema.ts';
import { complaintCountsOnly, type ComplaintState } from './complaint-state.ts';
import type { ExploreStates } from './explore-reducers.ts';
import { orderGroupsOf } from './order-groups.ts';
import { writeJsonFile, type Streamable } from './json-writer.ts';
import type { Pseudonymiser } from './pseudonyms.ts';
import { questionnaireOf, type ReducedSnapshot } from './snapshot-reducers.ts';
import {
  decodeComplaintState,
  decodeReducedStates,
  decodeSurveyState,
  decodeVoiceState,
  encodeComplaintState,
  encodeSurveyState,
  encodeVoiceState,
  streamReducedStates,
} from './state-codec.ts';
import { cellKeyOf } from './survey-state.ts';
import type { VoiceState } from './voice-state.ts';

export { REDUCED_FILE };

/** True when a snapshot folder is a reduced one (it holds `reduced.json`). */
export function isReducedSnapshot(dir: string): boolean {
  return existsSync(join(dir, REDUCED_FILE));
}

/** A shown path relative to the shown snapshot folder (kept as is when outside it). */
function relativeToSnapshot(displayDir: string, file: string): string {
  if (isAbsolute(file)) return file;
  return posix.relative(posix.normalize(displayDir), posix.normalize(file));
}

/** What a reduced snapshot is written from. */
export interface ReducedInput {
  manifest: Manifest;
  /** The raw snapshot folder as its diagnostics and table summaries name it. */
  displayDir: string;
  /** The raw snapshot's hash and file hashes. */
  hash: string;
  files: Record<string, string>;
  tables: Partial<Record<TableName, Omit<TableSummary, 'sha256'>>>;
  engine: ReducedSource['engine'];
  /** The raw read's warnings. */
  warnings: readonly Diagnostic[];
  /** The states, customer ids in clear. */
  reduced: ReducedSnapshot;
  explore: ExploreStates;
  /** The pseudonymiser the states' ids are written through (null: they hold no customer id). */
  pseudonymiser: Pseudonymiser | null;
}

/**
 * A warning as a reduced snapshot keeps it: customer ids it names (a duplicate or unknown
 * customer) replaced by their pseudonyms; its file relative to the snapshot folder.
 */
function keptWarning(d: Diagnostic, input: ReducedInput): Diagnostic {
  const kept: Diagnostic = { ...d, file: relativeToSnapshot(input.displayDir, d.file) };
  const p = input.pseudonymiser;
  if (!p || d.column === undefined) return kept;
  const table = TABLE_NAMES.find((name) => {
    const t = input.manifest.tables[name];
    return t && displayFile(input.displayDir, t.file) === normalize(d.file);
  });
  const declared = table ? input.manifest.tables[table] : undefined;
  if (!declared?.columns.customer_id || mappedHeader(declared, 'customer_id') !== d.column)
    return kept;
  const ids = new Set<string>(d.value === undefined ? [] : [d.value]);
  // An unknown-reference warning lists its first ids after "e.g." (reading/references.ts).
  const examples = /e\.g\. (.*)$/.exec(d.message)?.[1];
  for (const example of examples?.split(', ') ?? []) ids.add(example.replace(/ \(row \d+\)$/, ''));
  let message = d.message;
  for (const id of ids) message = message.split(id).join(p(id));
  return { ...kept, value: d.value === undefined ? undefined : p(d.value), message };
}

/**
 * The `reduced.json` document of a snapshot's states, its per-customer parts made as they are
 * written (json-writer.ts), each customer id through the pseudonymiser when there is one.
 */
export function encodeReducedSnapshot(input: ReducedInput): Streamable<ReducedSnapshotFile> {
  const { reduced, explore } = input;
  const levelsOf = (levels: ReadonlyArray<string | undefined>) => levels.map((l) => l ?? null);
  const dimensions = explore.survey.config.dimensions;
  const levelsOfKey = new Map<string, Array<string | null>>();
  for (const [key, cell] of explore.survey.cells)
    levelsOfKey.set(key, levelsOf(dimensions.map((d) => cell.levels[d])));
  for (const [key, v] of explore.voice) levelsOfKey.set(key, levelsOf(v.levels));
  const tables: ReducedSource['tables'] = {};
  for (const name of TABLE_NAMES) {
    const t = input.tables[name];
    if (t)
      tables[name] = {
        file: relativeToSnapshot(input.displayDir, t.file),
        rows: t.rows,
        used: t.used,
        // Only when rows were left out, so a clean table's record is what it always was.
        ...(Object.keys(t.dropped).length > 0 ? { dropped: { ...t.dropped } } : {}),
      };
  }
  const pseudonyms: Pseudonyms = input.pseudonymiser
    ? { method: 'hmac-sha256', keyId: input.pseudonymiser.keyId }
    : null;
  const rename = input.pseudonymiser ?? undefined;
  return {
    format: REDUCED_FORMAT,
    stateFormat: STATE_FORMAT,
    id: input.manifest.id,
    source: { hash: input.hash, files: { ...input.files }, tables, engine: input.engine },
    pseudonyms,
    warnings: input.warnings.map((d) => keptWarning(d, input)),
    states: streamReducedStates(reduced, rename),
    explore: {
      survey: encodeSurveyState(explore.survey),
      complaints: explore.complaints
        ? [...explore.complaints].map(([key, state]) => ({
            levels: levelsOfKey.get(key) ?? [],
            state: encodeComplaintState(complaintCountsOnly(state)),
          }))
        : null,
      voice: [...explore.voice].map(([, v]) => ({
        levels: levelsOf(v.levels),
        state: encodeVoiceState(v.state),
      })),
      unattributedTickets: explore.unattributedTickets,
    },
  };
}

/**
 * Writes `reduced.json` (the document `encodeReducedSnapshot` describes) to `path`, piece by
 * piece, under a temporary name first: a write cut short leaves no half file under its name.
 */
export function writeReducedSnapshot(path: string, input: ReducedInput): void {
  const partial = `${path}.partial`;
  writeJsonFile(partial, encodeReducedSnapshot(input));
  renameSync(partial, path);
}

/** The states a `reduced.json` document describes, for the snapshot of `manifest`. */
export function decodeReducedSnapshot(
  file: ReducedSnapshotFile,
  manifest: Manifest,
): { reduced: ReducedSnapshot; explore: ExploreStates } {
  const levels = (encoded: ReadonlyArray<string | null>) => encoded.map((l) => l ?? undefined);
  const reduced: ReducedSnapshot = {
    questionnaire: questionnaireOf(manifest),
    ...decodeReducedStates(file.states),
  };
  const e = file.explore;
  const explore: ExploreStates = {
    survey: decodeSurveyState(e.survey),
    orderGroups: orderGroupsOf(reduced.behaviour),
    complaints: e.complaints
      ? new Map<string, ComplaintState>(
          e.complaints.map((c) => [cellKeyOf(levels(c.levels)), decodeComplaintState(c.state)]),
        )
      : null,
    voice: new Map<string, { levels: Array<string | undefined>; state: VoiceState }>(
      e.voice.map((v) => [
        cellKeyOf(levels(v.levels)),
        { levels: levels(v.levels), state: decodeVoiceState(v.state) },
      ]),
    ),
    unattributedTickets: e.unattributedTickets,
  };
  return { reduced, explore };
}

/** A reduced snapshot as the build reads it: its load, its states, and its pseudonyms. */
export interface ReducedRead {
  loaded: LoadedSnapshot;
  states: { reduced: ReducedSnapshot; explore: ExploreStates } | null;
  pseudonyms: Pseudonyms;
  source: ReducedSource | null;
}

/**
 * Reads a reduced snapshot folder: its manifest (validated as any), then `reduced.json`
 * (validated by its schema, checked against the manifest it was reduced with). The snapshot's
 * hash and file hashes are those of the reduced folder's own files, which a published report
 * pins; the raw snapshot's are in `source`.
 */
export function readReducedSnapshot(
  dir: string,
  displayDir: string,
  options: ManifestReadOptions = {},
): ReducedRead {
  const read = readManifest(dir, displayDir, options);
  // A reduced folder does not hold the tables its manifest names: only the manifest's own
  // checks apply (a file named outside the folder is still an error: it says where data was).
  // Its warnings are among those the raw read recorded, and are taken from there.
  // The tables' files are not read: where the manifest says they were is no error here.
  const diagnostics = read.diagnostics.filter(
    (d) =>
      d.level === 'error' && !(d.id === 'path-outside-snapshot' && d.column?.startsWith('tables.')),
  );
  const fail = (more: Diagnostic[]): ReducedRead => ({
    loaded: {
      manifest: read.manifest,
      parts: [],
      hash: null,
      tables: {},
      diagnostics: [...diagnostics, ...more],
      known: {},
      references: [],
    },
    states: null,
    pseudonyms: null,
    source: null,
  });
  const manifest = read.manifest;
  if (!manifest || !read.bytes || hasErrors(diagnostics)) return fail([]);
  const file = `${displayDir}/${REDUCED_FILE}`;
  const bytes = readFileSync(join(dir, REDUCED_FILE));
  const invalid = (message: string) =>
    fail([
      diagnostic('reduced-snapshot-invalid', {
        file,
        message,
        hint: 'write it again with `npm run reduce -- <raw snapshot folder>`; a reduced snapshot is never edited by hand',
      }),
    ]);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return invalid(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== REDUCED_FORMAT) {
    return invalid(
      `written in reduced format ${String(format)}; this version reads format ${REDUCED_FORMAT}`,
    );
  }
  const parsed = ReducedSnapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return invalid(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const doc = parsed.data;
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const manifestSha = `sha256:${sha(read.bytes)}`;
  if (doc.source.files['manifest.json'] !== manifestSha || doc.id !== manifest.id) {
    return fail([
      diagnostic('reduced-manifest-changed', {
        file: `${displayDir}/manifest.json`,
        message: `the manifest is not the one ${REDUCED_FILE} was reduced with (its hash differs)`,
        hint: "edit the raw snapshot's manifest and reduce it again (`npm run reduce`); the states hold what that manifest said",
      }),
    ]);
  }
  const warnings: Diagnostic[] = [];
  for (const d of doc.warnings) {
    if (!isDiagnosticId(d.id)) return invalid(`warnings: "${d.id}" is not a diagnostic id`);
    warnings.push({ ...d, id: d.id, file: displayFile(displayDir, d.file) });
  }
  let states: ReducedRead['states'];
  try {
    states = decodeReducedSnapshot(doc, manifest);
  } catch (error) {
    return invalid(error instanceof Error ? error.message : String(error));
  }
  const parts: Array<[string, string]> = [
    ['manifest.json', sha(read.bytes)],
    [REDUCED_FILE, sha(bytes)],
  ];
  const tables: Partial<Record<TableName, TableSummary>> = {};
  for (const name of TABLE_NAMES) {
    const t = doc.source.tables[name];
    if (t)
      tables[name] = {
        ...t,
        file: displayFile(displayDir, t.file),
        dropped: t.dropped ?? {},
        sha256: null,
      };
  }
  return {
    loaded: {
      manifest,
      parts,
      hash: snapshotHash(parts),
      tables,
      diagnostics: warnings,
      known: {},
      references: [],
    },
    states,
    pseudonyms: doc.pseudonyms,
    source: doc.source,
  };
}
