/**
 * The real public datasets beside the checkout (`../shared/datasets/`), used by acceptance
 * tests in CI. A clone of the project alone does not have them: those tests skip with a reason.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_DATASETS = resolve(
  fileURLToPath(new URL('..', import.meta.url)),
  '../shared/datasets',
);

export function sharedDataset(...parts: string[]): {
  path: string;
  available: boolean;
  reason: string;
} {
  const path = join(SHARED_DATASETS, ...parts);
  const available = existsSync(path);
  return {
    path,
    available,
    reason: available
      ? ''
      : ` (skipped: ${path} not found — these datasets sit beside the checkout in CI)`,
  };
}
