import { describe, expect, it } from 'vitest';
import {
  diagnostic,
  DiagnosticCollector,
  diagnosticCounts,
  formatReport,
  type Diagnostic,
} from './diagnostics.ts';

const cell = (row: number, file = 'survey.csv'): Diagnostic =>
  diagnostic('out-of-scale', { file, row, column: 'Q1', message: 'outside', hint: 'fix' });
const note = (row: number): Diagnostic =>
  diagnostic('duplicate-id', { file: 'survey.csv', row, message: 'again', hint: 'drop' });

describe('DiagnosticCollector', () => {
  it('keeps the first of each kind in order and counts the rest on the last kept', () => {
    const collector = new DiagnosticCollector(3);
    for (let row = 2; row < 12; row++) {
      collector.push(cell(row));
      if (row % 2 === 0) collector.push(note(row));
    }
    collector.push(cell(5, 'orders.csv'));
    const list = collector.list();
    expect(list.map((d) => [d.file, d.id, d.row, d.more])).toEqual([
      ['survey.csv', 'out-of-scale', 2, undefined],
      ['survey.csv', 'duplicate-id', 2, undefined],
      ['survey.csv', 'out-of-scale', 3, undefined],
      ['survey.csv', 'out-of-scale', 4, 7],
      ['survey.csv', 'duplicate-id', 4, undefined],
      ['survey.csv', 'duplicate-id', 6, 2],
      ['orders.csv', 'out-of-scale', 5, undefined],
    ]);
    expect(diagnosticCounts(list)).toEqual({ errors: 11, warnings: 5 });
  });

  it('report(…) builds a diagnostic only while its kind has room, and counts every one', () => {
    const collector = new DiagnosticCollector(2);
    let built = 0;
    for (let row = 1; row <= 1000; row++)
      collector.report('out-of-scale', 'survey.csv', () => {
        built += 1;
        return cell(row);
      });
    expect(built).toBe(2);
    expect(diagnosticCounts(collector.list()).errors).toBe(1000);
  });

  it('a capped list added to another collector keeps its counts exact', () => {
    const first = new DiagnosticCollector(5);
    for (let row = 1; row <= 50; row++) first.push(cell(row));
    const second = new DiagnosticCollector(3);
    second.addAll(first.list());
    second.push(cell(99));
    const list = second.list();
    expect(list.map((d) => d.row)).toEqual([1, 2, 3]);
    expect(list.at(-1)!.more).toBe(48);
    expect(diagnosticCounts(list).errors).toBe(51);
  });
});

describe('formatReport', () => {
  it('shows at most perKind lines of a kind and counts the rest, the left-out ones included', () => {
    const collector = new DiagnosticCollector(5);
    for (let row = 1; row <= 40; row++) collector.push(cell(row));
    collector.push(note(3));
    const report = formatReport(collector.list(), 2);
    expect(report.split('\n')).toEqual([
      expect.stringContaining('[out-of-scale] survey.csv:1:Q1'),
      expect.stringContaining('[out-of-scale] survey.csv:2:Q1'),
      expect.stringContaining('[duplicate-id] survey.csv:3'),
      '… and 38 more [out-of-scale] in survey.csv',
      '40 errors, 1 warning',
    ]);
  });
});
