/**
 * Reads and validates `data/<id>/manifest.json`: JSON syntax, the zod contract, then the checks
 * that need the whole manifest (mapped fields exist, items have scales, weighting has targets).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SURVEY_FIELDS, TABLE_NAMES, type TableName } from '../contracts/fields.ts';
import { resolveQuestionnaire, scalePoints } from '../contracts/questionnaire.ts';
import { ManifestSchema, type Manifest } from '../contracts/manifest-schema.ts';
import { namingAllowed } from '../contracts/naming-allowed.ts';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { allowedFields, REQUIRED_FIELDS } from './field-specs.ts';
import { resolveSnapshotFile, SNAPSHOT_FILE_PROBLEMS } from './snapshot-files.ts';

export interface ManifestReadOptions {
  /** Absolute folders outside the snapshot whose files a manifest may name (REVIEW_EXTERNAL_DATA). */
  externalData?: readonly string[];
}

export interface ManifestReadResult {
  manifest: Manifest | null;
  /** The manifest file's raw bytes (part of the snapshot hash). */
  bytes: Uint8Array | null;
  diagnostics: Diagnostic[];
}

/** Line (1-based) of the first occurrence of `"key"` (or a string value) in JSON text, to point at a manifest path. */
function lineOfKey(text: string, key: string | number | undefined): number | undefined {
  if (key === undefined) return undefined;
  const at = text.indexOf(typeof key === 'number' ? String(key) : `"${key}"`);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

/**
 * @param dir absolute snapshot folder
 * @param displayDir the folder as shown in diagnostics, e.g. "data/2026-Q3"
 */
export function readManifest(
  dir: string,
  displayDir: string,
  options: ManifestReadOptions = {},
): ManifestReadResult {
  const path = join(dir, 'manifest.json');
  const file = `${displayDir}/manifest.json`;
  const own = resolveSnapshotFile(dir, 'manifest.json');
  if (!own.ok) {
    // Not read at all: its bytes would reach the JSON parser's message.
    return {
      manifest: null,
      bytes: null,
      diagnostics: [
        diagnostic('path-outside-snapshot', {
          file,
          message: `manifest.json ${SNAPSHOT_FILE_PROBLEMS[own.problem]}`,
          hint: 'replace the link with the manifest file itself',
        }),
      ],
    };
  }
  if (!existsSync(path)) {
    return {
      manifest: null,
      bytes: null,
      diagnostics: [
        diagnostic('manifest-missing', {
          file,
          message: 'every snapshot folder needs a manifest.json',
          hint: 'run `npm run new-snapshot -- <export files>` to draft one, or copy one from another snapshot and edit it',
        }),
      ],
    };
  }
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    return {
      manifest: null,
      bytes,
      diagnostics: [
        diagnostic('manifest-invalid-json', {
          file,
          row: position ? text.slice(0, Number(position[1])).split('\n').length : undefined,
          message: `not valid JSON: ${message}`,
          hint: 'fix the syntax (a missing comma or quote, or a trailing comma, is the usual cause)',
        }),
      ],
    };
  }
  const parsed = ManifestSchema.safeParse(json, { error: namingAllowed });
  if (!parsed.success) {
    return {
      manifest: null,
      bytes,
      diagnostics: parsed.error.issues.map((issue) =>
        diagnostic('manifest-invalid', {
          file,
          // An unknown key is on its own line, not on its object's.
          row: lineOfKey(
            text,
            issue.code === 'unrecognized_keys'
              ? issue.keys[0]
              : (issue.path.at(-1) as string | number | undefined),
          ),
          column: issue.path.join('.') || '(root)',
          message: issue.message,
          hint: 'see the manifest reference in docs/analyst-guide.md',
        }),
      ),
    };
  }
  return {
    manifest: parsed.data,
    bytes,
    diagnostics: [
      ...checkFiles(parsed.data, dir, file, text, options.externalData ?? []),
      ...checkManifest(parsed.data, dir, file, text),
    ],
  };
}

/** Every file the manifest names (tables and their lookups) must lie inside the snapshot. */
function checkFiles(
  manifest: Manifest,
  dir: string,
  file: string,
  text: string,
  externalData: readonly string[],
): Diagnostic[] {
  const named: Array<[path: string, name: string]> = [];
  for (const table of TABLE_NAMES as readonly TableName[]) {
    const declared = manifest.tables[table];
    if (!declared) continue;
    named.push([`tables.${table}.file`, declared.file]);
    declared.lookups.forEach((lookup, i) =>
      named.push([`tables.${table}.lookups.${i}.file`, lookup.file]),
    );
  }
  return named.flatMap(([path, name]) => {
    const resolved = resolveSnapshotFile(dir, name, externalData);
    if (resolved.ok) return [];
    return [
      diagnostic('path-outside-snapshot', {
        file,
        row: lineOfKey(text, name),
        column: path,
        value: name,
        message: `the file ${SNAPSHOT_FILE_PROBLEMS[resolved.problem]}`,
        hint: `copy the export into ${basename(dir)}/ and name it relative to that folder (e.g. "survey.csv"); a file of another snapshot belongs to that snapshot. Public datasets kept outside the repository are read only from folders listed in REVIEW_EXTERNAL_DATA`,
      }),
    ];
  });
}

function suggest(word: string, options: readonly string[]): string {
  const close = options.find(
    (o) => o.startsWith(word.slice(0, 4)) || word.startsWith(o.slice(0, 4)),
  );
  return close ? ` (did you mean "${close}"?)` : '';
}

/** Checks that need the whole manifest; returns diagnostics (empty when consistent). */
export function checkManifest(
  manifest: Manifest,
  dir: string,
  file: string,
  text = '',
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const folder = basename(dir);
  const questionnaire = resolveQuestionnaire(
    manifest.items,
    manifest.tables.survey?.columns,
    manifest.index?.items,
  );
  if (manifest.id !== folder) {
    diagnostics.push(
      diagnostic('manifest-id-mismatch', {
        file,
        row: lineOfKey(text, 'id'),
        column: 'id',
        value: manifest.id,
        message: `the id differs from the folder name "${folder}"`,
        hint: 'make the id equal to the folder name (reports cite snapshots by id)',
      }),
    );
  }
  if (manifest.end < manifest.start) {
    diagnostics.push(
      diagnostic('manifest-invalid', {
        file,
        row: lineOfKey(text, 'end'),
        column: 'end',
        value: manifest.end,
        message: 'the period ends before it starts',
        hint: 'swap "start" and "end"',
      }),
    );
  }
  for (const name of TABLE_NAMES as readonly TableName[]) {
    const table = manifest.tables[name];
    if (!table) continue;
    const allowed = allowedFields(name, manifest);
    for (const field of Object.keys(table.columns)) {
      if (!allowed.includes(field)) {
        diagnostics.push(
          diagnostic('unknown-field', {
            file,
            row: lineOfKey(text, field),
            column: `tables.${name}.columns.${field}`,
            message: `"${field}" is not a field of the ${name} table${suggest(field, allowed)}`,
            hint: `use one of: ${allowed.join(', ')} (segment dimensions must be declared under "segments")`,
          }),
        );
      }
    }
    for (const field of REQUIRED_FIELDS[name]) {
      if (table.columns[field] !== undefined) continue;
      diagnostics.push(
        diagnostic('field-not-mapped', {
          file,
          row: lineOfKey(text, name),
          column: `tables.${name}.columns`,
          value: field,
          message: `the ${name} table needs "${field}" and no column is mapped to it`,
          hint: `add "${field}": "<export header>" to tables.${name}.columns (required: ${REQUIRED_FIELDS[name].join(', ')})`,
        }),
      );
    }
    const recommendItem = questionnaire.roles.recommend;
    for (const [field, mapping] of Object.entries(table.columns)) {
      if (!Array.isArray(mapping)) continue;
      const scored = name === 'survey' && manifest.items[field] !== undefined;
      if (scored && field !== recommendItem) continue;
      diagnostics.push(
        diagnostic('manifest-invalid', {
          file,
          row: lineOfKey(text, field),
          column: `tables.${name}.columns.${field}`,
          value: mapping.join(', '),
          message:
            field === recommendItem
              ? 'the recommend item is one 0–10 question (NPS is defined on it alone); it cannot be a mean of several columns'
              : `only a rated survey item can be the mean of several columns; ${field} maps one column`,
          hint: `map "${field}" to a single export header`,
        }),
      );
    }
  }
  for (const name of TABLE_NAMES as readonly TableName[]) {
    for (const lookup of manifest.tables[name]?.lookups ?? []) {
      if (!manifest.segments[lookup.field]) {
        diagnostics.push(
          diagnostic('unknown-field', {
            file,
            row: lineOfKey(text, 'lookups'),
            column: `tables.${name}.lookups`,
            value: lookup.field,
            message: `lookup fills "${lookup.field}", which is not a declared segment dimension`,
            hint: 'declare the dimension under "segments" with its levels',
          }),
        );
      }
      if (!manifest.tables[name]?.columns[lookup.key]) {
        diagnostics.push(
          diagnostic('unknown-field', {
            file,
            row: lineOfKey(text, 'lookups'),
            column: `tables.${name}.lookups`,
            value: lookup.key,
            message: `lookup key "${lookup.key}" is not mapped in tables.${name}.columns`,
            hint: `map the column holding the key, e.g. "${lookup.key}": "<export header>"`,
          }),
        );
      }
    }
  }
  (manifest.assumptions ?? []).forEach((assumption, i) => {
    const at = text.indexOf(JSON.stringify(assumption));
    diagnostics.push(
      diagnostic('unconfirmed-assumption', {
        file,
        row: at < 0 ? lineOfKey(text, 'assumptions') : text.slice(0, at).split('\n').length,
        column: `assumptions[${i}]`,
        message: `new-snapshot assumed: ${assumption}`,
        hint: 'check it against the questionnaire and the export, correct the manifest if it is wrong, then delete this line from "assumptions" in manifest.json',
      }),
    );
  });
  for (const d of zeroCounts(manifest, file, text)) diagnostics.push(d);
  const surveyColumns = manifest.tables.survey?.columns ?? {};
  for (const d of checkItems(manifest, questionnaire, file, text)) diagnostics.push(d);
  for (const d of checkOrders(manifest, file, text)) diagnostics.push(d);
  for (const item of Object.keys(manifest.items)) {
    if (!surveyColumns[item]) {
      diagnostics.push(
        diagnostic('item-not-mapped', {
          file,
          row: lineOfKey(text, item),
          column: `items.${item}`,
          message: `item "${item}" is declared but no survey column is mapped to it`,
          hint: `add "${item}": "<export header>" to tables.survey.columns, or remove the item`,
        }),
      );
    }
  }
  if (
    manifest.tables.survey &&
    !Object.keys(surveyColumns).some((f) => manifest.items[f] !== undefined)
  ) {
    diagnostics.push(
      diagnostic('item-not-mapped', {
        file,
        column: 'tables.survey.columns',
        message: 'the survey maps no rated item',
        hint: 'declare the questionnaire\'s items under "items" and map each to its export column in tables.survey.columns',
      }),
    );
  }
  const weighting = manifest.weighting;
  if (weighting && weighting.method !== 'none') {
    for (const dimension of weighting.dimensions) {
      const declared = manifest.segments[dimension];
      if (!declared) {
        diagnostics.push(
          diagnostic('weighting-dimension-unknown', {
            file,
            row: lineOfKey(text, 'weighting'),
            column: 'weighting.dimensions',
            value: dimension,
            message: `weighting uses "${dimension}", which is not a declared segment dimension`,
            hint: `declare it under "segments" with population counts, or remove it from weighting.dimensions`,
          }),
        );
        continue;
      }
      if (!surveyColumns[dimension]) {
        diagnostics.push(
          diagnostic('weighting-dimension-unknown', {
            file,
            column: `tables.survey.columns.${dimension}`,
            message: `weighting uses "${dimension}" but no survey column is mapped to it`,
            hint: `map the export's column to "${dimension}" in tables.survey.columns`,
          }),
        );
      }
      for (const [level, plan] of Object.entries(declared.levels)) {
        if (plan.population === undefined) {
          diagnostics.push(
            diagnostic('weighting-population-missing', {
              file,
              row: lineOfKey(text, level),
              column: `segments.${dimension}.levels.${level}.population`,
              message: `weighting by ${dimension} needs the population of "${level}"`,
              hint: 'add "population": <number of customers> to the level',
            }),
          );
        }
      }
    }
    if (weighting.method === 'poststratify' && weighting.dimensions.length !== 1) {
      diagnostics.push(
        diagnostic('manifest-invalid', {
          file,
          row: lineOfKey(text, 'weighting'),
          column: 'weighting.dimensions',
          message: 'post-stratification uses exactly one dimension',
          hint: 'use "method": "rake" for several dimensions',
        }),
      );
    }
  }
  return diagnostics;
}

/** The orders block's needs: the columns its amount and its status rules read. */
function checkOrders(manifest: Manifest, file: string, text: string): Diagnostic[] {
  const table = manifest.tables.orders;
  if (!table) return [];
  const diagnostics: Diagnostic[] = [];
  const needs = (field: string, why: string) => {
    if (table.columns[field] !== undefined) return;
    diagnostics.push(
      diagnostic('field-not-mapped', {
        file,
        row: lineOfKey(text, 'orders'),
        column: 'tables.orders.columns',
        value: field,
        message: `${why} and no column is mapped to "${field}"`,
        hint: `add "${field}": "<export header>" to tables.orders.columns`,
      }),
    );
  };
  if (manifest.orders.amountFrom === 'quantity*unit_price') {
    needs('quantity', '"amountFrom": "quantity*unit_price" multiplies the quantity');
    needs('unit_price', '"amountFrom": "quantity*unit_price" multiplies the unit price');
    if (table.columns.amount !== undefined) {
      diagnostics.push(
        diagnostic('manifest-invalid', {
          file,
          row: lineOfKey(text, 'amountFrom'),
          column: 'orders.amountFrom',
          value: 'quantity*unit_price',
          message:
            'the amount is declared as quantity × unit price, and a column is also mapped to amount',
          hint: 'remove "amount" from tables.orders.columns, or "amountFrom" from "orders" to read the amount column',
        }),
      );
    }
  }
  if (manifest.orders.statusRules.some((rule) => 'negativeQuantity' in rule))
    needs('quantity', 'a status rule reads a negative quantity');
  return diagnostics;
}

/**
 * Populations and invitations of 0: a level that has customers or was invited cannot count 0
 * (the response rate would divide by it, weighting would give its responses no weight), so
 * each is an error at its place in the manifest.
 */
function zeroCounts(manifest: Manifest, file: string, text: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [dimension, declared] of Object.entries(manifest.segments)) {
    for (const [level, plan] of Object.entries(declared.levels)) {
      for (const key of ['population', 'invitations'] as const) {
        if (plan[key] !== 0) continue;
        diagnostics.push(
          diagnostic('zero-count', {
            file,
            row: lineOfKey(text, level),
            column: `segments.${dimension}.levels.${level}.${key}`,
            value: '0',
            message:
              key === 'population'
                ? `a population of 0 for "${level}": its responses could not be weighted, and no share of 0 customers exists`
                : `0 invitations for "${level}": a response rate over 0 invitations does not exist`,
            hint: `write the real number of ${key === 'population' ? 'customers' : 'invitations sent'}, or remove "${key}" if it is unknown (a level with no customers at all can be removed)`,
          }),
        );
      }
    }
  }
  return diagnostics;
}

/** The questionnaire's own rules: ids that do not clash, one item per role, scales that fit. */
function checkItems(
  manifest: Manifest,
  questionnaire: ReturnType<typeof resolveQuestionnaire>,
  file: string,
  text: string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reserved = new Set<string>([...SURVEY_FIELDS, ...Object.keys(manifest.segments)]);
  const byRole = new Map<string, string[]>();
  for (const item of questionnaire.items) {
    const at = { file, row: lineOfKey(text, item.id), column: `items.${item.id}` };
    if (reserved.has(item.id)) {
      diagnostics.push(
        diagnostic('manifest-invalid', {
          ...at,
          value: item.id,
          message: `"${item.id}" is already a ${manifest.segments[item.id] ? 'segment dimension' : 'survey field'}, so it cannot also be an item id`,
          hint: `rename the item (its key under "items" and in tables.survey.columns), e.g. "${item.id}_rating"`,
        }),
      );
    }
    if (item.role) byRole.set(item.role, [...(byRole.get(item.role) ?? []), item.id]);
    const points = scalePoints(item.scale);
    if (item.topBox >= points) {
      diagnostics.push(
        diagnostic('manifest-invalid', {
          ...at,
          column: `items.${item.id}.topBox`,
          value: String(item.topBox),
          message: `a top box of ${item.topBox} points on a ${points}-point scale counts every answer as satisfied`,
          hint: `set "topBox" to fewer than ${points} points (1 on a yes/no scale)`,
        }),
      );
    }
    if (item.role === 'recommend' && (item.scale[0] !== 0 || item.scale[1] !== 10)) {
      diagnostics.push(
        diagnostic('manifest-invalid', {
          ...at,
          column: `items.${item.id}.scale`,
          value: item.scale.join('–'),
          message: 'the recommend item must be on the 0–10 scale: NPS is defined on it',
          hint: 'declare "scale": [0, 10], or give the item another role (or none) if it is not the 0–10 recommend question',
        }),
      );
    }
  }
  for (const [role, ids] of byRole) {
    if (ids.length < 2) continue;
    diagnostics.push(
      diagnostic('manifest-invalid', {
        file,
        row: lineOfKey(text, ids[1]),
        column: `items.${ids[1]}.role`,
        value: ids.join(', '),
        message: `${ids.length} items have the role "${role}"; a questionnaire has one ${role} question`,
        hint: `keep "role": "${role}" on one of ${ids.join(', ')} and remove it from the others`,
      }),
    );
  }
  for (const id of manifest.index?.items ?? []) {
    if (manifest.items[id]) continue;
    diagnostics.push(
      diagnostic('manifest-invalid', {
        file,
        row: lineOfKey(text, 'index'),
        column: 'index.items',
        value: id,
        message: `"${id}" is not a declared item`,
        hint: `use item ids declared under "items": ${Object.keys(manifest.items).join(', ') || '(none)'}`,
      }),
    );
  }
  return diagnostics;
}
