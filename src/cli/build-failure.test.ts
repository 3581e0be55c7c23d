import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../build/data-validation-error.ts';
import { formatBuildFailure } from './build-failure.ts';

const REPORTS = '/project/reports';
const frames = (text: string) => text.split('\n').filter((line) => /^\s+at /.test(line));

describe('formatBuildFailure(error, site, reportsDir)', () => {
  it('an expected data failure prints its report once, with no stack frame', () => {
    const report =
      'error [out-of-scale] data/2026-Q2/survey.csv:6:Recommend — outside 0–10 — fix it';
    const text = formatBuildFailure(new DataValidationError(report), 'dist', REPORTS);
    expect(text.split(report)).toHaveLength(2);
    expect(frames(text)).toEqual([]);
    expect(text).toContain('dist is as it was');
  });

  it('recognises the error by name, as when it comes from a bundled copy of its module', () => {
    const bundled = Object.assign(new Error('Report check failed'), {
      name: 'DataValidationError',
    });
    expect(frames(formatBuildFailure(bundled, 'dist', REPORTS))).toEqual([]);
  });

  it('a report that does not compile is located without the bundler’s stack', () => {
    const error = Object.assign(
      new Error(
        `Build failed with 1 error:\n[plugin @mdx-js/rolldown] ${REPORTS}/2026-Q2/v1.mdx:45:1\nMDXError: Unexpected character\n    at handler (vite-plugin-mdx.js:64:17)`,
      ),
      { hint: 'check the syntax' },
    );
    const text = formatBuildFailure(error, 'dist', REPORTS);
    expect(text).toContain(`${REPORTS}/2026-Q2/v1.mdx:45:1`);
    expect(text).toContain('hint: check the syntax');
    expect(frames(text)).toEqual([]);
  });

  it('an unexpected crash shows its stack and its cause: it is a bug to report', () => {
    const cause = new RangeError('Maximum call stack size exceeded');
    const text = formatBuildFailure(new Error('load failed', { cause }), 'dist', REPORTS);
    expect(text).toContain('This is a bug');
    expect(text).toContain('Error: load failed');
    expect(text).toContain('Caused by:\nRangeError: Maximum call stack size exceeded');
    expect(frames(text).length).toBeGreaterThan(1);
  });
});
