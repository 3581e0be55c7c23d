/**
 * Validates one snapshot folder without building the site: every diagnostic of the loader and
 * of the figure-level checks (minimum base, response rates, weighting), errors and warnings.
 */
import { basename, relative, resolve } from 'node:path';
import { describeDropped } from '../contracts/dropped-rows.ts';
import { firstCarry, reviewFigures } from '../figures/review-figures.ts';
import { hasErrors, type Diagnostic } from '../reading/diagnostics.ts';
import { reduceSnapshot } from '../reducing/reduce-snapshot.ts';
import { tableSummaries } from './review-data.ts';

export interface ValidationReport {
  snapshot: string;
  ok: boolean;
  errors: number;
  warnings: number;
  hash: string | null;
  rows: Record<string, { rows: number; used: number; dropped: Partial<Record<string, number>> }>;
  diagnostics: Diagnostic[];
}

export async function validateSnapshot(
  dir: string,
  root = process.cwd(),
): Promise<ValidationReport> {
  const absolute = resolve(root, dir);
  const display = relative(root, absolute) || basename(absolute);
  const { loaded, reducers } = await reduceSnapshot(absolute, display);
  const diagnostics = [...loaded.diagnostics];
  if (loaded.manifest && loaded.hash && reducers && !hasErrors(diagnostics)) {
    // The figure-level checks, on this snapshot alone (no previous period).
    const { diagnostics: figureDiagnostics } = reviewFigures(
      {
        manifest: loaded.manifest,
        hash: loaded.hash,
        displayDir: display,
        tables: tableSummaries(loaded.tables),
        reduced: reducers,
        warnings: [],
      },
      firstCarry(),
      [],
    );
    diagnostics.push(...figureDiagnostics);
  }
  const errors = diagnostics.filter((d) => d.level === 'error').length;
  const rows: ValidationReport['rows'] = {};
  for (const [name, t] of Object.entries(loaded.tables))
    if (t) rows[name] = { rows: t.rows, used: t.used, dropped: t.dropped };
  return {
    snapshot: display,
    ok: errors === 0,
    errors,
    warnings: diagnostics.length - errors,
    hash: loaded.hash,
    rows,
    diagnostics,
  };
}

/** A terminal table: grouped by file, errors first, at most `perKind` rows per kind. */
export function formatValidationTable(report: ValidationReport, perKind = 10): string {
  const lines: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of report.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  for (const [file, list] of byFile) {
    lines.push('', file);
    const sorted = [...list].sort(
      (a, b) =>
        (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) || (a.row ?? 0) - (b.row ?? 0),
    );
    const shown = new Map<string, number>();
    const rows: string[][] = [];
    for (const d of sorted) {
      const count = (shown.get(d.id) ?? 0) + 1;
      shown.set(d.id, count);
      if (count > perKind) continue;
      rows.push([
        d.level === 'error' ? 'ERROR' : 'warn',
        d.row === undefined ? '' : String(d.row),
        d.column ?? '',
        d.value === undefined
          ? ''
          : JSON.stringify(d.value.length > 24 ? `${d.value.slice(0, 23)}…` : d.value),
        `${d.message} → ${d.hint}`,
        d.id,
      ]);
    }
    const widths = [5, 5, 18, 20].map((w, i) =>
      Math.min(w + 10, Math.max(w, ...rows.map((r) => r[i]!.length))),
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
    for (const [id, count] of shown)
      if (count > perKind) lines.push(`  … and ${count - perKind} more [${id}]`);
  }
  const tables = Object.entries(report.rows)
    .map(([name, t]) => {
      const dropped = describeDropped(t.dropped);
      return `${name}: ${t.used}/${t.rows} rows usable${dropped ? ` (left out: ${dropped})` : ''}`;
    })
    .join('; ');
  lines.push(
    '',
    `${report.snapshot}: ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}${tables ? ` (${tables})` : ''}${report.ok ? ' — valid' : ' — fix the errors above'}`,
  );
  return lines.join('\n');
}
