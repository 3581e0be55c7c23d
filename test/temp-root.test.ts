import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the test run’s temporary folder (test/temp-root.ts)', () => {
  it('tests and the processes they start make their folders under the run’s own', () => {
    expect(basename(tmpdir())).toMatch(/^review-tests-/);
    const child = execFileSync(process.execPath, ['-p', 'require("node:os").tmpdir()'], {
      encoding: 'utf8',
    }).trim();
    expect(child).toBe(tmpdir());
  });
});
