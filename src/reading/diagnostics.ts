/**
 * Data problems as data: every check returns diagnostics with a stable id, a location and a
 * fix, so all problems of a build are collected and reported together. Tests assert the id,
 * never the wording. The catalog below is the one place that names every kind of problem.
 */

import type { z } from 'zod';
import type { DiagnosticSchema } from '../contracts/figures-schema.ts';

export type DiagnosticLevel = 'error' | 'warning';

/** A diagnostic as the figures file stores it, its id one of the catalog's. */
export type Diagnostic = Omit<z.output<typeof DiagnosticSchema>, 'id'> & {
  /** Stable identifier from DIAGNOSTICS, e.g. "out-of-scale". */
  id: DiagnosticId;
};

/** Catalog of every diagnostic: id → default level and a title for documentation. */
export const DIAGNOSTICS = {
  'snapshot-dir-missing': { level: 'error', title: 'Snapshot folder not found' },
  'no-snapshots': { level: 'error', title: 'No snapshot folders under data/' },
  'manifest-missing': { level: 'error', title: 'manifest.json missing' },
  'manifest-invalid-json': { level: 'error', title: 'manifest.json is not valid JSON' },
  'manifest-invalid': {
    level: 'error',
    title: 'manifest.json does not match the snapshot contract',
  },
  'manifest-id-mismatch': { level: 'error', title: 'Manifest id differs from its folder name' },
  'unknown-field': { level: 'error', title: 'Column mapping names an unknown canonical field' },
  'item-not-mapped': { level: 'error', title: 'Declared item has no column' },
  'item-not-declared': { level: 'error', title: 'Mapped item has no declared scale' },
  'field-not-mapped': { level: 'error', title: 'Required field not mapped' },
  'weighting-dimension-unknown': {
    level: 'error',
    title: 'Weighting uses an undeclared dimension',
  },
  'weighting-population-missing': { level: 'error', title: 'Weighting needs population counts' },
  'table-file-missing': { level: 'error', title: 'Declared table file is missing' },
  'table-empty': { level: 'error', title: 'Declared table has no data rows' },
  'missing-column': { level: 'error', title: 'Mapped column not found in the header' },
  'duplicate-header': { level: 'error', title: 'Two columns share one header' },
  'unmapped-column': { level: 'warning', title: 'Column not mapped to any field' },
  'unclosed-quote': { level: 'error', title: 'Quoted field never closed' },
  'ragged-row': { level: 'error', title: 'Row has a different number of fields than the header' },
  'invalid-encoding': { level: 'error', title: 'Bytes are not valid in the declared encoding' },
  'missing-id': { level: 'error', title: 'Row has no id' },
  'duplicate-id': { level: 'warning', title: 'Id appears more than once (first copy kept)' },
  'order-lines-undeclared': {
    level: 'error',
    title: 'Repeated order ids with different amounts (rows look like order lines)',
  },
  'order-line-customer-conflict': {
    level: 'error',
    title: 'Lines of one order name different customers',
  },
  'not-a-number': { level: 'error', title: 'Cell is not a number' },
  'not-an-integer': { level: 'error', title: 'Score is not a whole number' },
  'out-of-scale': { level: 'error', title: 'Score outside the declared scale' },
  'scale-mismatch': { level: 'warning', title: 'Values look like a different scale' },
  'unknown-label': { level: 'error', title: 'Value label not in the mapping' },
  'unknown-segment-level': { level: 'error', title: 'Segment level not declared' },
  'invalid-date': { level: 'error', title: 'Cell is not a date' },
  'date-outside-period': { level: 'warning', title: "Date outside the snapshot's period" },
  'empty-response': { level: 'warning', title: 'Response has no scored item (excluded)' },
  'low-response-rate': { level: 'warning', title: 'Response rate below target' },
  'segment-below-minimum-base': { level: 'warning', title: 'Segment below the minimum base' },
  'invalid-action': { level: 'error', title: 'Action register row is invalid' },
  'lookup-miss': { level: 'warning', title: 'Key not found in a lookup file' },
  'metric-id-conflict': {
    level: 'error',
    title: 'An item id is also the id of another metric',
  },
  'weighting-level-empty': {
    level: 'warning',
    title: 'A weighting level has no responses',
  },
  'weighting-not-converged': { level: 'warning', title: 'Raking did not converge' },
} as const satisfies Record<string, { level: DiagnosticLevel; title: string }>;

export type DiagnosticId = keyof typeof DIAGNOSTICS;

/** Builds a diagnostic with the catalog's level. */
export function diagnostic(
  id: DiagnosticId,
  fields: Omit<Diagnostic, 'id' | 'level'> & { level?: DiagnosticLevel },
): Diagnostic {
  return { id, level: fields.level ?? DIAGNOSTICS[id].level, ...fields };
}

/** `file:row:column — what is wrong — what to do`, the one-line form used by the CLI and build. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.row !== undefined ? String(d.row) : undefined, d.column]
    .filter((part) => part !== undefined)
    .join(':');
  const value = d.value !== undefined ? ` (value "${truncate(d.value, 40)}")` : '';
  return `${d.level} [${d.id}] ${where} — ${d.message}${value} — ${d.hint}`;
}

function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\r?\n/g, '⏎');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.level === 'error');
}

/**
 * A report of many diagnostics, errors first, at most `perKind` lines per file and id with a
 * count of the rest, so a file with a million bad cells still prints a readable report.
 */
export function formatReport(diagnostics: readonly Diagnostic[], perKind = 20): string {
  const sorted = [...diagnostics].sort(
    (a, b) =>
      (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) ||
      a.file.localeCompare(b.file) ||
      (a.row ?? 0) - (b.row ?? 0),
  );
  const shown = new Map<string, number>();
  const lines: string[] = [];
  for (const d of sorted) {
    const key = `${d.file}\u0000${d.id}`;
    const count = (shown.get(key) ?? 0) + 1;
    shown.set(key, count);
    if (count <= perKind) lines.push(formatDiagnostic(d));
  }
  for (const [key, count] of shown) {
    if (count > perKind) {
      const [file, id] = key.split('\u0000');
      lines.push(`… and ${count - perKind} more [${id}] in ${file}`);
    }
  }
  const errors = diagnostics.filter((d) => d.level === 'error').length;
  const warnings = diagnostics.length - errors;
  lines.push(
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  );
  return lines.join('\n');
}
