/**
 * Turns a raw snapshot folder into a reduced one (contracts/reduced-schema.ts): its states and
 * its Explore cells computed by the TypeScript reader, or by SQL in an engine
 * (reducing/sql/), customer ids pseudonymised, written beside a byte-for-byte copy of its
 * manifest. What `npm run reduce` does; tests call it directly.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReduceEngine } from '../contracts/reduced-schema.ts';
import { REDUCED_FILE } from '../contracts/reduced-schema.ts';
import { hasErrors, type Diagnostic } from '../reading/diagnostics.ts';
import { fileHashes } from '../reading/read-snapshot.ts';
import { reduceExplore, type ExploreStates } from '../reducing/explore-reducers.ts';
import {
  holdsCustomerIds,
  PSEUDONYM_KEY_ENV,
  pseudonymiseStates,
  type Pseudonymiser,
} from '../reducing/pseudonyms.ts';
import { reduceSnapshot } from '../reducing/reduce-snapshot.ts';
import { encodeReducedSnapshot, isReducedSnapshot } from '../reducing/reduced-snapshot.ts';
import type { ReducedSnapshot } from '../reducing/snapshot-reducers.ts';
import { reduceWithSql, type SqlEngine } from '../reducing/sql/reduce-with-sql.ts';

export interface WriteReducedOptions {
  /** The raw snapshot folder. */
  dir: string;
  /** The folder as diagnostics name it, e.g. "data/2026-Q3". */
  displayDir: string;
  /** The reduced snapshot folder to write (its name must be the snapshot id). */
  out: string;
  engine: ReduceEngine;
  /** The engine to run the SQL in (default for duckdb: an embedded instance opened for it). */
  sqlEngine?: SqlEngine;
  pseudonymiser: Pseudonymiser | null;
  externalData?: readonly string[];
}

export interface WriteReducedResult {
  /** Everything the read raised; nothing is written when one is an error. */
  diagnostics: Diagnostic[];
  /** The reduced file written, or null. */
  written: string | null;
  /** Why nothing was written when no diagnostic says it (a key is missing). */
  refused?: string;
}

/** The states and Explore cells of a raw snapshot, by the TypeScript reader. */
async function reduceInTypeScript(options: WriteReducedOptions) {
  const { dir, displayDir } = options;
  const result = await reduceSnapshot(dir, displayDir, { externalData: options.externalData });
  const { loaded, reducers } = result;
  if (!reducers || !loaded.manifest || !loaded.hash || hasErrors(loaded.diagnostics))
    return { diagnostics: loaded.diagnostics, states: null };
  const explore = await reduceExplore(
    dir,
    displayDir,
    loaded.manifest,
    reducers.questionnaire,
    reducers.behaviour,
  );
  const reduced: ReducedSnapshot = {
    questionnaire: reducers.questionnaire,
    survey: reducers.survey,
    behaviour: reducers.behaviour,
    complaints: reducers.complaints,
    customers: reducers.customers,
    voice: reducers.voice,
    answers: reducers.answers,
  };
  return {
    diagnostics: loaded.diagnostics,
    states: {
      manifest: loaded.manifest,
      hash: loaded.hash,
      files: fileHashes(loaded.parts),
      tables: loaded.tables,
      reduced,
      explore: explore satisfies ExploreStates,
    },
  };
}

/** Reduces a raw snapshot and writes the reduced snapshot folder. */
export async function writeReduced(options: WriteReducedOptions): Promise<WriteReducedResult> {
  if (isReducedSnapshot(options.dir)) {
    return { diagnostics: [], written: null, refused: `${options.displayDir} is reduced already` };
  }
  if (resolve(options.out) === resolve(options.dir)) {
    return {
      diagnostics: [],
      written: null,
      refused: 'the reduced snapshot must go to another folder than the raw one',
    };
  }
  const { diagnostics, states } =
    options.engine === 'typescript'
      ? await reduceInTypeScript(options)
      : await reduceWithSql(options.dir, options.displayDir, {
          engine: options.sqlEngine,
          externalData: options.externalData,
        });
  if (!states) return { diagnostics, written: null };
  const needsKey = holdsCustomerIds(states.reduced);
  if (needsKey && !options.pseudonymiser) {
    return {
      diagnostics,
      written: null,
      refused: `the snapshot holds customer ids: set ${PSEUDONYM_KEY_ENV} to a secret key (at least 16 characters, kept outside the repository) so they are written as pseudonyms`,
    };
  }
  const pseudonymiser = needsKey ? options.pseudonymiser : null;
  const reduced = pseudonymiser
    ? pseudonymiseStates(states.reduced, pseudonymiser)
    : states.reduced;
  const document = encodeReducedSnapshot({
    manifest: states.manifest,
    displayDir: options.displayDir,
    hash: states.hash,
    files: states.files,
    tables: states.tables,
    engine: options.engine,
    warnings: diagnostics.filter((d) => d.level === 'warning'),
    reduced,
    explore: states.explore,
    pseudonymiser,
  });
  mkdirSync(options.out, { recursive: true });
  copyFileSync(join(options.dir, 'manifest.json'), join(options.out, 'manifest.json'));
  const written = join(options.out, REDUCED_FILE);
  writeFileSync(written, `${JSON.stringify(document)}\n`);
  return { diagnostics, written };
}
