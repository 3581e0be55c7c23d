/**
 * Vitest's global setup: every temporary folder of a test run goes under one folder of its own,
 * removed when the run ends. The tests make their folders with `mkdtempSync(join(tmpdir(), …))`
 * and start builds that do the same; `tmpdir()` reads TMPDIR, which the workers and every process
 * they start inherit. Before, each `npm test` left several hundred folders (builds, sites,
 * snapshots) in the system's temporary folder. `KEEP_TEST_TMP=1` keeps the folder and says where.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'review-tests-'));
  // Others may pass through, as through the system's folder: the PostgreSQL tests run the
  // server as its own user, in a folder they give it here (test/postgres.ts). Not listable.
  chmodSync(root, 0o711);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env.KEEP_TEST_TMP === '1') console.log(`test files kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  };
}
