/**
 * Data problems as data: every check returns diagnostics with a stable id, a location and a
 * fix, so all problems of a build are collected and reported together. Tests assert the id,
 * never the wording. The catalog below is the one place that names every kind of problem.
 */

import type { z } from 'zod';
import type { DiagnosticSchema } from '../contracts/figures-schema.ts';
import { diagnosticCounts } from '../contracts/diagnostic-counts.ts';

export { diagnosticCounts };

export type DiagnosticLevel = 'error' | 'warning';

/** A diagnostic as the figures file stores it, its id one of the catalog's. */
export type Diagnostic = Omit<z.output<typeof DiagnosticSchema>, 'id'> & {
  /** Stable identifier from DIAGNOSTICS, e.g. "out-of-scale". */
  id: DiagnosticId;
};

/** A catalog entry whose default level is error, and its title for documentation. */
const error = (title: string) => ({ level: 'error', title }) as const;
/** A catalog entry whose default level is warning, and its title for documentation. */
const warning = (title: string) => ({ level: 'warning', title }) as const;

/** Catalog of every diagnostic: id → default level and a title for documentation. */
export const DIAGNOSTICS = {
  'snapshot-dir-missing': error('Snapshot folder not found'),
  'no-snapshots': error('No snapshot folders under data/'),
  'manifest-missing': error('manifest.json missing'),
  'manifest-invalid-json': error('manifest.json is not valid JSON'),
  'manifest-invalid': error('manifest.json does not match the snapshot contract'),
  'manifest-id-mismatch': error('Manifest id differs from its folder name'),
  'unknown-field': error('Column mapping names an unknown canonical field'),
  'item-not-mapped': error('Declared item has no column'),
  'item-not-declared': error('Mapped item has no declared scale'),
  'field-not-mapped': error('Required field not mapped'),
  'weighting-dimension-unknown': error('Weighting uses an undeclared dimension'),
  'weighting-population-missing': error('Weighting needs population counts'),
  'table-file-missing': error('Declared table file is missing'),
  'path-outside-snapshot': error('A file named by the manifest is outside its snapshot folder'),
  'table-empty': error('Declared table has no data rows'),
  'missing-column': error('Mapped column not found in the header'),
  'duplicate-header': error('Two columns share one header'),
  'unmapped-column': warning('Column not mapped to any field'),
  'unclosed-quote': error('Quoted field never closed'),
  'ragged-row': error('Row has a different number of fields than the header'),
  'invalid-encoding': error('Bytes are not valid in the declared encoding'),
  'missing-id': error('Row has no id'),
  'duplicate-id': warning('Id appears more than once (first copy kept)'),
  'order-lines-undeclared': error(
    'Repeated order ids with different amounts (rows look like order lines)',
  ),
  'order-line-customer-conflict': error('Lines of one order name different customers'),
  'not-a-number': error('Cell is not a number'),
  'not-an-integer': error('Score is not a whole number'),
  'out-of-scale': error('Score outside the declared scale'),
  'scale-mismatch': warning('Values look like a different scale'),
  'unknown-label': error('Value label not in the mapping'),
  'unknown-segment-level': error('Segment level not declared'),
  'invalid-date': error('Cell is not a date'),
  'date-outside-period': warning("Date outside the snapshot's period"),
  'empty-response': warning('Response has no scored item (excluded)'),
  'low-response-rate': warning('Response rate below target'),
  'metric-redefined': warning('Metric measured otherwise than in the previous period (no change)'),
  'excel-sep-line': error('The file starts with Excel\'s "sep=" line'),
  'utf16-file': error('The file is UTF-16'),
  'category-spellings': warning('A complaint category written more than one way (counted as one)'),
  'segment-below-minimum-base': warning('Segment below the minimum base'),
  'invalid-action': error('Action register row is invalid'),
  'lookup-miss': warning('Key not found in a lookup file'),
  'metric-id-conflict': error('An item id is also the id of another metric'),
  'weighting-level-empty': warning('A weighting level has no responses'),
  'weighting-not-converged': warning('Raking did not converge'),
  'unconfirmed-assumption': warning(
    'A drafted assumption that could change a figure is not confirmed yet',
  ),
  'number-out-of-range': error('Number beyond the plausible range'),
  'negative-amount': warning('Negative amount where no refunds are declared (order left out)'),
  'encoding-mismatch': warning('Bytes look like another encoding than the declared one'),
  'zero-count': error('A segment level declares a population or invitations of 0'),
  'blank-segment': warning('Segment cell holds only spaces (the row counts in no group)'),
  'unknown-reference': warning('Rows name a customer or order the snapshot does not list'),
  'reduced-snapshot-invalid': error('reduced.json cannot be read'),
  'reduced-manifest-changed': error('Manifest differs from the one the snapshot was reduced with'),
  'customer-ids-unmatched': error('Customer ids of consecutive periods are in different forms'),
  'table-format-unsupported': error('Table file in a format the TypeScript reader does not read'),
} as const satisfies Record<string, { level: DiagnosticLevel; title: string }>;

export type DiagnosticId = keyof typeof DIAGNOSTICS;

/** True when `id` names a diagnostic of the catalog (for diagnostics read back from a file). */
export function isDiagnosticId(id: string): id is DiagnosticId {
  return Object.hasOwn(DIAGNOSTICS, id);
}

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

/** Diagnostics of one id in one file listed in full; further ones are only counted. */
export const KEPT_PER_KIND = 100;

/** One kind (file and id) in a collector: how many were met and kept, and where the last is. */
interface Kind {
  count: number;
  kept: number;
  /** Position in the collector's list of the kind's last kept diagnostic. */
  last: number;
}

/**
 * Collects diagnostics in bounded memory, whatever their number: the first KEPT_PER_KIND of
 * each kind (file and id) are kept in the order met, the others only counted, so a file with a
 * million bad cells is reported in seconds and the counts stay exact. `list()` gives the kept
 * diagnostics, the last of a kind carrying in `more` how many were left out.
 */
export class DiagnosticCollector {
  private readonly kept: Diagnostic[] = [];
  /** file → id → kind: no key string is built per diagnostic. */
  private readonly kinds = new Map<string, Map<DiagnosticId, Kind>>();

  private readonly perKind: number;

  constructor(perKind = KEPT_PER_KIND) {
    this.perKind = perKind;
  }

  private kind(file: string, id: DiagnosticId): Kind {
    let byId = this.kinds.get(file);
    if (byId === undefined) {
      byId = new Map();
      this.kinds.set(file, byId);
    }
    let kind = byId.get(id);
    if (kind === undefined) {
      kind = { count: 0, kept: 0, last: -1 };
      byId.set(id, kind);
    }
    return kind;
  }

  /** Adds one diagnostic (with the ones its `more` stands for). */
  push(d: Diagnostic): void {
    const kind = this.kind(d.file, d.id);
    kind.count += 1 + (d.more ?? 0);
    if (kind.kept >= this.perKind) return;
    kind.kept += 1;
    kind.last = this.kept.length;
    this.kept.push(d.more === undefined ? d : withoutMore(d));
  }

  /**
   * Adds one diagnostic of `id` in `file`, calling `make` only when it is kept: the path of a
   * file with a bad cell in every row builds no message beyond the kept ones.
   */
  report(id: DiagnosticId, file: string, make: () => Diagnostic): void {
    const kind = this.kind(file, id);
    if (kind.kept >= this.perKind) kind.count += 1;
    else this.push(make());
  }

  /** Adds every diagnostic of a list (a loop: a spread of a long list overflows the stack). */
  addAll(list: Iterable<Diagnostic>): void {
    for (const d of list) this.push(d);
  }

  /** The kept diagnostics in the order met; the last of each kind says how many were left out. */
  list(): Diagnostic[] {
    const out = this.kept.slice();
    for (const byId of this.kinds.values()) {
      for (const kind of byId.values()) {
        if (kind.count > kind.kept)
          out[kind.last] = { ...out[kind.last]!, more: kind.count - kind.kept };
      }
    }
    return out;
  }
}

/** A diagnostic without its count of others (a collector counts them itself). */
function withoutMore(d: Diagnostic): Diagnostic {
  const copy = { ...d };
  delete copy.more;
  return copy;
}

/** "3 errors, 1 warning" */
export function countsLine(counts: { errors: number; warnings: number }): string {
  const { errors, warnings } = counts;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/**
 * Groups diagnostics by kind (`key`) and lists at most `perKind` of each, in the order given,
 * with how many of each kind were not shown (counting the ones a collector left out). Each list
 * is walked once: the cost is linear in the diagnostics, whatever their number.
 */
export function capPerKind<K>(
  diagnostics: readonly Diagnostic[],
  key: (d: Diagnostic) => K,
  perKind: number,
): { shown: Diagnostic[]; hidden: Map<K, number> } {
  const seen = new Map<K, number>();
  const hidden = new Map<K, number>();
  const shown: Diagnostic[] = [];
  for (const d of diagnostics) {
    const k = key(d);
    const count = (seen.get(k) ?? 0) + 1;
    seen.set(k, count);
    const left = (count > perKind ? 1 : 0) + (d.more ?? 0);
    if (count <= perKind) shown.push(d);
    if (left > 0) hidden.set(k, (hidden.get(k) ?? 0) + left);
  }
  return { shown, hidden };
}

/** Orders diagnostics errors first, then by file and row (a new array; the list is not changed). */
export function byLevelFileRow(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .slice()
    .sort(
      (a, b) =>
        (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) ||
        a.file.localeCompare(b.file) ||
        (a.row ?? 0) - (b.row ?? 0),
    );
}

/**
 * A report of many diagnostics, errors first, at most `perKind` lines per file and id with a
 * count of the rest, so a file with a million bad cells still prints a readable report.
 */
export function formatReport(diagnostics: readonly Diagnostic[], perKind = 20): string {
  const { shown, hidden } = capPerKind(
    byLevelFileRow(diagnostics),
    (d) => `${d.file}\u0000${d.id}`,
    perKind,
  );
  const lines = shown.map(formatDiagnostic);
  for (const [key, count] of hidden) {
    const [file, id] = key.split('\u0000');
    lines.push(`… and ${count} more [${id}] in ${file}`);
  }
  lines.push(countsLine(diagnosticCounts(diagnostics)));
  return lines.join('\n');
}
