/**
 * Validates one snapshot folder without building the site: every diagnostic of the loader and
 * of the figure-level checks (minimum base, response rates, weighting), errors and warnings.
 */
import { basename, relative, resolve } from 'node:path';
import { describeDropped } from '../contracts/dropped-rows.ts';
import { firstCarry, reviewFigures } from '../figures/review-figures.ts';
import {
  byLevelFileRow,
  capPerKind,
  countsLine,
  DiagnosticCollector,
  diagnosticCounts,
  type Diagnostic,
} from '../reading/diagnostics.ts';
import { reduceSnapshot } from '../reducing/reduce-snapshot.ts';
import { externalDataRoots, snapshotInput } from './review-data.ts';

export interface ValidationReport {
  snapshot: string;
  ok: boolean;
  errors: number;
  warnings: number;
  hash: string | null;
  rows: Record<string, { rows: number; used: number; dropped: Partial<Record<string, number>> }>;
  diagnostics: Diagnostic[];
}

/**
 * Validates the snapshot folder `dir` (resolved against `root`): the loader's diagnostics and,
 * when it loads without errors, those of its figures. The diagnostics are capped per kind (see
 * DiagnosticCollector); `errors` and `warnings` count every one.
 * @param externalData absolute folders outside the snapshot its manifest may name files in
 *   (REVIEW_EXTERNAL_DATA by default)
 */
export async function validateSnapshot(
  dir: string,
  root = process.cwd(),
  externalData = externalDataRoots(root),
): Promise<ValidationReport> {
  const absolute = resolve(root, dir);
  const display = relative(root, absolute) || basename(absolute);
  const reduced = await reduceSnapshot(absolute, display, { externalData });
  const { loaded } = reduced;
  const diagnostics = new DiagnosticCollector();
  diagnostics.addAll(reduced.loaded.diagnostics);
  const input = snapshotInput(reduced, display, []);
  // The figure-level checks, on this snapshot alone (no previous period).
  if (input) diagnostics.addAll(reviewFigures(input, firstCarry()).diagnostics);
  const list = diagnostics.list();
  const { errors, warnings } = diagnosticCounts(list);
  const rows: ValidationReport['rows'] = {};
  for (const [name, t] of Object.entries(loaded.tables))
    if (t) rows[name] = { rows: t.rows, used: t.used, dropped: t.dropped };
  return {
    snapshot: display,
    ok: errors === 0,
    errors,
    warnings,
    hash: loaded.hash,
    rows,
    diagnostics: list,
  };
}

/**
 * A terminal table: grouped by file, errors first, at most `perKind` rows per kind and a count
 * of the rest. Linear in the diagnostics: each is placed once.
 */
export function formatValidationTable(report: ValidationReport, perKind = 10): string {
  const lines: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of report.diagnostics) {
    let list = byFile.get(d.file);
    if (list === undefined) byFile.set(d.file, (list = []));
    list.push(d);
  }
  for (const [file, list] of byFile) {
    lines.push('', file);
    const { shown, hidden } = capPerKind(byLevelFileRow(list), (d) => d.id, perKind);
    const rows = shown.map((d) => [
      d.level === 'error' ? 'ERROR' : 'warn',
      d.row === undefined ? '' : String(d.row),
      d.column ?? '',
      d.value === undefined
        ? ''
        : JSON.stringify(d.value.length > 24 ? `${d.value.slice(0, 23)}…` : d.value),
      `${d.message} → ${d.hint}`,
      d.id,
    ]);
    const widths = [5, 5, 18, 20].map((w, i) =>
      Math.min(
        w + 10,
        rows.reduce((max, r) => Math.max(max, r[i]!.length), w),
      ),
    );
    lines.push(
      `  ${['level', 'row', 'column', 'value'].map((h, i) => h.padEnd(widths[i]!)).join('  ')}  what is wrong → what to do`,
    );
    for (const r of rows) {
      lines.push(
        `  ${r
          .slice(0, 4)
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')}  ${r[4]} [${r[5]}]`,
      );
    }
    for (const [id, count] of hidden) lines.push(`  … and ${count} more [${id}]`);
  }
  const tables = Object.entries(report.rows)
    .map(([name, t]) => {
      const dropped = describeDropped(t.dropped);
      return `${name}: ${t.used}/${t.rows} rows usable${dropped ? ` (left out: ${dropped})` : ''}`;
    })
    .join('; ');
  lines.push(
    '',
    `${report.snapshot}: ${countsLine(report)}${tables ? ` (${tables})` : ''}${report.ok ? ' — valid' : ' — fix the errors above'}`,
  );
  return lines.join('\n');
}
